import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/validation/instant';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../audit-chain';
import { QUERY_DEFAULT_LIMIT, QUERY_MAX_LIMIT } from '../audit.service';
import { QueryInteger } from '../../common/validation/decorators';

const CODE = /^[a-z][a-z0-9.-]*$/;

/** Filters of `GET /audit`; every one is optional and they combine with AND. */
export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who acted' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'case', description: 'case, document, session, user, agency…' })
  @IsOptional()
  @MaxLength(64)
  @Matches(CODE, {
    message: 'resourceType must be lower-case letters, digits, dots and dashes',
    context: {
      fa: 'نوع منبع باید از حروف کوچک لاتین، رقم، نقطه و خط تیره باشد.',
      en: 'resourceType must be lower-case letters, digits, dots and dashes',
    },
  })
  resourceType?: string;

  @ApiPropertyOptional({
    description: 'Id of the resource (needs no resourceType, but is usually given with it)',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[^\s]+$/, {
    message: 'resourceId must not contain spaces',
    context: {
      fa: 'فیلد «resourceId» نباید فاصله داشته باشد.',
      en: 'resourceId must not contain spaces',
    },
  })
  resourceId?: string;

  @ApiPropertyOptional({ example: 'case.read' })
  @IsOptional()
  @MaxLength(100)
  @Matches(CODE, {
    message: 'action must be lower-case letters, digits, dots and dashes',
    context: {
      fa: 'عملیات باید از حروف کوچک لاتین، رقم، نقطه و خط تیره باشد.',
      en: 'action must be lower-case letters, digits, dots and dashes',
    },
  })
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Up to this instant (exclusive)' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Only rows older than this seq (the previous page’s nextBeforeSeq)',
  })
  @IsOptional()
  @QueryInteger(1, Number.MAX_SAFE_INTEGER)
  beforeSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: QUERY_MAX_LIMIT, default: QUERY_DEFAULT_LIMIT })
  @IsOptional()
  @QueryInteger(1, QUERY_MAX_LIMIT)
  limit?: number;
}

/** Range of `GET /audit/verify`; without it, the whole log is checked. */
export class AuditVerifyQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'First seq to check (linked to the row before it)',
  })
  @IsOptional()
  @QueryInteger(1, Number.MAX_SAFE_INTEGER)
  fromSeq?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Last seq to check',
  })
  @IsOptional()
  @QueryInteger(1, Number.MAX_SAFE_INTEGER)
  toSeq?: number;
}
