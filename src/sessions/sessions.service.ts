import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { In, Repository } from 'typeorm';
import { actorOf, type Principal } from '../common/access/principal';
import { WorkflowGateway } from '../temporal/workflow-gateway.service';
import { uuidFrom } from '../common/fingerprint';
import { AppError, type FieldProblem } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { caseServiceLevelAt } from '../cases/case-service-level';
import { CalendarService } from '../reference/calendar/calendar.service';
import { UserEntity } from '../identity/entities/user.entity';
import type { Actor, Role } from '../../workflows/common/actors';
import {
  addCaseToAgendaUpdate,
  approveMinutesUpdate,
  cancelSessionUpdate,
  declareConflictUpdate,
  draftMinutesUpdate,
  getSessionStateQuery,
  markHeldUpdate,
  moveSessionUpdate,
  objectToMinutesUpdate,
  recordDecisionUpdate,
  removeCaseFromAgendaUpdate,
  SESSION_WORKFLOW_TYPE,
  sessionWorkflowId,
  setMembersUpdate,
} from '../../workflows/session/session.messages';
import type {
  SessionInput,
  SessionMember,
  SessionView,
} from '../../workflows/session/session.types';
import type * as Requests from './dto/session-requests.dto';
import type {
  SessionListDto,
  SessionResponseDto,
  SessionSummaryDto,
  SessionViewDto,
} from './dto/session.dto';
import { SessionRecordEntity } from './entities/session-record.entity';
import { decisionProblems, membersAndQuorumProblems, toQuorumRule } from './session-input';

const DEFAULT_LIMIT = 20;

/** Roles that see every session; anyone else (a member) sees only the sessions they sit on. */
const SEE_ALL_SESSIONS: readonly Role[] = ['SECRETARY', 'OPERATOR'];

/** Who may act on a session: the workflow decides; the API only hides what a member may not see. */
type Scope = 'secretary' | 'member';

@Injectable()
export class SessionsService {
  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly calendar: CalendarService,
    @InjectRepository(SessionRecordEntity)
    private readonly sessions: Repository<SessionRecordEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Plans a session: checks its members against the users table, then starts its workflow.
   * Once `start` returns the session is durable; the workflow writes the read model and sends
   * the invitations. Answers with the workflow's state, or (when no worker answers at once)
   * the state the workflow starts with.
   */
  async create(
    principal: Principal,
    request: Requests.CreateSessionRequestDto,
    idempotencyKey?: string,
  ): Promise<SessionViewDto> {
    const members = await this.checkedMembers(request.members, request.quorum);
    const quorum = toQuorumRule(request.quorum);
    const sessionAt = new Date(request.sessionAt).toISOString();
    // The key is bound to what this create asks (the same key with another session is refused
    // before anything starts); the session's id is the plan stored under it.
    const { sessionId } = await this.workflows.planOnce({
      userId: principal.userId,
      scope: 'session',
      idempotencyKey,
      request: { sessionAt, place: request.place, members, quorum },
      // Keyed, the id still comes from the key as before this table held session keys: a
      // retry of a create made before then finds the workflow it started.
      fresh: () =>
        Promise.resolve({
          sessionId: idempotencyKey
            ? uuidFrom(`session:${principal.userId}:${idempotencyKey}`)
            : randomUUID(),
        }),
    });
    const input: SessionInput = {
      sessionId,
      sessionAt,
      place: request.place,
      members,
      quorum,
      createdBy: principal.userId,
      serviceLevel: await this.serviceLevel(),
    };
    const startedAt = new Date().toISOString();
    const started = await this.workflows.start(
      SESSION_WORKFLOW_TYPE,
      sessionWorkflowId(sessionId),
      [input],
      { keyed: idempotencyKey !== undefined },
    );
    if (started === 'already-started') {
      // A retried create finds the workflow it started the first time: that session answers.
      const live = await this.queryLive(sessionId);
      if (typeof live !== 'object') throw new AppError('SERVICE.WORKFLOW_UNAVAILABLE');
      return live;
    }
    const live = await this.queryLive(sessionId);
    if (typeof live === 'object') return live;
    return {
      sessionId,
      stage: 'PLANNED',
      stageSince: startedAt,
      sessionAt: input.sessionAt,
      place: input.place,
      members: input.members,
      quorum: input.quorum,
      agenda: [],
      pastMinutesRounds: [],
      deadlines: [],
      breaches: [],
    };
  }

  /** The read model, newest meeting first; a member sees only the sessions they sit on. */
  async list(principal: Principal, query: Requests.ListSessionsQueryDto): Promise<SessionListDto> {
    const qb = this.sessions
      .createQueryBuilder('s')
      .orderBy('s.session_at', 'DESC')
      .addOrderBy('s.id', 'ASC');
    if (!seesAllSessions(principal)) {
      qb.andWhere('s.members @> CAST(:member AS jsonb)', {
        member: JSON.stringify([{ userId: principal.userId }]),
      });
    }
    if (query.stage) qb.andWhere('s.stage = :stage', { stage: query.stage });
    if (query.from) qb.andWhere('s.session_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('s.session_at < :to', { to: new Date(query.to) });
    const [rows, total] = await qb
      .take(query.limit ?? DEFAULT_LIMIT)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items: rows.map(toSummary), total };
  }

  /**
   * The stored record and the session's whole state, both from the case record. The workflow
   * is asked only about a session whose state is not recorded yet (planned a moment ago, or
   * last written before the record and not back-filled): a closed session needs no worker.
   */
  async get(principal: Principal, sessionId: string): Promise<SessionResponseDto> {
    const record = await this.sessions.findOneBy({ id: sessionId });
    let liveView: SessionView | null = record?.view ?? null;
    if (!liveView) {
      const live = await this.queryLive(sessionId);
      liveView = typeof live === 'object' ? live : null;
    }
    if (!record && !liveView) throw new AppError('SESSION.NOT_FOUND');
    const members = liveView?.members ?? record!.members;
    // A session a member does not sit on is answered as if it did not exist.
    if (!canSeeSession(principal, members)) throw new AppError('SESSION.NOT_FOUND');
    const summary = record ? toSummary(record) : summaryOfView(liveView!);
    return { ...summary, live: liveView };
  }

  // ---- the secretary's actions ----------------------------------------------------------------

  move(principal: Principal, id: string, body: Requests.MoveSessionRequestDto, key?: string) {
    return this.act(principal, id, key, 'secretary', moveSessionUpdate, (actor) => ({
      actor,
      sessionAt: new Date(body.sessionAt).toISOString(),
      ...(body.place !== undefined && { place: body.place }),
    }));
  }

  async setMembers(
    principal: Principal,
    id: string,
    body: Requests.SetMembersRequestDto,
    key?: string,
  ) {
    const members = await this.checkedMembers(body.members, body.quorum);
    return this.act(principal, id, key, 'secretary', setMembersUpdate, (actor) => ({
      actor,
      members,
      ...(body.quorum && { quorum: toQuorumRule(body.quorum) }),
    }));
  }

  addCase(principal: Principal, id: string, caseId: string, key?: string) {
    return this.act(principal, id, key, 'secretary', addCaseToAgendaUpdate, (actor) => ({
      actor,
      caseId,
    }));
  }

  removeCase(
    principal: Principal,
    id: string,
    caseId: string,
    reasons: { body?: string; query?: string },
    key?: string,
  ) {
    if (reasons.body !== undefined && reasons.query !== undefined) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'reason',
          code: 'oneReason',
          message: {
            fa: 'دلیل را یا در بدنه درخواست بفرستید یا در نشانی (?reason=)، نه هر دو.',
            en: 'give the reason either in the body or as ?reason=, not both',
          },
        },
      ]);
    }
    const reason = reasons.body ?? reasons.query;
    if (reason === undefined) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'reason',
          code: 'required',
          message: {
            fa: 'دلیل خارج کردن درخواست از دستور جلسه الزامی است.',
            en: 'reason is required (in the body or as ?reason=)',
          },
        },
      ]);
    }
    return this.act(principal, id, key, 'secretary', removeCaseFromAgendaUpdate, (actor) => ({
      actor,
      caseId,
      reason,
    }));
  }

  cancel(principal: Principal, id: string, reason: string, key?: string) {
    return this.act(principal, id, key, 'secretary', cancelSessionUpdate, (actor) => ({
      actor,
      reason,
    }));
  }

  markHeld(principal: Principal, id: string, body: Requests.MarkHeldRequestDto, key?: string) {
    return this.act(principal, id, key, 'secretary', markHeldUpdate, (actor) => ({
      actor,
      presentMemberIds: body.presentMemberIds,
    }));
  }

  recordDecision(
    principal: Principal,
    id: string,
    body: Requests.RecordDecisionRequestDto,
    key?: string,
  ) {
    const problems = decisionProblems(body);
    if (problems.length > 0) throw new AppError('REQUEST.VALIDATION_FAILED', problems);
    return this.act(principal, id, key, 'secretary', recordDecisionUpdate, (actor) => ({
      actor,
      caseId: body.caseId,
      decision: {
        outcome: body.outcome,
        ...(body.conditions && { conditions: body.conditions }),
        ...(body.reasons && { reasons: body.reasons }),
        ...(body.deficiencies && {
          deficiencies: body.deficiencies.map(({ target, note }) => ({ target, note })),
        }),
      },
    }));
  }

  draftMinutes(principal: Principal, id: string, key?: string) {
    return this.act(principal, id, key, 'secretary', draftMinutesUpdate, (actor) => ({ actor }));
  }

  // ---- the members' actions -------------------------------------------------------------------

  approveMinutes(principal: Principal, id: string, key?: string) {
    return this.act(principal, id, key, 'member', approveMinutesUpdate, (actor) => ({ actor }));
  }

  objectToMinutes(
    principal: Principal,
    id: string,
    body: Requests.ObjectToMinutesRequestDto,
    key?: string,
  ) {
    return this.act(principal, id, key, 'member', objectToMinutesUpdate, (actor) => ({
      actor,
      comment: body.comment,
    }));
  }

  declareConflict(
    principal: Principal,
    id: string,
    body: Requests.DeclareConflictRequestDto,
    key?: string,
  ) {
    return this.act(principal, id, key, 'member', declareConflictUpdate, (actor) => ({
      actor,
      caseId: body.caseId,
      ...(body.note !== undefined && { note: body.note }),
    }));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs one action as a Workflow Update: the workflow's validator decides (refusals answer 409
   * with its code). A member who does not sit on the session is answered SESSION.NOT_FOUND
   * before the workflow is asked, so that its existence does not leak. The Idempotency-Key,
   * scoped to the caller, is the update id: a retried action applies once.
   */
  private async act<Arg>(
    principal: Principal,
    sessionId: string,
    key: string | undefined,
    scope: Scope,
    update: UpdateDefinition<SessionView, [Arg]>,
    arg: (actor: Actor) => Arg,
  ): Promise<SessionView> {
    if (scope === 'member') await this.requireSitsOn(principal, sessionId);
    return this.workflows.perform({
      userId: principal.userId,
      workflowId: sessionWorkflowId(sessionId),
      update,
      input: arg(actorOf(principal)),
      idempotencyKey: key,
      notFound: 'SESSION.NOT_FOUND',
      // The workflow of a closed or cancelled session has ended: the session exists, the
      // action simply no longer fits it.
      ended: async () => {
        const record = await this.sessions.findOneBy({ id: sessionId });
        if (!record || !canSeeSession(principal, record.members)) return undefined;
        const detail = `the session is ${record.stage}`;
        return new AppError('SESSION.WRONG_STAGE', [
          { field: 'action', code: 'detail', message: { fa: detail, en: detail } },
        ]);
      },
    });
  }

  /** Members (not secretaries or operators) act only on the sessions they sit on. */
  private async requireSitsOn(principal: Principal, sessionId: string): Promise<void> {
    if (seesAllSessions(principal)) return;
    const record = await this.sessions.findOneBy({ id: sessionId });
    // The workflow persists before it answers any action, so the record is current; only a
    // session this new may not have one yet.
    let members = record?.members;
    if (!members) {
      const live = await this.queryLive(sessionId);
      members = typeof live === 'object' ? live.members : undefined;
    }
    if (!members || !canSeeSession(principal, members)) throw new AppError('SESSION.NOT_FOUND');
  }

  /**
   * The members as the workflow takes them, once every one is an active user holding the role
   * the seat needs (MEMBER for a chair or member, SECRETARY for the secretary); otherwise 400
   * naming each member at fault.
   */
  private async checkedMembers(
    requested: Requests.SessionMemberRequestDto[],
    quorum: { kind: string; count?: number } | undefined,
  ): Promise<SessionMember[]> {
    const members: SessionMember[] = requested.map(({ userId, role }) => ({ userId, role }));
    const problems: FieldProblem[] = membersAndQuorumProblems(members, quorum);
    const users = await this.users.find({
      select: { id: true, roles: true, disabled: true },
      where: { id: In([...new Set(members.map((member) => member.userId))]) },
    });
    const byId = new Map(users.map((user) => [user.id, user]));
    members.forEach((member, i) => {
      const user = byId.get(member.userId);
      const field = `members[${i}].userId`;
      if (!user || user.disabled) {
        problems.push({
          field,
          code: 'notAnActiveUser',
          message: {
            fa: `عضو «members[${i}]» کاربر فعال سامانه نیست.`,
            en: `members[${i}] is not an active user`,
          },
        });
        return;
      }
      const needed: Role = member.role === 'SECRETARY' ? 'SECRETARY' : 'MEMBER';
      if (!user.roles.includes(needed)) {
        problems.push({
          field,
          code: 'roleMissing',
          message: {
            fa: `عضو «members[${i}]» نقش ${needed} را در سامانه ندارد.`,
            en: `members[${i}] does not hold the role ${needed}`,
          },
        });
      }
    });
    if (problems.length > 0) throw new AppError('REQUEST.VALIDATION_FAILED', problems);
    return members;
  }

  /** The service level a session planned now is pinned to (its deadlines count on it). */
  private async serviceLevel(): Promise<SessionInput['serviceLevel']> {
    const { policy, calendar } = caseServiceLevelAt(
      Date.now(),
      await this.calendar.currentCalendar(),
    );
    return { policy, calendar };
  }

  private queryLive(sessionId: string): Promise<SessionView | 'not-found' | 'unavailable'> {
    return this.workflows.query(sessionWorkflowId(sessionId), getSessionStateQuery);
  }
}

export function seesAllSessions(principal: Principal): boolean {
  return principal.roles.some((role) => SEE_ALL_SESSIONS.includes(role));
}

/** Secretaries and operators see every session; a member only those they sit on. */
export function canSeeSession(principal: Principal, members: readonly SessionMember[]): boolean {
  return seesAllSessions(principal) || members.some((member) => member.userId === principal.userId);
}

function toSummary(record: SessionRecordEntity): SessionSummaryDto {
  const sessionAt = toIso(record.sessionAt);
  return {
    id: record.id,
    stage: record.stage,
    sessionAt,
    sessionAtJalali: formatJalali(sessionAt),
    place: record.place,
    members: record.members,
    agenda: record.agenda,
    minutes: record.minutes,
    updatedAt: toIso(record.updatedAt),
  };
}

/** For a session so new that the read model has no row yet. */
function summaryOfView(view: SessionView): SessionSummaryDto {
  return {
    id: view.sessionId,
    stage: view.stage,
    sessionAt: view.sessionAt,
    sessionAtJalali: formatJalali(view.sessionAt),
    place: view.place,
    members: view.members,
    agenda: view.agenda,
    minutes: [...view.pastMinutesRounds, ...(view.minutes ? [view.minutes] : [])],
    updatedAt: view.stageSince,
  };
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}
