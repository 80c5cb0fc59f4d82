import { PageQuery } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PersianText } from '../../common/validation/decorators';
import { MAX_ANSWER, MAX_NOTE } from '../../../workflows/complaint/complaint.rules';
import {
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  type ComplaintKind,
  type ComplaintStatus,
} from '../../../workflows/complaint/complaint.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

export const MAX_SUBJECT = 200;
export const MAX_COMPLAINT_TEXT = 4000;

export class FileComplaintRequestDto {
  @ApiProperty({ enum: COMPLAINT_KINDS, description: 'COMPLAINT (شکایت) or OPINION (نظر)' })
  @IsIn(COMPLAINT_KINDS)
  kind!: ComplaintKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The case it is about; left out when it is about the service',
  })
  @IsOptional()
  @Transform(lower)
  @Matches(UUID, {
    message: 'caseId must be a UUID',
    context: { fa: 'شناسه درخواست باید UUID باشد.', en: 'caseId must be a UUID' },
  })
  caseId?: string;

  @ApiProperty({ example: 'تأخیر در بررسی مدارک', minLength: 3, maxLength: MAX_SUBJECT })
  @PersianText({ min: 3, max: MAX_SUBJECT })
  subject!: string;

  @ApiProperty({
    example: 'مدارک درخواست ما بیش از دو هفته است که بررسی نشده است.',
    minLength: 10,
    maxLength: MAX_COMPLAINT_TEXT,
  })
  @PersianText({ min: 10, max: MAX_COMPLAINT_TEXT })
  text!: string;
}

export class AssignComplaintRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An active directorate user holding REVIEWER, SECRETARY or OPERATOR',
  })
  @Transform(lower)
  @Matches(UUID, {
    message: 'ownerId must be a UUID',
    context: { fa: 'شناسه مسئول رسیدگی باید UUID باشد.', en: 'ownerId must be a UUID' },
  })
  ownerId!: string;

  @ApiPropertyOptional({ maxLength: MAX_NOTE })
  @IsOptional()
  @PersianText({ min: 1, max: MAX_NOTE })
  note?: string;
}

export class AnswerComplaintRequestDto {
  @ApiProperty({ example: 'مدارک شما بررسی و نتیجه اعلام شد.', maxLength: MAX_ANSWER })
  @PersianText({ min: 3, max: MAX_ANSWER })
  answer!: string;
}

export class WithdrawComplaintRequestDto {
  @ApiPropertyOptional({ maxLength: MAX_NOTE })
  @IsOptional()
  @PersianText({ min: 1, max: MAX_NOTE })
  reason?: string;
}

export class ListComplaintsQueryDto extends PageQuery(100, 20) {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: COMPLAINT_KINDS })
  @IsOptional()
  @IsIn(COMPLAINT_KINDS)
  kind?: ComplaintKind;
}

export class ComplaintIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(UUID, {
    message: 'id must be a UUID',
    context: { fa: 'شناسه نظر یا شکایت باید UUID باشد.', en: 'id must be a UUID' },
  })
  id!: string;
}

export class ComplaintTrackingCodeParams {
  @ApiProperty({
    example: '۱۲۳۴۵۶۷۸۹۰۱۲',
    description: '12 digits; Persian, Arabic-Indic or ASCII digits, spaces and dashes allowed',
  })
  @IsString()
  @MaxLength(40)
  code!: string;
}

class BilingualDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

export class ComplaintEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() atJalali!: string;
  @ApiProperty({ description: 'Opaque user id, or `system`' }) by!: string;
  @ApiProperty({ enum: ['FILED', 'ASSIGNED', 'REMINDER', 'ESCALATED', 'ANSWERED', 'WITHDRAWN'] })
  action!: string;
  @ApiPropertyOptional() details?: Record<string, unknown>;
}

export class FiledComplaintResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Keep it: follow the complaint with GET /complaints/track/{code}' })
  trackingCode!: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiPropertyOptional({ format: 'uuid' }) caseId?: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() filedAtJalali!: string;
  @ApiProperty({ format: 'date-time', description: 'The target response time (working days)' })
  dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
}

export class ComplaintDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ format: 'date-time' }) statusSince!: string;
  @ApiProperty() statusSinceJalali!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid' }) filedBy!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() filedAtJalali!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) escalatedAt!:
    string | null;
  @ApiPropertyOptional({ nullable: true }) answer!: {
    text: string;
    by: string;
    at: string;
    atJalali: string;
  } | null;
  @ApiPropertyOptional({ nullable: true }) withdrawal!: {
    reason?: string;
    at: string;
    atJalali: string;
  } | null;
  @ApiProperty() policyVersion!: string;
  @ApiPropertyOptional({ type: [ComplaintEventDto] }) events?: ComplaintEventDto[];
}

export class ComplaintListDto {
  @ApiProperty({ type: [ComplaintDto] }) items!: ComplaintDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ComplaintTrackingDto {
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty() filedAt!: string;
  @ApiProperty() filedAtJalali!: string;
  @ApiProperty() statusSince!: string;
  @ApiProperty() statusSinceJalali!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() dueAtJalali!: string;
  @ApiProperty({ type: BilingualDto }) nextStep!: { fa: string; en: string };
}
