import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
} from './dto/session.request.dto';
import { SessionListDto, SessionResponseDto, SessionViewDto } from './dto/session.response.dto';
import { IdempotencyKey } from '../common/idempotency-key';
import { SessionsService } from './sessions.service';

/** Who reads sessions: the secretaries and operators all of them, a member those they sit on. */
export const SESSION_READERS = ['SECRETARY', 'MEMBER', 'OPERATOR'] as const;
const SECRETARY = ['SECRETARY'] as const;
const MEMBER = ['MEMBER'] as const;

const SECRETARY_SCOPE = 'only the session’s own secretary (the workflow refuses others)';
const MEMBER_SCOPE = 'only a member who sits on the session (others: SESSION.NOT_FOUND)';

/** Every action: the workflow’s refusals and the new state. */
const REFUSED = ApiConflictResponse({
  description: 'The workflow refused the action: SESSION.* / CASE.* code, bilingual message',
});
const NOT_FOUND = ApiNotFoundResponse({ description: 'SESSION.NOT_FOUND' });
const NEW_STATE = ApiOkResponse({ type: SessionViewDto, description: 'The session’s new state' });

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
  @ApiOperation({
    summary: 'Plan a commission session (starts its workflow) — تشکیل جلسه کمیسیون ماده ۲',
  })
  @ApiCreatedResponse({ type: SessionViewDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `details` names each one' })
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
  @ApiOperation({ summary: 'List sessions, newest meeting first — فهرست جلسات' })
  @ApiOkResponse({ type: SessionListDto })
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
  @ApiOperation({ summary: 'A session: its stored record and the workflow’s live state — جلسه' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiNotFoundResponse({ description: 'SESSION.NOT_FOUND' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
  ): Promise<SessionResponseDto> {
    return this.sessions.get(principal, params.id);
  }

  // ---- the secretary's actions ----------------------------------------------------------------

  @Post(':id/move')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.move', resource: 'session', idParam: 'id' })
  @ApiOperation({ summary: 'Move a planned session (time, place) — تغییر زمان جلسه' })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  move(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: MoveSessionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.move(principal, params.id, body, key);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.set-members', resource: 'session', idParam: 'id' })
  @ApiOperation({ summary: 'Set the members and the quorum of a planned session — اعضای جلسه' })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  setMembers(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: SetMembersRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.setMembers(principal, params.id, body, key);
  }

  @Post(':id/agenda')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.agenda-add', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary: 'Put a case awaiting a session on the agenda — افزودن درخواست به دستور جلسه',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  addCase(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: AgendaCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.addCase(principal, params.id, body.caseId, key);
  }

  @Delete(':id/agenda/:caseId')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.agenda-remove', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary:
      'Take a case off the agenda, with a reason (body or ?reason=) — خارج کردن از دستور جلسه',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
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
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.cancel', resource: 'session', idParam: 'id' })
  @ApiOperation({ summary: 'Cancel a planned session, with a reason — لغو جلسه' })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: CancelSessionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.cancel(principal, params.id, body.reason, key);
  }

  @Post(':id/held')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.mark-held', resource: 'session', idParam: 'id' })
  @ApiOperation({ summary: 'Record that the session met, and who attended — ثبت برگزاری جلسه' })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  markHeld(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: MarkHeldRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.markHeld(principal, params.id, body, key);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.record-decision', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary: 'Record (or revise) the commission’s decision on a case — ثبت تصمیم کمیسیون',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  recordDecision(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: RecordDecisionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.recordDecision(principal, params.id, body, key);
  }

  @Post(':id/minutes')
  @HttpCode(200)
  @Access.roles(SECRETARY, SECRETARY_SCOPE)
  @Audited({ action: 'session.draft-minutes', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary: 'Draft (or redraft) the minutes and send them for approval — تنظیم صورتجلسه',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  draftMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.draftMinutes(principal, params.id, key);
  }

  // ---- the members' actions -------------------------------------------------------------------

  @Post(':id/minutes/approve')
  @HttpCode(200)
  @Access.roles(MEMBER, MEMBER_SCOPE)
  @Audited({ action: 'session.approve-minutes', resource: 'session', idParam: 'id' })
  @ApiOperation({ summary: 'Approve the minutes (a member present) — تأیید صورتجلسه' })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  approveMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.approveMinutes(principal, params.id, key);
  }

  @Post(':id/minutes/objections')
  @HttpCode(200)
  @Access.roles(MEMBER, MEMBER_SCOPE)
  @Audited({ action: 'session.object-minutes', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary: 'Object to the minutes with a comment (back to the secretary) — اعتراض به صورتجلسه',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  objectToMinutes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: ObjectToMinutesRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.objectToMinutes(principal, params.id, body, key);
  }

  @Post(':id/conflicts')
  @HttpCode(200)
  @Access.roles(MEMBER, MEMBER_SCOPE)
  @Audited({ action: 'session.declare-conflict', resource: 'session', idParam: 'id' })
  @ApiOperation({
    summary: 'Declare a conflict of interest on a case on the agenda — اعلام تعارض منافع',
  })
  @NEW_STATE
  @REFUSED
  @NOT_FOUND
  declareConflict(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
    @Body() body: DeclareConflictRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<SessionViewDto> {
    return this.sessions.declareConflict(principal, params.id, body, key);
  }
}
