import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { QueryFailedError, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Role } from '../../workflows/actors';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { AgencyEntity } from '../identity/entities/agency.entity';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';
import { caseWorkflowId, getCaseStateQuery } from '../../workflows/case.messages';
import type { CaseRegistration, CaseView } from '../../workflows/case.types';
import type { caseWorkflow } from '../../workflows/case.workflow';
import { RegisterCaseRequestDto } from './dto/register-case.request.dto';
import { CaseResponseDto, RegisteredCaseResponseDto } from './dto/case.response.dto';
import { CaseRecordEntity } from './entities/case-record.entity';
import { TrackingCodeEntity } from './entities/tracking-code.entity';
import { caseServiceLevelAt } from './service-level';
import { generateTrackingCode } from './tracking-code';

const TRACKING_CODE_ATTEMPTS = 5;
const UNIQUE_VIOLATION = '23505';
/** A query needs a worker; do not hold the caller longer than this when none answers. */
const LIVE_QUERY_TIMEOUT_MS = 5000;

@Injectable()
export class CasesService {
  private readonly logger = new Logger(CasesService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
    @InjectRepository(TrackingCodeEntity)
    private readonly trackingCodes: Repository<TrackingCodeEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
  ) {}

  /**
   * Registers a case: reserves a unique tracking code, then starts the case workflow. Once this
   * returns, the registration is durable in Temporal; the workflow writes the read model.
   */
  async register(
    principal: Principal,
    request: RegisterCaseRequestDto,
  ): Promise<RegisteredCaseResponseDto> {
    // The guard let only clerks in, and the database gives every clerk exactly one agency.
    if (!principal.agencyId) throw new AppError('USER.CLERK_NEEDS_AGENCY');
    const agency = await this.agencies.findOneBy({ id: principal.agencyId });
    if (!agency?.active) throw new AppError('AGENCY.INACTIVE');
    const caseId = randomUUID();
    const trackingCode = await this.reserveTrackingCode(caseId);
    const registration: CaseRegistration = {
      caseId,
      trackingCode,
      requestType: request.requestType,
      agencyId: principal.agencyId,
      registeredBy: principal.userId,
      justification: request.justification,
      vehicles: request.vehicles.map((v) => ({ ...v })),
      registeredAt: new Date().toISOString(),
    };
    try {
      await this.temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: caseWorkflowId(caseId),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [
          {
            registration,
            serviceLevel: caseServiceLevelAt(Date.parse(registration.registeredAt), {
              thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
            }),
          },
        ],
      });
    } catch (error) {
      this.logger.error({ err: error, caseId }, 'could not start the case workflow');
      throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
    }
    this.logger.log({ caseId, requestType: registration.requestType }, 'case registered');
    return {
      id: caseId,
      trackingCode,
      stage: 'REGISTERED',
      registeredAt: registration.registeredAt,
      registeredAtJalali: formatJalali(registration.registeredAt),
    };
  }

  /** The stored record and the workflow's live answer side by side. */
  async get(principal: Principal, caseId: string): Promise<CaseResponseDto> {
    const [record, live] = await Promise.all([
      this.cases.findOneBy({ id: caseId }),
      this.queryLive(caseId),
    ]);
    if (live === 'not-found' && !record) throw new AppError('CASE.NOT_FOUND');
    const liveState = live === 'not-found' || live === 'unavailable' ? null : live;
    const base = record ?? liveState;
    if (!base) throw new AppError('CASE.NOT_FOUND'); // the workflow exists but neither answered yet
    // Another agency's case is answered as if it did not exist: its existence is confidential too.
    if (!canSeeAgencyCase(principal, base.agencyId)) throw new AppError('CASE.NOT_FOUND');
    const registeredAt = toIso(base.registeredAt);
    return {
      id: caseId,
      trackingCode: base.trackingCode,
      requestType: base.requestType,
      agencyId: base.agencyId,
      stage: base.stage,
      waitingOn: base.waitingOn,
      stageSince: toIso(base.stageSince),
      registeredAt,
      registeredAtJalali: formatJalali(registeredAt),
      justification: record?.justification,
      vehicles: record?.vehicles,
      live: liveState && {
        stage: liveState.stage,
        waitingOn: liveState.waitingOn,
        stageSince: liveState.stageSince,
      },
    };
  }

  private async queryLive(caseId: string): Promise<CaseView | 'not-found' | 'unavailable'> {
    const handle = this.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), LIVE_QUERY_TIMEOUT_MS);
    try {
      return await this.temporal.withAbortSignal(abort.signal, () =>
        handle.query(getCaseStateQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'not-found';
      this.logger.warn({ err: error, caseId }, 'live state query failed');
      return 'unavailable';
    } finally {
      clearTimeout(timer);
    }
  }

  private async reserveTrackingCode(caseId: string): Promise<string> {
    for (let attempt = 1; attempt <= TRACKING_CODE_ATTEMPTS; attempt++) {
      const code = generateTrackingCode();
      try {
        await this.trackingCodes.insert({ code, caseId });
        return code;
      } catch (error) {
        const duplicate =
          error instanceof QueryFailedError &&
          (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
        if (!duplicate) throw error;
        this.logger.warn({ attempt }, 'tracking code collision; drawing another');
      }
    }
    throw new AppError('CASE.TRACKING_CODE_EXHAUSTED');
  }
}

const DIRECTORATE_CASE_READERS: readonly Role[] = ['REVIEWER', 'SECRETARY', 'OPERATOR'];

/** Clerks see their own agency's cases; the directorate roles allowed in by the guard see all. */
export function canSeeAgencyCase(principal: Principal, agencyId: string): boolean {
  if (principal.roles.some((r) => DIRECTORATE_CASE_READERS.includes(r))) return true;
  return principal.roles.includes('CLERK') && principal.agencyId === agencyId;
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}
