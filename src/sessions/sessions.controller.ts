import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Audited } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import {
  AgendaCaseRequestDto,
  CancelSessionRequestDto,
  CreateSessionRequestDto,
  DeclareConflictRequestDto,
  ListSessionsQueryDto,
  MarkHeldRequestDto,
  MoveSessionRequestDto,
  ObjectToMinutesRequestDto,
  RecordDecisionRequestDto,
  RemoveAgendaCaseQueryDto,
  RemoveAgendaCaseRequestDto,
  SessionCaseParams,
  SessionIdParams,
  SetMembersRequestDto,
} from './dto/session-requests.dto';
import { SessionListDto, SessionResponseDto, SessionViewDto } from './dto/session.dto';
import { IdempotencyKey } from '../common/idempotency-key';
import { WorkflowActionRoute } from '../common/workflow-action-route';
import type { Role } from '../../workflows/common/actors';
import { SessionsService } from './sessions.service';

/** Who reads sessions: the secretaries and operators all of them, a member those they sit on. */
export const SESSION_READERS = ['SECRETARY', 'MEMBER', 'OPERATOR'] as const;
const SECRETARY = ['SECRETARY'] as const;
const MEMBER = ['MEMBER'] as const;

const SECRETARY_SCOPE = 'only the session’s own secretary (the workflow refuses others)';
const MEMBER_SCOPE = 'only a member who sits on the session (others: SESSION.NOT_FOUND)';

/** Every action: who may act, the audit row, the workflow's refusals and the new state. */
const sessionAction =
  (roles: readonly Role[], scope: string) =>
  (action: string, summary: string): MethodDecorator =>
    WorkflowActionRoute(
      {
        summary,
        state: SessionViewDto,
        stateDescription: 'The session’s new state',
        refused: 'The workflow refused the action: SESSION.* / CASE.* code, bilingual message',
        notFound: 'SESSION.NOT_FOUND',
      },
      Access.roles(roles, scope),
      Audited({ action, resource: 'session', idParam: 'id' }),
    );
const SecretaryAction = sessionAction(SECRETARY, SECRETARY_SCOPE);
const MemberAction = sessionAction(MEMBER, MEMBER_SCOPE);

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @HttpCode(201)
  @Access.roles(
    SECRETARY,
    'members must be active users holding MEMBER (SECRETARY for the secretary)',
  )
  @Audited({ action: 'session.create', resource: 'session', idFromResponse: 'sessionId' })
  @ApiRoute('Plan a commission session (starts its workflow) — تشکیل جلسه کمیسیون ماده ۲', {
    created: { type: SessionViewDto },
    badRequest: 'A field is invalid; `details` names each one',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateSessionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.create(principal, body, key);
  }

  @Get()
  @Access.roles(SESSION_READERS, 'a member lists only the sessions they sit on')
  @Audited({ action: 'session.list', resource: 'session' })
  @ApiRoute('List sessions, newest meeting first — فهرست جلسات', { ok: { type: SessionListDto } })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSessionsQueryDto,
  ): Promise<SessionListDto> {
    return this.sessions.list(principal, query);
  }

  @Get(':id')
  @Access.roles(
    SESSION_READERS,
    'a member sees only the sessions they sit on (others: SESSION.NOT_FOUND)',
  )
  @Audited({ action: 'session.read', resource: 'session', idParam: 'id' })
  @ApiRoute('A session: its stored record and the workflow’s live state — جلسه', {
    ok: { type: SessionResponseDto },
    notFound: 'SESSION.NOT_FOUND',
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
  ): Promise<SessionResponseDto> {
    return this.sessions.get(principal, params.id);
  }

  // ---- the secretary's actions ----------------------------------------------------------------

  @Post(':id/move')
  @SecretaryAction('session.move', 'Move a planned session (time, place) — تغییر زمان جلسه')
  move(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: MoveSessionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.move(principal, params.id, body, key);
  }

  @Post(':id/members')
  @SecretaryAction(
    'session.set-members',
    'Set the members and the quorum of a planned session — اعضای جلسه',
  )
  setMembers(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: SetMembersRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.setMembers(principal, params.id, body, key);
  }

  @Post(':id/agenda')
  @SecretaryAction(
    'session.agenda-add',
    'Put a case awaiting a session on the agenda — افزودن درخواست به دستور جلسه',
  )
  addCase(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: AgendaCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.addCase(principal, params.id, body.caseId, key);
  }

  @Delete(':id/agenda/:caseId')
  @SecretaryAction(
    'session.agenda-remove',
    'Take a case off the agenda, with a reason (body or ?reason=) — خارج کردن از دستور جلسه',
  )
  removeCase(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionCaseParams,
    @Body() body: RemoveAgendaCaseRequestDto,
    @Query() query: RemoveAgendaCaseQueryDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.removeCase(
      principal,
      params.id,
      params.caseId,
      { body: body.reason, query: query.reason },
      key,
    );
  }

  @Post(':id/cancel')
  @SecretaryAction('session.cancel', 'Cancel a planned session, with a reason — لغو جلسه')
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: CancelSessionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.cancel(principal, params.id, body.reason, key);
  }

  @Post(':id/held')
  @SecretaryAction(
    'session.mark-held',
    'Record that the session met, and who attended — ثبت برگزاری جلسه',
  )
  markHeld(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: MarkHeldRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.markHeld(principal, params.id, body, key);
  }

  @Post(':id/decisions')
  @SecretaryAction(
    'session.record-decision',
    'Record (or revise) the commission’s decision on a case — ثبت تصمیم کمیسیون',
  )
  recordDecision(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: RecordDecisionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.recordDecision(principal, params.id, body, key);
  }

  @Post(':id/minutes')
  @SecretaryAction(
    'session.draft-minutes',
    'Draft (or redraft) the minutes and send them for approval — تنظیم صورتجلسه',
  )
  draftMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.draftMinutes(principal, params.id, key);
  }

  // ---- the members' actions -------------------------------------------------------------------

  @Post(':id/minutes/approve')
  @MemberAction(
    'session.approve-minutes',
    'Approve the minutes (a member present) — تأیید صورتجلسه',
  )
  approveMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.approveMinutes(principal, params.id, key);
  }

  @Post(':id/minutes/objections')
  @MemberAction(
    'session.object-minutes',
    'Object to the minutes with a comment (back to the secretary) — اعتراض به صورتجلسه',
  )
  objectToMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: ObjectToMinutesRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.objectToMinutes(principal, params.id, body, key);
  }

  @Post(':id/conflicts')
  @MemberAction(
    'session.declare-conflict',
    'Declare a conflict of interest on a case on the agenda — اعلام تعارض منافع',
  )
  declareConflict(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: DeclareConflictRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.declareConflict(principal, params.id, body, key);
  }
}
