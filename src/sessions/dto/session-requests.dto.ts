import { PageQuery } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ArrayOfObjects,
  IsOptionalButNotNull,
  PersianText,
} from '../../common/validation/decorators';
import { IsIsoInstant, IsPlannable, TextList, Uuid } from './session-validators';
import type { DecisionOutcome } from '../../../workflows/case/case.types';
import {
  SESSION_STAGES,
  type MemberRole,
  type SessionStage,
} from '../../../workflows/session/session.types';
import {
  DECISION_OUTCOMES,
  MAX_ITEMS,
  MAX_MEMBERS,
  MAX_TEXT,
  MEMBER_ROLES,
  MIN_MEMBERS,
  QUORUM_KINDS,
} from '../session-input';

export class SessionMemberRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An active user holding MEMBER (SECRETARY for the secretary)',
  })
  @Uuid()
  userId!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class QuorumRequestDto {
  @ApiProperty({
    enum: QUORUM_KINDS,
    description: 'ALL_PRESENT: every member present approves; MIN_APPROVALS: at least `count`',
  })
  @IsIn(QUORUM_KINDS)
  kind!: (typeof QUORUM_KINDS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MEMBERS - 1, description: 'MIN_APPROVALS only' })
  @ValidateIf(
    (quorum: QuorumRequestDto) => quorum.kind === 'MIN_APPROVALS' || quorum.count !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(MAX_MEMBERS - 1)
  count?: number;
}

/** The session's members: MIN..MAX objects, each checked as a SessionMemberRequestDto. */
const MemberList = (): PropertyDecorator =>
  ArrayOfObjects(() => SessionMemberRequestDto, { min: MIN_MEMBERS, max: MAX_MEMBERS });

/** An optional quorum rule, checked as a QuorumRequestDto (never null). */
function QuorumRule(): PropertyDecorator {
  return (target, key) => {
    Type(() => QuorumRequestDto)(target, key);
    ValidateNested()(target, key);
    IsObject()(target, key);
    IsOptionalButNotNull()(target, key);
  };
}

export class CreateSessionRequestDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-03-01T09:30:00+03:30',
    description: 'In the future',
  })
  @IsIsoInstant()
  @IsPlannable()
  sessionAt!: string;

  @ApiProperty({ example: 'اداره کل امور اقتصادی و دارایی، سالن جلسات', maxLength: 200 })
  @PersianText({ min: 2, max: 200 })
  place!: string;

  @ApiProperty({
    type: [SessionMemberRequestDto],
    description: `${MIN_MEMBERS}–${MAX_MEMBERS} members, exactly one with the role SECRETARY`,
  })
  @MemberList()
  members!: SessionMemberRequestDto[];

  @ApiPropertyOptional({ type: QuorumRequestDto, description: 'Default: ALL_PRESENT' })
  @QuorumRule()
  quorum?: QuorumRequestDto;
}

export class MoveSessionRequestDto {
  @ApiProperty({ format: 'date-time', description: 'The new time, in the future' })
  @IsIsoInstant()
  @IsPlannable()
  sessionAt!: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'A new place; unchanged when absent' })
  @IsOptionalButNotNull()
  @PersianText({ min: 2, max: 200 })
  place?: string;
}

export class SetMembersRequestDto {
  @ApiProperty({ type: [SessionMemberRequestDto] })
  @MemberList()
  members!: SessionMemberRequestDto[];

  @ApiPropertyOptional({ type: QuorumRequestDto, description: 'Unchanged when absent' })
  @QuorumRule()
  quorum?: QuorumRequestDto;
}

export class AgendaCaseRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A case awaiting a session' })
  @Uuid()
  caseId!: string;
}

/** Why a case leaves the agenda: in the body or as `?reason=` (one of them). */
export class RemoveAgendaCaseRequestDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptionalButNotNull()
  @PersianText({ min: 3, max: 1000 })
  reason?: string;
}

export class RemoveAgendaCaseQueryDto extends RemoveAgendaCaseRequestDto {}

export class CancelSessionRequestDto {
  @ApiProperty({ example: 'عدم حضور حد نصاب اعضا', maxLength: 1000 })
  @PersianText({ min: 3, max: 1000 })
  reason!: string;
}

export class MarkHeldRequestDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Members who attended' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayUnique()
  @Uuid({ each: true })
  presentMemberIds!: string[];
}

export class DeficiencyRequestDto {
  @ApiProperty({
    example: 'document:TECHNICAL_OPINION',
    description: 'document:<slot> or field:<path>',
  })
  @IsString()
  @Matches(/^(document|field):\S{1,120}$/, {
    message: 'target must be document:<slot> or field:<path>',
    context: {
      fa: 'هدف نقص باید به شکل document:<نوع مدرک> یا field:<مسیر فیلد> باشد.',
      en: 'target must be document:<slot> or field:<path>',
    },
  })
  target!: string;

  @ApiProperty({ maxLength: MAX_TEXT })
  @PersianText({ min: 1, max: MAX_TEXT })
  note!: string;
}

export class RecordDecisionRequestDto {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  caseId!: string;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @ApiPropertyOptional({ type: [String], description: 'APPROVED_WITH_CONDITIONS only (required)' })
  @TextList()
  conditions?: string[];

  @ApiPropertyOptional({ type: [String], description: 'REJECTED (required) and deferrals' })
  @TextList()
  reasons?: string[];

  @ApiPropertyOptional({
    type: [DeficiencyRequestDto],
    description: 'DEFERRED_TO_CORRECTIONS only (required)',
  })
  @IsOptionalButNotNull()
  @ArrayOfObjects(() => DeficiencyRequestDto, { min: 1, max: MAX_ITEMS })
  deficiencies?: DeficiencyRequestDto[];
}

export class ObjectToMinutesRequestDto {
  @ApiProperty({ example: 'شرط تحویل پلاک در صورتجلسه نیامده است', maxLength: MAX_TEXT })
  @PersianText({ min: 3, max: MAX_TEXT })
  comment!: string;
}

export class DeclareConflictRequestDto {
  @ApiProperty({ format: 'uuid', description: 'A case on the agenda' })
  @Uuid()
  caseId!: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'For the member’s own record; the workflow does not keep it',
  })
  @IsOptionalButNotNull()
  @PersianText({ min: 1, max: 1000 })
  note?: string;
}

export class ListSessionsQueryDto extends PageQuery(100, 20) {
  @ApiPropertyOptional({ enum: SESSION_STAGES })
  @IsOptional()
  @IsIn(SESSION_STAGES)
  stage?: SessionStage;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sessions meeting at or after this instant',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions meeting before this instant' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}

export class SessionIdParams {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  id!: string;
}

export class SessionCaseParams extends SessionIdParams {
  @ApiProperty({ format: 'uuid' })
  @Uuid()
  caseId!: string;
}
