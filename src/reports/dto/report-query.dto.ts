import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REQUEST_TYPES, type RequestType } from '../../../workflows/case/case.types';
import { QueryInteger } from '../../common/validation/decorators';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Years the service can hold cases for: its first policy is effective from 1400/01/01. */
export const REPORT_MIN_YEAR = 1400;
export const REPORT_MAX_YEAR = 1499;

/** A Jalali month: `GET /public/service-level`. */
export class ReportMonthQueryDto {
  @ApiProperty({ example: 1405, description: 'Jalali year — سال شمسی' })
  @QueryInteger(REPORT_MIN_YEAR, REPORT_MAX_YEAR)
  year!: number;

  @ApiProperty({ example: 9, description: 'Jalali month 1–12 — ماه شمسی' })
  @QueryInteger(1, 12)
  month!: number;
}

/** `GET /reports/service-level`: a month, optionally one request type, JSON or CSV. */
export class ServiceLevelQueryDto extends ReportMonthQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES)
  requestType?: RequestType;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    description: 'csv: UTF-8 with BOM (also chosen by `Accept: text/csv`)',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export const BREACHES_DEFAULT_LIMIT = 200;
export const BREACHES_MAX_LIMIT = 1000;

/** `GET /reports/breaches`: open breaches, oldest deadline first. */
export class BreachesQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES)
  requestType?: RequestType;

  @ApiPropertyOptional({ default: BREACHES_DEFAULT_LIMIT, maximum: BREACHES_MAX_LIMIT })
  @IsOptional()
  @QueryInteger(1, BREACHES_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  // At most 1 000 000 as every list's offset (PageQuery): fuzzing sent 3.17e37, which is an integer to JavaScript
  // and came back as such, not as the integer the document promises.
  @QueryInteger(0, 1_000_000)
  offset?: number;

  @ApiPropertyOptional({ enum: REPORT_FORMATS })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
