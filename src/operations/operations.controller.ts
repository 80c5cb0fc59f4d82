import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Audited } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { CaseIdParams } from '../cases/dto/case.dto';
import {
  BulkActionRequestDto,
  BulkDryRunDto,
  BulkDryRunRequestDto,
  BulkResultDto,
  CountWorkflowsQueryDto,
  HistoryDto,
  HistoryQueryDto,
  ListWorkflowsQueryDto,
  OperatorReasonDto,
  PendingDto,
  RetryResultDto,
  StuckDto,
  TerminateResultDto,
  WorkflowCountDto,
  WorkflowListDto,
} from './dto/operations.dto';
import { OperationsService } from './operations.service';

/**
 * The operators' console (docs/domain.md §7): where a case is, why it is stuck, what happened, and
 * the actions that act on its workflow. Operators only; decoded payloads are answered with
 * `Cache-Control: no-store` and never logged. A single case is cancelled with
 * `POST /cases/{id}/cancel`, as before.
 */
@ApiTags('operations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators only' })
@Controller('operations/cases')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.list', resource: 'workflow' })
  @ApiRoute('Case workflows by stage, type, agency, breach, running/closed (Temporal visibility)', {
    ok: { type: WorkflowListDto },
  })
  list(@Query() query: ListWorkflowsQueryDto): Promise<WorkflowListDto> {
    return this.operations.list(query);
  }

  @Get('count')
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.count', resource: 'workflow' })
  @ApiRoute('How many case workflows match (Temporal visibility count)', {
    ok: { type: WorkflowCountDto },
  })
  count(@Query() query: CountWorkflowsQueryDto): Promise<WorkflowCountDto> {
    return this.operations.count(query);
  }

  @Get(':id/history')
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.read-history', resource: 'case', idParam: 'id' })
  @Header('Cache-Control', 'no-store')
  @ApiRoute(
    {
      summary: 'A case’s full workflow history as lines — سابقه کامل گردش کار',
      description:
        'Event type, time (ISO and Jalali), activity, attempt, decrypted failure message; `payloads=true` adds decoded inputs and results (personal data).',
    },
    { ok: { type: HistoryDto }, notFound: 'CASE.NOT_FOUND' },
  )
  history(@Param() params: CaseIdParams, @Query() query: HistoryQueryDto): Promise<HistoryDto> {
    return this.operations.history(params.id, query.payloads ?? false);
  }

  @Get(':id/pending')
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.read-pending', resource: 'case', idParam: 'id' })
  @Header('Cache-Control', 'no-store')
  @ApiRoute('Pending activities and workflow task, with attempts and last failure', {
    ok: { type: PendingDto },
    notFound: 'CASE.NOT_FOUND',
  })
  pending(@Param() params: CaseIdParams): Promise<PendingDto> {
    return this.operations.pending(params.id);
  }

  @Get(':id/stuck')
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.read-stuck', resource: 'case', idParam: 'id' })
  @Header('Cache-Control', 'no-store')
  @ApiRoute('Why is this case stuck: who it waits on, since when, next deadline, last error', {
    ok: { type: StuckDto },
    notFound: 'CASE.NOT_FOUND',
  })
  stuck(@Param() params: CaseIdParams): Promise<StuckDto> {
    return this.operations.stuck(params.id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.retry', resource: 'case', idParam: 'id' })
  @ApiRoute(
    {
      summary: 'Retry a failed step: reset the workflow to its last completed task, when safe',
      description:
        'Only when an activity or workflow task is failing and nothing but that task’s own commands came after it; the new run schedules the activity again at attempt 1.',
    },
    {
      ok: { type: RetryResultDto },
      conflict: 'OPERATIONS.NOTHING_TO_RETRY, OPERATIONS.RESET_UNSAFE, OPERATIONS.WORKFLOW_CLOSED',
    },
  )
  retry(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: OperatorReasonDto,
  ): Promise<RetryResultDto> {
    return this.operations.retry(principal, params.id, body.reason);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.terminate', resource: 'case', idParam: 'id' })
  @ApiRoute('Terminate the case’s workflow at once (no clean-up; prefer cancel for a case)', {
    ok: { type: TerminateResultDto },
    conflict: 'OPERATIONS.WORKFLOW_CLOSED',
  })
  terminate(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: OperatorReasonDto,
  ): Promise<TerminateResultDto> {
    return this.operations.terminate(principal, params.id, body.reason);
  }

  @Post('bulk/dry-run')
  @HttpCode(200)
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.bulk-dry-run', resource: 'workflow' })
  @ApiRoute('Dry run of a bulk action: which running case workflows match, and a token for them', {
    ok: { type: BulkDryRunDto },
    badRequest: 'REQUEST.VALIDATION_FAILED (no filter)',
  })
  dryRun(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BulkDryRunRequestDto,
  ): Promise<BulkDryRunDto> {
    return this.operations.dryRun(principal, body);
  }

  @Post('bulk')
  @HttpCode(200)
  @Access.roles(['OPERATOR'])
  @Audited({ action: 'operations.bulk', resource: 'workflow' })
  @ApiRoute('A bulk action on exactly the set its dry run showed (refused if the set changed)', {
    ok: { type: BulkResultDto },
    conflict: 'OPERATIONS.BULK_SET_CHANGED, OPERATIONS.BULK_TOKEN_EXPIRED',
  })
  bulk(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BulkActionRequestDto,
  ): Promise<BulkResultDto> {
    return this.operations.bulk(principal, body);
  }
}
