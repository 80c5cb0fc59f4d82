import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { Repository } from 'typeorm';
import { uuidFrom } from '../common/fingerprint';
import { actorOf, hasRole, type Principal } from '../common/access/principal';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import { canSeeAgencyCase } from '../cases/cases.service';
import { checkTrackingCode, generateTrackingCode } from '../common/tracking-code';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { normalizeDigits } from '../common/validation/persian-text';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { UserEntity } from '../identity/entities/user.entity';
import { CalendarService } from '../reference/calendar/calendar.service';
import { getCaseStateQuery, caseWorkflowId } from '../../workflows/case/case.messages';
import {
  COMPLAINT_WORKFLOW_TYPE,
  answerComplaintUpdate,
  assignComplaintUpdate,
  complaintWorkflowId,
  getComplaintStateQuery,
  withdrawComplaintUpdate,
} from '../../workflows/complaint/complaint.messages';
import { complaintDeadline } from '../../workflows/complaint/complaint.rules';
import {
  COMPLAINT_OWNER_ROLES,
  type ComplaintFiling,
  type ComplaintStatus,
  type ComplaintView,
} from '../../workflows/complaint/complaint.types';
import { complaintServiceLevelAt } from './complaint-service-level';
import * as Dto from './dto/complaint.dto';
import { ComplaintCodeEntity } from './entities/complaint-code.entity';
import { ComplaintEventEntity } from './entities/complaint-event.entity';
import { ComplaintRecordEntity } from './entities/complaint-record.entity';

const TRACKING_CODE_ATTEMPTS = 5;

/** What the public sees next, per status (no names, no text). */
const NEXT_STEP: Record<ComplaintStatus, { fa: string; en: string }> = {
  OPEN: {
    fa: 'ثبت شده است و به مسئول رسیدگی سپرده می‌شود.',
    en: 'Registered; it is being handed to someone who will answer it.',
  },
  ASSIGNED: {
    fa: 'در دست رسیدگی است؛ پاسخ تا موعد اعلام‌شده داده می‌شود.',
    en: 'Being looked into; the answer is due by the date shown.',
  },
  ANSWERED: {
    fa: 'پاسخ داده شده است؛ برای دیدن پاسخ وارد سامانه شوید.',
    en: 'Answered; sign in to read the answer.',
  },
  WITHDRAWN: { fa: 'ثبت‌کننده آن را پس گرفته است.', en: 'Withdrawn by the person who filed it.' },
};

/** What a filing is given before its workflow starts (stored as JSON under its key). */
interface FilingPlan {
  complaintId: string;
  trackingCode: string;
  /** ISO instant. */
  filedAt: string;
}

/**
 * Opinions and complaints (docs/domain.md §4.2): filing starts a complaint workflow; reads come from the
 * read model its activities keep; every action is a workflow update. The filer sees their own,
 * the owner those assigned to them, operators all; anyone else is told "not found".
 */
@Injectable()
export class ComplaintsService {
  private readonly logger = new Logger(ComplaintsService.name);

  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly calendar: CalendarService,
    @InjectRepository(ComplaintRecordEntity)
    private readonly complaints: Repository<ComplaintRecordEntity>,
    @InjectRepository(ComplaintEventEntity)
    private readonly events: Repository<ComplaintEventEntity>,
    @InjectRepository(ComplaintCodeEntity)
    private readonly codes: Repository<ComplaintCodeEntity>,
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Files an opinion or complaint: checks the case it is about (a clerk only their agency's,
   * others "not found"), reserves a unique tracking code, starts the workflow. Once this returns
   * the filing is durable. With an Idempotency-Key a retry answers as the first time.
   */
  async file(
    principal: Principal,
    body: Dto.FileComplaintRequestDto,
    idempotencyKey?: string,
  ): Promise<Dto.FiledComplaintResponseDto> {
    const caseAgencyId = body.caseId ? await this.visibleCaseAgency(principal, body.caseId) : null;
    const plan = await this.workflows.planOnce({
      userId: principal.userId,
      scope: 'complaint',
      idempotencyKey,
      request: body,
      // Keyed, the id still comes from the key as before this table held complaint keys: a
      // retry of a filing made before then finds its code and its workflow again.
      fresh: () =>
        this.reserve(
          idempotencyKey
            ? uuidFrom(`complaint:${principal.userId}:${idempotencyKey}`)
            : randomUUID(),
          principal.userId,
        ),
    });
    const filing: ComplaintFiling = {
      complaintId: plan.complaintId,
      trackingCode: plan.trackingCode,
      kind: body.kind,
      ...(body.caseId ? { caseId: body.caseId, caseAgencyId: caseAgencyId! } : {}),
      subject: body.subject,
      text: body.text,
      filedBy: principal.userId,
      ...(principal.agencyId ? { filerAgencyId: principal.agencyId } : {}),
      filedAt: plan.filedAt,
    };
    const serviceLevel = complaintServiceLevelAt(
      Date.parse(plan.filedAt),
      await this.calendar.currentCalendar(),
    );
    await this.workflows.start(
      COMPLAINT_WORKFLOW_TYPE,
      complaintWorkflowId(plan.complaintId),
      [{ filing, serviceLevel }],
      { keyed: idempotencyKey !== undefined },
    );
    const filedAt = filing.filedAt;
    const { dueAt } = complaintDeadline(Date.parse(plan.filedAt), serviceLevel);
    return {
      id: plan.complaintId,
      trackingCode: plan.trackingCode,
      kind: body.kind,
      status: 'OPEN',
      ...(body.caseId ? { caseId: body.caseId } : {}),
      filedAt,
      filedAtJalali: formatJalali(filedAt),
      dueAt,
      dueAtJalali: formatJalali(dueAt),
    };
  }

  /** The agency of a case this user may see (CASE.NOT_FOUND otherwise, as everywhere). */
  private async visibleCaseAgency(principal: Principal, caseId: string): Promise<string> {
    const record = await this.cases.findOne({ where: { id: caseId }, select: { agencyId: true } });
    let agencyId = record?.agencyId;
    if (!agencyId) {
      const live = await this.workflows.query(caseWorkflowId(caseId), getCaseStateQuery);
      if (typeof live !== 'object') throw new AppError('CASE.NOT_FOUND');
      agencyId = live.agencyId;
    }
    if (!canSeeAgencyCase(principal, agencyId)) throw new AppError('CASE.NOT_FOUND');
    return agencyId;
  }

  /**
   * Reserves a fresh tracking code for the complaint (the primary key keeps codes unique). A
   * complaint id that already has its code (a keyed filing retried) keeps that code and time.
   */
  private async reserve(complaintId: string, userId: string): Promise<FilingPlan> {
    for (let attempt = 1; attempt <= TRACKING_CODE_ATTEMPTS; attempt++) {
      try {
        // Only the complaint id may clash quietly: a clash on the code must draw another.
        await this.codes.query(
          `INSERT INTO complaint_codes (code, complaint_id, user_id, filed_at)
           VALUES ($1, $2, $3, now()) ON CONFLICT (complaint_id) DO NOTHING`,
          [generateTrackingCode(), complaintId, userId],
        );
        const row = await this.codes.findOneByOrFail({ complaintId });
        return { complaintId, trackingCode: row.code, filedAt: row.filedAt.toISOString() };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        this.logger.warn({ attempt }, 'complaint tracking code collision; drawing another');
      }
    }
    throw new AppError('CASE.TRACKING_CODE_EXHAUSTED');
  }

  /** The filer's own, the owner's assigned ones; operators all. Newest first. */
  async list(
    principal: Principal,
    query: Dto.ListComplaintsQueryDto,
  ): Promise<Dto.ComplaintListDto> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.complaints.createQueryBuilder('c');
    if (!hasRole(principal, 'OPERATOR')) {
      qb.andWhere('(c.filed_by = :me OR c.owner_id = :me)', { me: principal.userId });
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    qb.orderBy('c.filedAt', 'DESC').addOrderBy('c.id', 'ASC');
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items: rows.map((r) => toDto(r)), total, limit, offset };
  }

  /** One complaint with its history; the live workflow answers while the read model catches up. */
  async get(principal: Principal, complaintId: string): Promise<Dto.ComplaintDto> {
    const record = await this.complaints.findOneBy({ id: complaintId });
    if (record) {
      if (!canSee(principal, record.filedBy, record.ownerId)) {
        throw new AppError('COMPLAINT.NOT_FOUND');
      }
      const events = await this.events.find({
        where: { complaintId },
        order: { seq: 'ASC' },
      });
      return toDto(record, events.map(toEventDto));
    }
    const live = await this.queryLive(complaintId); // filed a moment ago
    if (typeof live !== 'object' || !canSee(principal, live.filedBy, live.owner?.userId)) {
      throw new AppError('COMPLAINT.NOT_FOUND');
    }
    return fromView(live);
  }

  /** An operator hands the complaint to an active directorate user who may answer it. */
  async assign(
    principal: Principal,
    complaintId: string,
    body: Dto.AssignComplaintRequestDto,
    idempotencyKey?: string,
  ): Promise<Dto.ComplaintDto> {
    await this.findVisible(principal, complaintId);
    const owner = await this.users.findOne({
      where: { id: body.ownerId },
      select: { id: true, roles: true, disabled: true },
    });
    const roles = owner?.roles ?? [];
    if (
      !owner ||
      owner.disabled ||
      !roles.some((r) => (COMPLAINT_OWNER_ROLES as readonly string[]).includes(r))
    ) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'ownerId',
          code: 'ownerNotStaff',
          message: {
            fa: 'مسئول رسیدگی باید کاربر فعال اداره کل با نقش کارشناس، دبیر یا راهبر باشد.',
            en: 'ownerId must be an active directorate user holding REVIEWER, SECRETARY or OPERATOR',
          },
        },
      ]);
    }
    return this.perform(
      principal,
      complaintId,
      assignComplaintUpdate,
      {
        actor: actorOf(principal),
        owner: { userId: owner.id, roles: [...roles] },
        ...(body.note !== undefined ? { note: body.note } : {}),
      },
      idempotencyKey,
    );
  }

  async answer(
    principal: Principal,
    complaintId: string,
    body: Dto.AnswerComplaintRequestDto,
    key?: string,
  ): Promise<Dto.ComplaintDto> {
    const input = { actor: actorOf(principal), answer: body.answer };
    return this.performVisible(principal, complaintId, answerComplaintUpdate, input, key);
  }

  async withdraw(
    principal: Principal,
    complaintId: string,
    body: Dto.WithdrawComplaintRequestDto,
    key?: string,
  ): Promise<Dto.ComplaintDto> {
    const input = {
      actor: actorOf(principal),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
    };
    return this.performVisible(principal, complaintId, withdrawComplaintUpdate, input, key);
  }

  /**
   * The public view by tracking code: kind, status, dates and next step — no subject, text,
   * answer or people. A mistyped code (check digit) is told apart from an unknown one.
   */
  async track(raw: string): Promise<Dto.ComplaintTrackingDto> {
    const code = normalizeDigits(raw).replace(/[\s-]/g, '');
    const check = checkTrackingCode(code);
    if (check !== 'valid') {
      throw new AppError('TRACKING.INVALID_CODE', [
        {
          field: 'code',
          code: check === 'malformed' ? 'malformed' : 'checkDigit',
          message: {
            fa: 'کد پیگیری باید ۱۲ رقم با رقم کنترل درست باشد.',
            en: 'code must be 12 digits with a correct check digit',
          },
        },
      ]);
    }
    const [row] = await this.complaints.query<
      {
        kind: Dto.ComplaintDto['kind'];
        status: ComplaintStatus;
        filed_at: Date;
        status_since: Date;
        due_at: Date;
      }[]
    >(
      `SELECT kind, status, filed_at, status_since, due_at FROM complaints WHERE tracking_code = $1`,
      [code],
    );
    // Also a code reserved a moment ago whose workflow has not written its first record yet.
    if (!row) throw new AppError('COMPLAINT.NOT_FOUND');
    const [filedAt, statusSince, dueAt] = [row.filed_at, row.status_since, row.due_at].map((d) =>
      d.toISOString(),
    );
    return {
      trackingCode: code,
      kind: row.kind,
      status: row.status,
      filedAt,
      filedAtJalali: formatJalali(filedAt),
      statusSince,
      statusSinceJalali: formatJalali(statusSince),
      dueAt,
      dueAtJalali: formatJalali(dueAt),
      nextStep: NEXT_STEP[row.status],
    };
  }

  /** Checks this user may see the complaint (otherwise COMPLAINT.NOT_FOUND). */
  private async findVisible(principal: Principal, complaintId: string): Promise<void> {
    const record = await this.complaints.findOne({
      where: { id: complaintId },
      select: { id: true, filedBy: true, ownerId: true },
    });
    if (record) {
      if (!canSee(principal, record.filedBy, record.ownerId)) {
        throw new AppError('COMPLAINT.NOT_FOUND');
      }
      return;
    }
    const live = await this.queryLive(complaintId);
    if (typeof live !== 'object' || !canSee(principal, live.filedBy, live.owner?.userId)) {
      throw new AppError('COMPLAINT.NOT_FOUND');
    }
  }

  /** `perform`, once the principal is known to see the complaint (others: COMPLAINT.NOT_FOUND). */
  private async performVisible<Arg>(
    ...action: [Principal, string, UpdateDefinition<ComplaintView, [Arg]>, Arg, string?]
  ): Promise<Dto.ComplaintDto> {
    await this.findVisible(action[0], action[1]);
    return this.perform(...action);
  }

  /** One action as a workflow update; an Idempotency-Key makes a retry count once. */
  private async perform<Arg>(
    principal: Principal,
    complaintId: string,
    update: UpdateDefinition<ComplaintView, [Arg]>,
    input: Arg,
    idempotencyKey?: string,
  ): Promise<Dto.ComplaintDto> {
    const view = await this.workflows.perform({
      userId: principal.userId,
      workflowId: complaintWorkflowId(complaintId),
      update,
      input,
      idempotencyKey,
      notFound: 'CASE.NOT_FOUND',
      // The record exists but its workflow has ended (answered or withdrawn): nothing more to do.
      ended: () => new AppError('COMPLAINT.WRONG_STATUS'),
    });
    return fromView(view);
  }

  private queryLive(complaintId: string): Promise<ComplaintView | 'not-found' | 'unavailable'> {
    return this.workflows.query(complaintWorkflowId(complaintId), getComplaintStateQuery);
  }
}

/** Operators see every complaint; anyone else the ones they filed or own. */
function canSee(principal: Principal, filedBy: string, ownerId?: string | null): boolean {
  return (
    hasRole(principal, 'OPERATOR') || principal.userId === filedBy || principal.userId === ownerId
  );
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function toEventDto(e: ComplaintEventEntity): Dto.ComplaintEventDto {
  const at = iso(e.occurredAt);
  return {
    seq: e.seq,
    at,
    atJalali: formatJalali(at),
    by: e.actor,
    action: e.kind,
    ...(Object.keys(e.data ?? {}).length > 0 ? { details: e.data } : {}),
  };
}

function toDto(r: ComplaintRecordEntity, events?: Dto.ComplaintEventDto[]): Dto.ComplaintDto {
  const answeredAt = isoOrNull(r.answeredAt);
  const withdrawnAt = isoOrNull(r.withdrawnAt);
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    kind: r.kind,
    status: r.status,
    statusSince: iso(r.statusSince),
    statusSinceJalali: formatJalali(r.statusSince),
    caseId: r.caseId,
    subject: r.subject,
    text: r.text,
    filedBy: r.filedBy,
    filedAt: iso(r.filedAt),
    filedAtJalali: formatJalali(r.filedAt),
    ownerId: r.ownerId,
    dueAt: iso(r.dueAt),
    dueAtJalali: formatJalali(r.dueAt),
    escalatedAt: isoOrNull(r.escalatedAt),
    answer:
      answeredAt && r.answerText !== null && r.answeredBy !== null
        ? {
            text: r.answerText,
            by: r.answeredBy,
            at: answeredAt,
            atJalali: formatJalali(answeredAt),
          }
        : null,
    withdrawal: withdrawnAt
      ? {
          ...(r.withdrawReason !== null ? { reason: r.withdrawReason } : {}),
          at: withdrawnAt,
          atJalali: formatJalali(withdrawnAt),
        }
      : null,
    policyVersion: r.policyVersion,
    ...(events ? { events } : {}),
  };
}

/** The workflow's answer to an action (or its live state), in the same shape as a stored one. */
function fromView(v: ComplaintView): Dto.ComplaintDto {
  return {
    id: v.complaintId,
    trackingCode: v.trackingCode,
    kind: v.kind,
    status: v.status,
    statusSince: v.statusSince,
    statusSinceJalali: formatJalali(v.statusSince),
    caseId: v.caseId ?? null,
    subject: v.subject,
    text: v.text,
    filedBy: v.filedBy,
    filedAt: v.filedAt,
    filedAtJalali: formatJalali(v.filedAt),
    ownerId: v.owner?.userId ?? null,
    dueAt: v.dueAt,
    dueAtJalali: formatJalali(v.dueAt),
    escalatedAt: v.escalatedAt ?? null,
    answer: v.answer ? { ...v.answer, atJalali: formatJalali(v.answer.at) } : null,
    withdrawal: v.withdrawal
      ? {
          ...(v.withdrawal.reason !== undefined ? { reason: v.withdrawal.reason } : {}),
          at: v.withdrawal.at,
          atJalali: formatJalali(v.withdrawal.at),
        }
      : null,
    policyVersion: v.policyVersion,
    events: v.events.map((e) => ({ ...e, atJalali: formatJalali(e.at) })),
  };
}
