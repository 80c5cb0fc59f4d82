import type { WorkingCalendar } from '../common/sla/calendar';
import type { ServiceLevelPolicy } from '../common/sla/policy';
import type { CaseDecision, StageDeadline, Breach } from '../case/case.types';

export type MemberRole = 'CHAIR' | 'SECRETARY' | 'MEMBER';

export interface SessionMember {
  userId: string;
  role: MemberRole;
}

/** Default: every member present has approved (docs/domain.md §2.6). */
export type QuorumRule = { kind: 'ALL_PRESENT' } | { kind: 'MIN_APPROVALS'; count: number };

export const SESSION_STAGES = [
  'PLANNED',
  'HELD',
  'MINUTES_UNDER_APPROVAL',
  'MINUTES_IN_REVISION',
  'CLOSED',
  'CANCELLED',
] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export interface SessionInput {
  sessionId: string;
  /** ISO-8601 instant the session meets. */
  sessionAt: string;
  place: string;
  members: SessionMember[];
  quorum: QuorumRule;
  createdBy: string;
  serviceLevel: { policy: ServiceLevelPolicy; calendar: WorkingCalendar };
}

export interface AgendaItem {
  caseId: string;
  addedAt: string;
  decision?: Omit<CaseDecision, 'sessionId'>;
  /** Members who declared a conflict of interest on this case: they do not vote on it. */
  conflictedMemberIds: string[];
}

export interface MinutesRound {
  round: number;
  draftedBy: string;
  draftedAt: string;
  approvals: { userId: string; at: string }[];
  objections: { userId: string; at: string; comment: string }[];
}

export interface SessionState {
  sessionId: string;
  stage: SessionStage;
  stageSince: string;
  sessionAt: string;
  place: string;
  members: SessionMember[];
  quorum: QuorumRule;
  agenda: AgendaItem[];
  presentMemberIds?: string[];
  minutes?: MinutesRound;
  /** Earlier rounds, kept for the record. */
  pastMinutesRounds: MinutesRound[];
  deadlines: StageDeadline[];
  breaches: Breach[];
  finalizedAt?: string;
  cancellation?: { by: string; at: string; reason: string };
}

export type SessionView = SessionState;
