import { queryBoolean } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  IsOptionalButNotNull,
  PersianText,
  QueryInteger,
} from '../../common/validation/decorators';
import { WAITING_ON } from '../../cases/dto/case-list.dto';
import { CASE_STAGES, REQUEST_TYPES } from '../../../workflows/case/case.types';
import type { CaseStage, RequestType, WaitingOn } from '../../../workflows/case/case.types';
import type { HistoryLine, ReadableFailure } from '../history-reader';

export const WORKFLOW_STATUSES = ['running', 'closed'] as const;
export const BULK_ACTIONS = ['CANCEL'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** The most workflows one bulk action may touch (a larger set: narrow the filter). */
export const BULK_MAX = 500;

/**
 * Filters on the case workflows' search attributes (Temporal visibility). Each may be left out;
 * none may be null (a bulk action's body once sent `breached: null` into the query: a 500).
 */
export class CaseWorkflowFilterDto {
  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptionalButNotNull()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptionalButNotNull()
  @IsIn(REQUEST_TYPES)
  requestType?: RequestType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalButNotNull()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ description: 'breached a service-level target (SlaBreached)' })
  @IsOptionalButNotNull()
  @Transform(queryBoolean)
  @IsBoolean()
  breached?: boolean;
}

export class CountWorkflowsQueryDto extends CaseWorkflowFilterDto {
  @ApiPropertyOptional({ enum: WORKFLOW_STATUSES })
  @IsOptional()
  @IsIn(WORKFLOW_STATUSES)
  status?: 'running' | 'closed';
}

export class ListWorkflowsQueryDto extends CountWorkflowsQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryInteger(1, 500)
  limit?: number;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({
    description: 'also decode inputs and results (personal data: operators only, never logged)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  payloads?: boolean;
}

export class OperatorReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'پایگاه داده پس از قطعی برگشت' })
  @PersianText({ min: 3, max: 500 })
  reason!: string;
}

export class BulkDryRunRequestDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS)
  action!: BulkAction;

  @ApiProperty({
    type: CaseWorkflowFilterDto,
    description: 'at least one field; only running case workflows are ever selected',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CaseWorkflowFilterDto)
  filter!: CaseWorkflowFilterDto;
}

export class BulkActionRequestDto extends BulkDryRunRequestDto {
  @ApiProperty({ description: 'the token of the dry run that showed this exact set' })
  @IsString()
  @Matches(/^\d{13,15}\.[A-Za-z0-9_-]{43}$/, {
    message: 'token must be a dry run token',
    context: { fa: 'توکن باید توکن اجرای آزمایشی باشد.', en: 'token must be a dry run token' },
  })
  token!: string;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @PersianText({ min: 3, max: 500 })
  reason!: string;
}

// ---- answers ----

export class WorkflowSummaryDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'RUNNING' }) status!: string;
  @ApiProperty({ type: String, nullable: true }) stage!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestType!: string | null;
  @ApiProperty({ type: String, nullable: true }) agencyId!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) breached!: boolean | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty() startedAtJalali!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAtJalali!: string | null;
  @ApiProperty() historyLength!: number;
}

export class WorkflowListDto {
  @ApiProperty({ type: [WorkflowSummaryDto] }) items!: WorkflowSummaryDto[];
  @ApiProperty({ description: 'the visibility query that was run' }) query!: string;
  @ApiProperty({ description: 'more matched than `limit`' }) truncated!: boolean;
}

export class WorkflowCountDto {
  @ApiProperty() count!: number;
  @ApiProperty() query!: string;
}

export class HistoryLineDto {
  @ApiProperty({ type: 'integer' }) eventId!: number;
  @ApiProperty({
    description: 'Temporal’s event type without EVENT_TYPE_, e.g. ACTIVITY_TASK_FAILED',
  })
  type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() atJalali!: string;
  @ApiPropertyOptional() activityType?: string;
  @ApiPropertyOptional() activityId?: string;
  @ApiPropertyOptional({ type: 'integer' }) attempt?: number;
  @ApiPropertyOptional() update?: string;
  @ApiPropertyOptional() signal?: string;
  @ApiPropertyOptional() timerId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) failure?: ReadableFailure;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  searchAttributes?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: {} }) payloads?: unknown[];
}

export class HistoryDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ type: [HistoryLineDto], description: 'one line per event; failures decrypted' })
  events!: HistoryLine[];
}

export class PendingActivityDto {
  @ApiProperty() activityId!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ example: 'SCHEDULED' }) state!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ type: Number, nullable: true, description: '0: unlimited' }) maximumAttempts!:
    number | null;
  @ApiProperty({ type: String, nullable: true }) scheduledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastStartedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAtJalali!: string | null;
  @ApiProperty({ nullable: true }) lastFailure!: ReadableFailure | null;
  @ApiProperty({ type: String, nullable: true }) lastWorker!: string | null;
}

export class PendingDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() historyLength!: number;
  @ApiProperty({ type: [PendingActivityDto] }) pendingActivities!: PendingActivityDto[];
  @ApiProperty({
    nullable: true,
    description: 'a workflow task waiting for or failing on a worker',
  })
  pendingWorkflowTask!: {
    state: string;
    attempt: number;
    scheduledAt: string | null;
    startedAt: string | null;
  } | null;
}

export const DIAGNOSES = [
  'CLOSED',
  'WORKFLOW_TASK_FAILING',
  'ACTIVITY_FAILING',
  'NO_WORKER',
  'WAITING_PAST_DEADLINE',
  'WAITING_ON_PERSON',
  'WAITING_ON_SYSTEM',
] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export class StuckDeadlineDto {
  @ApiProperty() target!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) breachedAt!: string | null;
}

export class LastErrorDto {
  @ApiProperty({ enum: ['pending-activity', 'history'] }) source!: 'pending-activity' | 'history';
  @ApiProperty({ type: String, nullable: true }) activityType!: string | null;
  @ApiProperty({ type: Number, nullable: true }) attempt!: number | null;
  @ApiProperty({ type: String, nullable: true }) eventType!: string | null;
  @ApiProperty({ type: String, nullable: true }) at!: string | null;
  @ApiProperty({ type: String, nullable: true }) atJalali!: string | null;
  @ApiProperty() failure!: ReadableFailure;
}

export class StuckDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ enum: DIAGNOSES }) diagnosis!: Diagnosis;
  @ApiProperty({ description: 'the diagnosis in a sentence, Persian and English' })
  summary!: { fa: string; en: string };
  @ApiProperty({ type: String, enum: CASE_STAGES, nullable: true }) stage!: CaseStage | null;
  @ApiProperty({
    type: String,
    enum: WAITING_ON,
    nullable: true,
  })
  waitingOn!: WaitingOn | null;
  @ApiProperty({ type: String, nullable: true }) since!: string | null;
  @ApiProperty({ type: String, nullable: true }) sinceJalali!: string | null;
  @ApiProperty({ type: StuckDeadlineDto, nullable: true }) nextDeadline!: StuckDeadlineDto | null;
  @ApiProperty({ type: [StuckDeadlineDto] }) overdueDeadlines!: StuckDeadlineDto[];
  @ApiProperty({ description: 'whether the workflow answered its live query' })
  liveAnswered!: boolean;
  @ApiProperty({ nullable: true, description: 'the read model row (cases), as the API lists it' })
  readModel!: {
    stage: string;
    waitingOn: string;
    stageSince: string;
    nextDeadlineAt: string | null;
    slaBreached: boolean;
  } | null;
  @ApiProperty({ type: LastErrorDto, nullable: true }) lastError!: LastErrorDto | null;
  @ApiProperty({ type: [PendingActivityDto] }) pendingActivities!: PendingActivityDto[];
}

export class RetryResultDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() previousRunId!: string;
  @ApiProperty({ description: 'the run that carries on' }) runId!: string;
  @ApiProperty({ description: 'the completed workflow task the case was reset to' })
  resetToEventId!: number;
  @ApiProperty({ description: 'activities scheduled again, attempt 1' })
  retriedActivities!: string[];
}

export class TerminateResultDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty() status!: string;
}

export class BulkDryRunDto {
  @ApiProperty({ enum: BULK_ACTIONS }) action!: BulkAction;
  @ApiProperty() query!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [String] }) workflowIds!: string[];
  @ApiProperty({ description: 'binds this exact set; send it with the real action' })
  token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() expiresAtJalali!: string;
}

export class BulkItemResultDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: ['DONE', 'REFUSED', 'FAILED'] }) outcome!: 'DONE' | 'REFUSED' | 'FAILED';
  @ApiPropertyOptional() code?: string;
}

export class BulkResultDto {
  @ApiProperty({ enum: BULK_ACTIONS }) action!: BulkAction;
  @ApiProperty() count!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ type: [BulkItemResultDto] }) items!: BulkItemResultDto[];
}
