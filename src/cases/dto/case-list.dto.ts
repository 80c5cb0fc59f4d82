import { PageQuery, queryBoolean } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../common/validation/instant';
import { CASE_STAGES, REQUEST_TYPES, WAITING_ON_VALUES } from '../../../workflows/case/case.types';
import type { CaseStage, RequestType, WaitingOn } from '../../../workflows/case/case.types';

export const CASE_SORTS = [
  'registeredAt',
  '-registeredAt',
  'stageSince',
  '-stageSince',
  'nextDeadlineAt',
  '-nextDeadlineAt',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export class ListCasesQueryDto extends PageQuery(200, 50) {
  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES)
  requestType?: RequestType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Ignored for clerks: always their agency' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'registered at or after' })
  @IsOptional()
  @IsInstant()
  registeredFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'registered before' })
  @IsOptional()
  @IsInstant()
  registeredTo?: string;

  @ApiPropertyOptional({ description: 'only cases that breached a service-level target' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-registeredAt' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;
}

/** Who the case waits on (the case workflow's own list, workflows/case/case.types.ts). */
export const WAITING_ON = WAITING_ON_VALUES;

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: RequestType;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ enum: WAITING_ON }) waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty() registeredAtJalali!: string;
  @ApiProperty() slaBreached!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextDeadlineAt!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) nextDeadlineAtJalali!: string | null;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class StageDeadlineDto {
  @ApiProperty({ description: 'The target in the policy, e.g. documentReview' }) target!: string;
  @ApiProperty({ description: 'The stage the deadline belongs to' }) stage!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose (a member’s minutes approval)' })
  userId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
  @ApiPropertyOptional({ format: 'date-time' }) remindAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) remindedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) breachedAt?: string;
}

export class BreachDto {
  @ApiProperty() target!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
}

export class CaseStateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ enum: WAITING_ON }) waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty() stageSinceJalali!: string;
  @ApiProperty() reviewRound!: number;
  @ApiPropertyOptional({ description: 'What the agency must correct' }) corrections?: unknown;
  @ApiPropertyOptional() session?: unknown;
  @ApiPropertyOptional() decision?: unknown;
  @ApiPropertyOptional() result?: unknown;
  @ApiPropertyOptional() closure?: unknown;
  @ApiProperty({ type: [StageDeadlineDto], description: 'Deadlines of the current stage' })
  deadlines!: unknown[];
  @ApiProperty({ type: [BreachDto] }) breaches!: unknown[];
  @ApiProperty() directorateWorkingDaysUsed!: number;
}

export class TimelineEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() atJalali!: string;
  @ApiProperty({ description: 'Opaque user id, or `system`' }) by!: string;
  @ApiProperty() action!: string;
  @ApiPropertyOptional({ enum: CASE_STAGES }) from?: CaseStage;
  @ApiPropertyOptional({ enum: CASE_STAGES }) to?: CaseStage;
}
