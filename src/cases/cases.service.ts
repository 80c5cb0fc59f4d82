import { LRUCache } from 'lru-cache';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { Repository } from 'typeorm';
import { actorOf, type Principal } from '../common/access/principal';
import { toFieldProblems } from '../common/errors/validation-problems';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ResubmitCorrectionsRequestDto } from './dto/case-actions.dto';
import type { Role } from '../../workflows/common/actors';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { vinCheckDigitWarnings } from '../common/validation/vehicle';
import { AgencyEntity } from '../identity/entities/agency.entity';
import { CalendarService } from '../reference/calendar/calendar.service';
import { caseComplaintLines, mergeTimeline } from './timeline/complaint-lines';
import { caseNotificationLines } from './timeline/notification-lines';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  getCaseStateQuery,
  type ResubmitCorrectionsInput,
  resubmitCorrectionsUpdate,
} from '../../workflows/case/case.messages';
import type { CaseRegistration, CaseView, TimelineEntry } from '../../workflows/case/case.types';
import { DAY_MS, type WorkingCalendar } from '../../workflows/common/sla/calendar';
import { ClockSegments, type ClockSegment } from '../../workflows/common/sla/clock-segments';
import { RegisterCaseRequestDto } from './dto/register-case.dto';
import { CaseResponseDto, RegisteredCaseResponseDto } from './dto/case.dto';
import {
  CaseListDto,
  CaseStateDto,
  CaseSummaryDto,
  ListCasesQueryDto,
  TimelineEntryDto,
} from './dto/case-list.dto';
import { CaseRecordEntity } from './entities/case-record.entity';
import { TrackingCodeEntity } from './entities/tracking-code.entity';
import { caseServiceLevelAt } from './case-service-level';
import { reserveTrackingCodes, TrackingCodePool } from './tracking-code-pool';

/** How long a registration may rely on a cached "agency is active". */
const AGENCY_STATUS_TTL_MS = 5_000;

@Injectable()
export class CasesService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly calendar: CalendarService,
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
    @InjectRepository(TrackingCodeEntity)
    private readonly trackingCodes: Repository<TrackingCodeEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
  ) {}

  /**
   * Registers a case: takes a reserved tracking code, then starts the case workflow. Once this
   * returns, the registration is durable in Temporal; the workflow writes the read model.
   * With an `Idempotency-Key`, a retry (same user, same key, same body) answers exactly as the
   * first time and never makes a second case, even if the first attempt died half-way.
   */
  async register(
    principal: Principal,
    request: RegisterCaseRequestDto,
    idempotencyKey?: string,
  ): Promise<RegisteredCaseResponseDto> {
    // The guard let only clerks in, and the database gives every clerk exactly one agency.
    if (!principal.agencyId) throw new AppError('USER.CLERK_NEEDS_AGENCY');
    if (!(await this.agencyIsActive(principal.agencyId))) throw new AppError('AGENCY.INACTIVE');
    const plan = await this.workflows.planOnce({
      userId: principal.userId,
      scope: 'case',
      idempotencyKey,
      request,
      fresh: () => this.freshPlan(),
    });
    const registration: CaseRegistration = {
      caseId: plan.caseId,
      trackingCode: plan.trackingCode,
      requestType: request.requestType,
      agencyId: principal.agencyId,
      registeredBy: principal.userId,
      justification: request.justification,
      vehicles: request.vehicles.map((v) => ({ ...v })),
      registeredAt: plan.registeredAt,
    };
    const serviceLevel = caseServiceLevelAt(
      Date.parse(plan.registeredAt),
      await this.calendar.currentCalendar(),
    );
    await this.workflows.start(
      CASE_WORKFLOW_TYPE,
      caseWorkflowId(plan.caseId),
      [{ registration, serviceLevel }],
      { keyed: idempotencyKey !== undefined },
    );
    const registeredAt = plan.registeredAt;
    const warnings = vinCheckDigitWarnings(request.vehicles);
    return {
      id: plan.caseId,
      trackingCode: plan.trackingCode,
      stage: 'REGISTERED',
      registeredAt,
      registeredAtJalali: formatJalali(registeredAt),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  /**
   * Whether the agency may file cases. Read on every registration and changed rarely: an
   * answer is kept for a few seconds, so deactivating an agency stops its filing within that.
   */
  private async agencyIsActive(agencyId: string): Promise<boolean> {
    const cached = this.activeAgencies.get(agencyId);
    if (cached !== undefined) return cached;
    const agency = await this.agencies.findOne({
      where: { id: agencyId },
      select: { active: true },
    });
    const active = agency?.active === true;
    this.activeAgencies.set(agencyId, active);
    return active;
  }

  private readonly activeAgencies = new LRUCache<string, boolean>({
    max: 10_000,
    ttl: AGENCY_STATUS_TTL_MS,
  });

  /** Tracking codes reserved ahead in `tracking_codes`, each with the id of its future case. */
  private readonly trackingCodePool = new TrackingCodePool((candidates) =>
    reserveTrackingCodes(this.trackingCodes.manager, candidates),
  );

  private async freshPlan(): Promise<RegistrationPlan> {
    const { code, caseId } = await this.trackingCodePool.take();
    return { caseId, trackingCode: code, registeredAt: new Date().toISOString() };
  }

  /** Cases from the read model, newest first by default; a clerk sees only their agency's. */
  async list(principal: Principal, query: ListCasesQueryDto): Promise<CaseListDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.cases.createQueryBuilder('c');
    const agencyId = isDirectorateReader(principal) ? query.agencyId : principal.agencyId;
    if (agencyId) qb.andWhere('c.agency_id = :agencyId', { agencyId });
    if (query.stage) qb.andWhere('c.stage = :stage', { stage: query.stage });
    if (query.requestType) qb.andWhere('c.request_type = :type', { type: query.requestType });
    if (query.registeredFrom) {
      qb.andWhere('c.registered_at >= :from', { from: query.registeredFrom });
    }
    if (query.registeredTo) qb.andWhere('c.registered_at < :to', { to: query.registeredTo });
    if (query.breached !== undefined) {
      qb.andWhere('c.sla_breached = :breached', { breached: query.breached });
    }
    const sort = query.sort ?? '-registeredAt';
    const column = {
      registeredAt: 'c.registeredAt',
      stageSince: 'c.stageSince',
      nextDeadlineAt: 'c.nextDeadlineAt',
    }[sort.replace('-', '') as 'registeredAt' | 'stageSince' | 'nextDeadlineAt'];
    qb.orderBy(column, sort.startsWith('-') ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy(
      'c.id',
      'ASC',
    );
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items: rows.map(toSummary), total, limit, offset };
  }

  /**
   * The case's timeline (who did what, when; ids only) from the case record: every line the
   * workflow wrote (`case_events`), so it reads the same after Temporal has forgotten the case.
   */
  async timeline(principal: Principal, caseId: string): Promise<TimelineEntryDto[]> {
    await this.findVisible(principal, caseId);
    const rows = await this.cases.manager.query<{ data: TimelineEntry }[]>(
      `SELECT data FROM case_events WHERE case_id = $1 AND id <> $2
       ORDER BY (data->>'seq')::int`,
      [caseId, `${caseId}/0`],
    );
    const entries = rows.map((row) => row.data);
    const caseLines = entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      atJalali: formatJalali(e.at),
      by: e.by,
      action: e.action,
      from: e.from,
      to: e.to,
    }));
    // Complaints about the case, and what its notifications did (queued, sent, failed and
    // why), are lines of its timeline too, from their read models.
    const [complaintLines, notificationLines] = await Promise.all([
      caseComplaintLines(this.cases.manager, caseId),
      caseNotificationLines(this.cases.manager, caseId),
    ]);
    return mergeTimeline(mergeTimeline(caseLines, complaintLines), notificationLines);
  }

  /**
   * One human action on a case, decided by the case workflow's own validator; answers with the
   * new state. A clerk acts only on their agency's cases (others are "not found"). With an
   * Idempotency-Key a retried action counts once.
   */
  async act<Arg>(
    principal: Principal,
    caseId: string,
    action: CaseAction,
    update: UpdateDefinition<CaseView, [Arg]>,
    input: Arg,
    idempotencyKey?: string,
  ): Promise<CaseStateDto> {
    await this.findVisible(principal, caseId);
    return this.perform(principal, caseId, update, input, idempotencyKey);
  }

  /** Runs an action on a case the caller was already found to see. */
  private async perform<Arg>(
    principal: Principal,
    caseId: string,
    update: UpdateDefinition<CaseView, [Arg]>,
    input: Arg,
    idempotencyKey?: string,
  ): Promise<CaseStateDto> {
    const view = await this.workflows.perform({
      userId: principal.userId,
      workflowId: caseWorkflowId(caseId),
      update,
      input,
      idempotencyKey,
      notFound: 'CASE.NOT_FOUND',
      // The record exists but the workflow has ended: the case is closed, nothing more to do.
      ended: () => new AppError('CASE.WRONG_STAGE'),
    });
    return toStateDto(view);
  }

  /**
   * The agency's answer to a correction request: a note, documents, and corrected form fields.
   * Corrected fields are checked with the registration form's rules for this case's request
   * type (a vehicle list must still suit it) before the workflow hears of them.
   */
  async resubmit(
    principal: Principal,
    caseId: string,
    body: ResubmitCorrectionsRequestDto,
    idempotencyKey?: string,
  ): Promise<CaseStateDto> {
    const record = await this.findVisible(principal, caseId);
    let changes: ResubmitCorrectionsInput['changes'];
    const changedFields = new Set(body.changedFields ?? []);
    if (body.justification !== undefined || body.vehicles !== undefined) {
      // Corrections are asked for long after the first record is written; without it, no case.
      if (!record) throw new AppError('CASE.NOT_FOUND');
      const form = plainToInstance(RegisterCaseRequestDto, {
        requestType: record.requestType,
        justification: body.justification ?? record.justification,
        vehicles: (body.vehicles ?? record.vehicles).map((v) => ({ ...v })),
      });
      const errors = await validate(form, { whitelist: true, forbidNonWhitelisted: false });
      if (errors.length > 0) {
        throw new AppError('REQUEST.VALIDATION_FAILED', toFieldProblems(errors));
      }
      changes = {};
      if (body.justification !== undefined) {
        changes.justification = form.justification;
        changedFields.add('justification');
      }
      if (body.vehicles !== undefined) {
        changes.vehicles = form.vehicles.map((v) => ({ ...v }));
        changedFields.add('vehicles');
      }
    }
    return this.perform(
      principal,
      caseId,
      resubmitCorrectionsUpdate,
      {
        actor: actorOf(principal),
        note: body.note,
        documentIds: body.documentIds,
        changedFields: changedFields.size > 0 ? [...changedFields] : undefined,
        changes,
      },
      idempotencyKey,
    );
  }

  /**
   * Checks this user may see the case (otherwise CASE.NOT_FOUND, as if it did not exist) and
   * answers its stored record, or undefined when only the workflow knows it yet.
   */
  private async findVisible(
    principal: Principal,
    caseId: string,
  ): Promise<CaseRecordEntity | undefined> {
    const record = await this.cases.findOneBy({ id: caseId });
    let agencyId = record?.agencyId;
    if (!agencyId) {
      const live = await this.queryLive(caseId); // registered a moment ago
      if (live === 'not-found' || live === 'unavailable') throw new AppError('CASE.NOT_FOUND');
      agencyId = live.agencyId;
    }
    if (!canSeeAgencyCase(principal, agencyId)) throw new AppError('CASE.NOT_FOUND');
    return record ?? undefined;
  }

  /**
   * The stored record and the case's state, both from the case record. The workflow is asked
   * only about a case whose state is not recorded yet (registered a moment ago, or from before
   * the record and not back-filled): a closed case never needs a worker.
   */
  async get(principal: Principal, caseId: string): Promise<CaseResponseDto> {
    const [record, stored] = await Promise.all([
      this.cases.findOneBy({ id: caseId }),
      this.storedState(caseId),
    ]);
    let liveState: CaseView | null = stored ?? null;
    if (!stored) {
      const live = await this.queryLive(caseId);
      if (live === 'not-found' && !record) throw new AppError('CASE.NOT_FOUND');
      liveState = live === 'not-found' || live === 'unavailable' ? null : live;
    }
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
      live: liveState && toStateDto(liveState),
    };
  }

  /**
   * The case's state after its newest recorded line. While the directorate's clock runs, its
   * working days used are counted to now on the case's pinned calendar (or today's calendar
   * for a case whose calendar was not recorded), as the workflow's own answer would be.
   */
  private async storedState(caseId: string): Promise<CaseView | undefined> {
    const [row] = await this.cases.manager.query<
      {
        view: CaseView;
        directorate_clock: ClockSegment[] | null;
        calendar: WorkingCalendar | null;
        registered_at: Date;
      }[]
    >(
      `SELECT s.view, s.directorate_clock, s.calendar, c.registered_at
       FROM case_states s JOIN cases c ON c.id = s.case_id WHERE s.case_id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const clock = row.directorate_clock;
    if (!clock || clock.length === 0 || clock[clock.length - 1].to !== undefined) return row.view;
    const calendar =
      row.calendar ??
      caseServiceLevelAt(row.registered_at.getTime(), await this.calendar.currentCalendar())
        .calendar;
    const used = new ClockSegments(clock, calendar).usedWorkingMs(Date.now());
    return { ...row.view, directorateWorkingDaysUsed: Math.round((used / DAY_MS) * 100) / 100 };
  }

  private queryLive(caseId: string): Promise<CaseView | 'not-found' | 'unavailable'> {
    return this.workflows.query(caseWorkflowId(caseId), getCaseStateQuery);
  }
}

const DIRECTORATE_CASE_READERS: readonly Role[] = ['REVIEWER', 'SECRETARY', 'OPERATOR'];

export type CaseAction = 'accept' | 'corrections' | 'reject' | 'resubmit' | 'withdraw' | 'cancel';

/** What a registration is given before its workflow starts (stored as JSON under its key). */
interface RegistrationPlan {
  caseId: string;
  trackingCode: string;
  /** ISO instant. */
  registeredAt: string;
}

function isDirectorateReader(principal: Principal): boolean {
  return principal.roles.some((r) => DIRECTORATE_CASE_READERS.includes(r));
}

function toSummary(record: CaseRecordEntity): CaseSummaryDto {
  const registeredAt = record.registeredAt.toISOString();
  const next = record.nextDeadlineAt ? record.nextDeadlineAt.toISOString() : null;
  return {
    id: record.id,
    trackingCode: record.trackingCode,
    requestType: record.requestType,
    agencyId: record.agencyId,
    stage: record.stage,
    waitingOn: record.waitingOn,
    stageSince: record.stageSince.toISOString(),
    registeredAt,
    registeredAtJalali: formatJalali(registeredAt),
    slaBreached: record.slaBreached,
    nextDeadlineAt: next,
    nextDeadlineAtJalali: next && formatJalali(next),
  };
}

/** The workflow's answer to an action, with Jalali dates beside the ISO ones. */
export function toStateDto(view: CaseView): CaseStateDto {
  return {
    id: view.caseId,
    trackingCode: view.trackingCode,
    stage: view.stage,
    waitingOn: view.waitingOn,
    stageSince: view.stageSince,
    stageSinceJalali: formatJalali(view.stageSince),
    reviewRound: view.reviewRound,
    corrections: view.corrections,
    session: view.session,
    decision: view.decision,
    result: view.result,
    closure: view.closure,
    deadlines: view.deadlines.map((d) => ({ ...d, dueAtJalali: formatJalali(d.dueAt) })),
    breaches: view.breaches,
    directorateWorkingDaysUsed: view.directorateWorkingDaysUsed,
  };
}

/** Clerks see their own agency's cases; the directorate roles allowed in by the guard see all. */
export function canSeeAgencyCase(principal: Principal, agencyId: string): boolean {
  if (principal.roles.some((r) => DIRECTORATE_CASE_READERS.includes(r))) return true;
  return principal.roles.includes('CLERK') && principal.agencyId === agencyId;
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}
