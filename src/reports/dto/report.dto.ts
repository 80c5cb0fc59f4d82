import { ApiProperty } from '@nestjs/swagger';
import { CASE_STAGES, REQUEST_TYPES } from '../../../workflows/case/case.types';
import { MEASURES } from '../service-level-figures';

/** The answers of the report endpoints, as OpenAPI schemas (the types are in reports.service.ts). */

class ReportNameDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

class ReportPeriodDto {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 }) month!: number;
  @ApiProperty() monthName!: string;
  @ApiProperty({ format: 'date-time', description: 'First instant of the month (Iran)' })
  from!: string;
  @ApiProperty({ format: 'date-time', description: 'First instant after the month' })
  to!: string;
  @ApiProperty() fromJalali!: string;
  @ApiProperty() toJalali!: string;
}

class DurationFiguresDto {
  @ApiProperty({ type: Number, nullable: true }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90!: number | null;
}

class ReportCalendarDto {
  @ApiProperty() thursdayIsWorkingDay!: boolean;
  @ApiProperty({ type: [String] }) holidaysInMonth!: string[];
  @ApiProperty({ type: [String] }) closuresInMonth!: string[];
}

class ReportRowDto {
  @ApiProperty({ enum: MEASURES }) measure!: string;
  @ApiProperty({ type: ReportNameDto }) measureName!: ReportNameDto;
  @ApiProperty({ enum: ['DIRECTORATE', 'AGENCY'] }) clock!: string;
  @ApiProperty({ enum: [...REQUEST_TYPES, 'ALL'] }) requestType!: string;
  @ApiProperty({ type: ReportNameDto }) requestTypeName!: ReportNameDto;
  @ApiProperty() target!: string;
  @ApiProperty({ type: Number, nullable: true }) targetWorkingDays!: number | null;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) onTime!: number;
  @ApiProperty({ type: Number, nullable: true }) onTimeShare!: number | null;
  @ApiProperty({ type: DurationFiguresDto, nullable: true })
  directorateDays!: DurationFiguresDto | null;
  @ApiProperty({ type: DurationFiguresDto }) endToEndDays!: DurationFiguresDto;
}

export class ServiceLevelReportDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: String, enum: REQUEST_TYPES, nullable: true }) requestType!: string | null;
  @ApiProperty({ type: ReportCalendarDto }) calendar!: ReportCalendarDto;
  @ApiProperty({ type: [String] }) policyVersions!: string[];
  @ApiProperty({ type: [ReportRowDto] }) rows!: ReportRowDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedAtJalali!: string;
}

class OpenBreachDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ type: String, nullable: true }) agencyName!: string | null;
  @ApiProperty({ enum: CASE_STAGES }) stage!: string;
  @ApiProperty() waitingOn!: string;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty() stageSinceJalali!: string;
  @ApiProperty({ description: 'documentReview, scheduling or wholeCase' }) target!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty() overdueWorkingDays!: number;
}

export class OpenBreachPageDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
  @ApiProperty({ type: [OpenBreachDto] }) items!: OpenBreachDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedAtJalali!: string;
}

class PublicRowDto {
  @ApiProperty({ enum: MEASURES }) measure!: string;
  @ApiProperty({ type: ReportNameDto }) measureName!: ReportNameDto;
  @ApiProperty({ enum: ['DIRECTORATE', 'AGENCY'] }) clock!: string;
  @ApiProperty({ enum: [...REQUEST_TYPES, 'ALL'] }) requestType!: string;
  @ApiProperty({ type: ReportNameDto }) requestTypeName!: ReportNameDto;
  @ApiProperty({ type: Number, nullable: true }) targetWorkingDays!: number | null;
  @ApiProperty({ description: 'Fewer than minimumCellSize finished: the figures are null' })
  suppressed!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) count!: number | null;
  @ApiProperty({ type: Number, nullable: true }) onTimeShare!: number | null;
  @ApiProperty({ type: DurationFiguresDto, nullable: true })
  directorateDays!: DurationFiguresDto | null;
  @ApiProperty({ type: DurationFiguresDto, nullable: true })
  endToEndDays!: DurationFiguresDto | null;
}

export class PublicServiceLevelDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: 'integer' }) minimumCellSize!: number;
  @ApiProperty({ type: [PublicRowDto] }) rows!: PublicRowDto[];
  @ApiProperty({ type: 'integer', description: 'Breaches open now, across all cases' })
  openBreaches!: number;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedAtJalali!: string;
}
