import { PageQuery, queryBoolean } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { CASE_STAGES, REQUEST_TYPES, WAITING_ON_VALUES } from '../../../workflows/case.types';
import type { CaseStage, RequestType, WaitingOn } from '../../../workflows/case.types';

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
  @IsISO8601({ strict: true })
  registeredFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'registered before' })
  @IsOptional()
  @IsISO8601({ strict: true })
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

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: RequestType;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ enum: WAITING_ON_VALUES }) waitingOn!: WaitingOn;
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

export class CaseStateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ enum: WAITING_ON_VALUES }) waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty() stageSinceJalali!: string;
  @ApiProperty() reviewRound!: number;
  @ApiPropertyOptional({ description: 'What the agency must correct' }) corrections?: unknown;
  @ApiPropertyOptional() session?: unknown;
  @ApiPropertyOptional() decision?: unknown;
  @ApiPropertyOptional() result?: unknown;
  @ApiPropertyOptional() closure?: unknown;
  @ApiProperty({ description: 'Deadlines of the current stage, with Jalali dates' })
  deadlines!: unknown[];
  @ApiProperty() breaches!: unknown[];
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
