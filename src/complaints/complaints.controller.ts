import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Audited, AuditedRoute } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { IdempotencyKey } from '../common/idempotency-key';
import { WorkflowActionRoute } from '../common/workflow-action-route';
import { COMPLAINT_OWNER_ROLES } from '../../workflows/complaint/complaint.types';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { ComplaintsService } from './complaints.service';
import {
  AnswerComplaintRequestDto,
  AssignComplaintRequestDto,
  ComplaintDto,
  ComplaintIdParams,
  ComplaintListDto,
  ComplaintTrackingCodeParams,
  ComplaintTrackingDto,
  FileComplaintRequestDto,
  FiledComplaintResponseDto,
  ListComplaintsQueryDto,
  WithdrawComplaintRequestDto,
} from './dto/complaint.dto';

/** Every action: who may act, the audit row, the workflow's refusals and the new state. */
const ComplaintAction = (access: MethodDecorator, action: string, summary: string) =>
  WorkflowActionRoute(
    {
      summary,
      state: ComplaintDto,
      stateDescription: 'The complaint’s new state',
      refused: 'The workflow refused the action: COMPLAINT.* code, bilingual message',
      notFound: 'COMPLAINT.NOT_FOUND',
    },
    ApiBearerAuth(),
    access,
    Audited({ action, resource: 'complaint', idParam: 'id' }),
  );
const NOT_FOUND = ApiNotFoundResponse({ description: 'COMPLAINT.NOT_FOUND' });
const VISIBLE = 'the filer their own, the owner those assigned to them, operators all';

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @AuditedRoute(
    Access.signedIn(),
    { action: 'complaint.file', resource: 'complaint', idFromResponse: 'id' },
    'File an opinion or complaint, about a case or the service — ثبت نظر یا شکایت',
    {
      created: { type: FiledComplaintResponseDto },
      badRequest: 'A field is invalid; `details` names each one',
      notFound: 'CASE.NOT_FOUND: no such case, or another agency’s',
    },
  )
  file(
    @CurrentPrincipal() principal: Principal,
    @Body() body: FileComplaintRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<FiledComplaintResponseDto> {
    return this.complaints.file(principal, body, key);
  }

  @Get()
  @ApiBearerAuth()
  @Access.signedIn()
  @ApiRoute(`Opinions and complaints (${VISIBLE}) — فهرست نظرات و شکایات`, {
    ok: { type: ComplaintListDto },
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListComplaintsQueryDto,
  ): Promise<ComplaintListDto> {
    return this.complaints.list(principal, query);
  }

  @Get('track/:code')
  @Access.public()
  @UseGuards(RateLimitGuard)
  // The same counters as GET /track/{code}: a second endpoint must not double an address's guesses.
  @RateLimit('tracking')
  @ApiRoute('Public status of one opinion or complaint by its tracking code — پیگیری شکایت', {
    ok: { type: ComplaintTrackingDto },
    badRequest: 'TRACKING.INVALID_CODE: mistyped (check digit)',
    notFound: 'COMPLAINT.NOT_FOUND: well formed, but no such complaint',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE.LIMITED (counted with GET /track/{code})' })
  track(@Param() params: ComplaintTrackingCodeParams): Promise<ComplaintTrackingDto> {
    return this.complaints.track(params.code);
  }

  @Get(':id')
  @ApiBearerAuth()
  @AuditedRoute(
    Access.signedIn(),
    { action: 'complaint.read', resource: 'complaint', idParam: 'id' },
    `One opinion or complaint and its history (${VISIBLE})`,
    { ok: { type: ComplaintDto } },
  )
  @NOT_FOUND
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ComplaintIdParams,
  ): Promise<ComplaintDto> {
    return this.complaints.get(principal, params.id);
  }

  @Post(':id/assign')
  @ComplaintAction(
    Access.roles(['OPERATOR']),
    'complaint.assign',
    'Give the complaint an owner who will answer it — ارجاع شکایت',
  )
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ComplaintIdParams,
    @Body() body: AssignComplaintRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<ComplaintDto> {
    return this.complaints.assign(principal, params.id, body, key);
  }

  @Post(':id/answer')
  @ComplaintAction(
    Access.roles(
      COMPLAINT_OWNER_ROLES,
      'the complaint’s owner, or an operator (others: COMPLAINT.NOT_FOUND / COMPLAINT.NOT_OWNER)',
    ),
    'complaint.answer',
    'Record the answer; the filer is told — پاسخ به شکایت',
  )
  answer(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ComplaintIdParams,
    @Body() body: AnswerComplaintRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<ComplaintDto> {
    return this.complaints.answer(principal, params.id, body, key);
  }

  @Post(':id/withdraw')
  @ComplaintAction(
    Access.signedIn(),
    'complaint.withdraw',
    'The filer takes it back before it is answered — انصراف از شکایت',
  )
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ComplaintIdParams,
    @Body() body: WithdrawComplaintRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<ComplaintDto> {
    return this.complaints.withdraw(principal, params.id, body, key);
  }
}
