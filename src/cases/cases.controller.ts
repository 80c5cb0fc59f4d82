import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Audited } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import { actorOf, type Principal } from '../common/access/principal';
import { IdempotencyKey } from '../common/idempotency-key';
import { WorkflowActionRoute } from '../common/workflow-action-route';
import {
  acceptDocumentsUpdate,
  cancelCaseUpdate,
  rejectCaseUpdate,
  requestCorrectionsUpdate,
  withdrawCaseUpdate,
} from '../../workflows/case/case.messages';
import {
  AcceptDocumentsRequestDto,
  CancelCaseRequestDto,
  RejectCaseRequestDto,
  RequestCorrectionsRequestDto,
  ResubmitCorrectionsRequestDto,
  WithdrawCaseRequestDto,
} from './dto/case-actions.dto';
import {
  CaseListDto,
  CaseStateDto,
  ListCasesQueryDto,
  TimelineEntryDto,
} from './dto/case-list.dto';
import { CaseIdParams, CaseResponseDto, RegisteredCaseResponseDto } from './dto/case.dto';
import { RegisterCaseRequestDto } from './dto/register-case.dto';
import { CasesService } from './cases.service';
import { CASE_READERS } from './case-readers';

const OWN_AGENCY = 'a clerk only their own agency’s cases (others: CASE.NOT_FOUND)';

/** Every action: who may act, the audit row, the workflow's refusals and the new state. */
const CaseAction = (access: MethodDecorator, action: string, summary: string) =>
  WorkflowActionRoute(
    { summary, state: CaseStateDto, refused: 'A workflow refusal, e.g. CASE.WRONG_STAGE' },
    access,
    Audited({ action, resource: 'case', idParam: 'id' }),
  );
const REVIEWER = Access.roles(['REVIEWER']);
const OPERATOR = Access.roles(['OPERATOR']);
const CLERK_OWN_AGENCY = Access.roles(['CLERK'], OWN_AGENCY);

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @Access.roles(['CLERK'], 'the case is filed for the clerk’s own agency')
  @Audited({ action: 'case.register', resource: 'case', idFromResponse: 'id' })
  @ApiRoute('Register a request (starts its case workflow) — ثبت درخواست', {
    created: { type: RegisteredCaseResponseDto },
    badRequest: 'A field is invalid; `details` names each one',
  })
  register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<RegisteredCaseResponseDto> {
    return this.cases.register(principal, body, key);
  }

  @Get()
  @Access.roles(CASE_READERS, OWN_AGENCY)
  @ApiRoute('List cases with filters, sorting and paging — فهرست درخواست‌ها', {
    ok: { type: CaseListDto },
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCasesQueryDto,
  ): Promise<CaseListDto> {
    return this.cases.list(principal, query);
  }

  @Get(':id')
  @Access.roles(CASE_READERS, OWN_AGENCY)
  @Audited({ action: 'case.read', resource: 'case', idParam: 'id' })
  @ApiRoute('A case: its stored record and the workflow’s live state', {
    ok: { type: CaseResponseDto },
    notFound: 'CASE.NOT_FOUND',
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
  ): Promise<CaseResponseDto> {
    return this.cases.get(principal, params.id);
  }

  @Get(':id/timeline')
  @Access.roles(CASE_READERS, OWN_AGENCY)
  @Audited({ action: 'case.read-timeline', resource: 'case', idParam: 'id' })
  @ApiRoute('What happened to a case, when and by whom — سابقه درخواست', {
    ok: { type: [TimelineEntryDto] },
  })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
  ): Promise<TimelineEntryDto[]> {
    return this.cases.timeline(principal, params.id);
  }

  @Post(':id/accept')
  @CaseAction(REVIEWER, 'case.accept', 'Accept the documents: on to the commission — تأیید مدارک')
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: AcceptDocumentsRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.act(
      principal,
      params.id,
      'accept',
      acceptDocumentsUpdate,
      { actor: actorOf(principal), note: body.note },
      key,
    );
  }

  @Post(':id/corrections')
  @CaseAction(
    REVIEWER,
    'case.request-corrections',
    'Ask the agency for corrections — درخواست رفع نقص',
  )
  requestCorrections(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: RequestCorrectionsRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.act(
      principal,
      params.id,
      'corrections',
      requestCorrectionsUpdate,
      {
        actor: actorOf(principal),
        deficiencies: body.deficiencies.map((d) => ({ target: d.target, note: d.note })),
        comment: body.comment,
      },
      key,
    );
  }

  @Post(':id/reject')
  @CaseAction(REVIEWER, 'case.reject', 'Reject the request, with reasons — رد درخواست')
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: RejectCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.act(
      principal,
      params.id,
      'reject',
      rejectCaseUpdate,
      { actor: actorOf(principal), reasons: body.reasons },
      key,
    );
  }

  @Post(':id/resubmit')
  @CaseAction(CLERK_OWN_AGENCY, 'case.resubmit', 'Answer a correction request — ارسال اصلاحات')
  resubmit(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: ResubmitCorrectionsRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.resubmit(principal, params.id, body, key);
  }

  @Post(':id/withdraw')
  @CaseAction(CLERK_OWN_AGENCY, 'case.withdraw', 'Withdraw the request — انصراف از درخواست')
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: WithdrawCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.act(
      principal,
      params.id,
      'withdraw',
      withdrawCaseUpdate,
      { actor: actorOf(principal), reason: body.reason },
      key,
    );
  }

  @Post(':id/cancel')
  @CaseAction(OPERATOR, 'case.cancel', 'Cancel a case, with a reason (operators) — لغو پرونده')
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: CancelCaseRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<CaseStateDto> {
    return this.cases.act(
      principal,
      params.id,
      'cancel',
      cancelCaseUpdate,
      { actor: actorOf(principal), reason: body.reason },
      key,
    );
  }
}
