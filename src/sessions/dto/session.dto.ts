import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DecisionOutcome } from '../../../workflows/case/case.types';
import {
  SESSION_STAGES,
  type MemberRole,
  type SessionStage,
} from '../../../workflows/session/session.types';
import { DECISION_OUTCOMES, MEMBER_ROLES, QUORUM_KINDS } from '../session-input';

export class SessionMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
}

export class QuorumDto {
  @ApiProperty({ enum: QUORUM_KINDS }) kind!: (typeof QUORUM_KINDS)[number];
  @ApiPropertyOptional({ description: 'MIN_APPROVALS only' }) count?: number;
}

export class DeficiencyDto {
  @ApiProperty({ example: 'document:TECHNICAL_OPINION' }) target!: string;
  @ApiProperty() note!: string;
}

export class AgendaDecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome!: DecisionOutcome;
  @ApiPropertyOptional({ type: [String] }) conditions?: string[];
  @ApiPropertyOptional({ type: [String] }) reasons?: string[];
  @ApiPropertyOptional({ type: [DeficiencyDto] }) deficiencies?: DeficiencyDto[];
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
  @ApiPropertyOptional({ type: AgendaDecisionDto }) decision?: AgendaDecisionDto;
  @ApiProperty({
    type: [String],
    description: 'Members who declared a conflict of interest on this case',
  })
  conflictedMemberIds!: string[];
}

export class MinutesApprovalDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class MinutesObjectionDto extends MinutesApprovalDto {
  @ApiProperty() comment!: string;
}

export class MinutesRoundDto {
  @ApiProperty({ example: 1 }) round!: number;
  @ApiProperty({ format: 'uuid' }) draftedBy!: string;
  @ApiProperty({ format: 'date-time' }) draftedAt!: string;
  @ApiProperty({ type: [MinutesApprovalDto] }) approvals!: MinutesApprovalDto[];
  @ApiProperty({ type: [MinutesObjectionDto] }) objections!: MinutesObjectionDto[];
}

export class SessionDeadlineDto {
  @ApiProperty({ example: 'minutesApproval' }) target!: string;
  @ApiProperty({ enum: SESSION_STAGES }) stage!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose approval' }) userId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) remindAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) remindedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) breachedAt?: string;
}

export class SessionBreachDto {
  @ApiProperty() target!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
}

export class SessionCancellationDto {
  @ApiProperty({ format: 'uuid' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() reason!: string;
}

/** The session workflow's own state: the answer to every action and the live part of a read. */
export class SessionViewDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: SESSION_STAGES }) stage!: SessionStage;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiProperty({ format: 'date-time' }) sessionAt!: string;
  @ApiProperty() place!: string;
  @ApiProperty({ type: [SessionMemberDto] }) members!: SessionMemberDto[];
  @ApiProperty({ type: QuorumDto }) quorum!: QuorumDto;
  @ApiProperty({ type: [AgendaItemDto] }) agenda!: AgendaItemDto[];
  @ApiPropertyOptional({ type: [String], description: 'Set when the session is marked held' })
  presentMemberIds?: string[];
  @ApiPropertyOptional({ type: MinutesRoundDto, description: 'The current round' })
  minutes?: MinutesRoundDto;
  @ApiProperty({ type: [MinutesRoundDto] }) pastMinutesRounds!: MinutesRoundDto[];
  @ApiProperty({ type: [SessionDeadlineDto] }) deadlines!: SessionDeadlineDto[];
  @ApiProperty({ type: [SessionBreachDto] }) breaches!: SessionBreachDto[];
  @ApiPropertyOptional({ format: 'date-time' }) finalizedAt?: string;
  @ApiPropertyOptional({ type: SessionCancellationDto }) cancellation?: SessionCancellationDto;
}

/** A session as the read model holds it (what lists are made of). */
export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SESSION_STAGES }) stage!: SessionStage;
  @ApiProperty({ format: 'date-time' }) sessionAt!: string;
  @ApiProperty({ example: '1405/09/05 10:00' }) sessionAtJalali!: string;
  @ApiProperty() place!: string;
  @ApiProperty({ type: [SessionMemberDto] }) members!: SessionMemberDto[];
  @ApiProperty({ type: [AgendaItemDto] }) agenda!: AgendaItemDto[];
  @ApiProperty({ type: [MinutesRoundDto], description: 'Every round, oldest first' })
  minutes!: MinutesRoundDto[];
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionSummaryDto] }) items!: SessionSummaryDto[];
  @ApiProperty() total!: number;
}

export class SessionResponseDto extends SessionSummaryDto {
  @ApiProperty({
    type: SessionViewDto,
    nullable: true,
    description: 'The workflow’s own answer; null when the worker could not be asked just now',
  })
  live!: SessionViewDto | null;
}
