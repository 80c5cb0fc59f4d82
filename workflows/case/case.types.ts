/** Types shared by the case workflow, its activities, the session workflow and the API. Pure data. */
import type { Actor } from '../common/actors';
import type { WorkingCalendar } from '../common/sla/calendar';
import type { ServiceLevelPolicy } from '../common/sla/policy';

export const REQUEST_TYPES = ['SCRAP', 'PURCHASE', 'SALE'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const CASE_STAGES = [
  'REGISTERED',
  'UNDER_REVIEW',
  'AWAITING_CORRECTIONS',
  'AWAITING_SESSION',
  'SCHEDULED',
  'DECIDED',
  'RESULT_ANNOUNCED',
  'CLOSED',
  'WITHDRAWN',
  'CANCELLED',
  'ABANDONED',
  'REJECTED',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Stages after which nothing more happens to the case. */
export const TERMINAL_STAGES: readonly CaseStage[] = [
  'CLOSED',
  'WITHDRAWN',
  'CANCELLED',
  'ABANDONED',
  'REJECTED',
];

/** Who the case waits on at its current stage. */
export const WAITING_ON_VALUES = [
  'SYSTEM',
  'REVIEWER',
  'AGENCY',
  'SECRETARY',
  'MEMBERS',
  'NOBODY',
] as const;
export type WaitingOn = (typeof WAITING_ON_VALUES)[number];

export interface VehicleInput {
  plate?: string;
  vin?: string;
  makeModel?: string;
  modelYear?: number;
  /** modelYear in the Gregorian calendar (a Solar Hijri year + 621, ±1), set by the API. */
  modelYearGregorian?: number;
  usageClass?: string;
  fuel?: string;
  mileage?: number;
  /** Book value in rials. */
  bookValue?: number;
  /** For a purchase: the class of vehicle wanted and how many. */
  count?: number;
}

export interface CaseRegistration {
  caseId: string;
  trackingCode: string;
  requestType: RequestType;
  agencyId: string;
  justification: string;
  vehicles: VehicleInput[];
  /** ISO-8601 instant the API acknowledged the registration. */
  registeredAt: string;
  /** The clerk who filed it (an opaque user id). */
  registeredBy?: string;
}

/** The service-level rules a case keeps for life: pinned when it is registered (docs/domain.md §3.5). */
export interface CaseServiceLevel {
  policy: ServiceLevelPolicy;
  calendar: WorkingCalendar;
  /** How long a permit stays valid, in calendar days. */
  permitValidityDays: number;
}

export interface CaseWorkflowInput {
  registration: CaseRegistration;
  serviceLevel: CaseServiceLevel;
  /** Present when the workflow continued as new: everything it had, carried over. */
  carried?: CaseState;
  /** History length above which the case continues as new (default 2000; tests lower it). */
  continueAsNewAfterEvents?: number;
}

/** One deficiency the agency must correct, tied to a checklist slot or a form field. */
export interface Deficiency {
  /** e.g. `document:REQUEST_LETTER` or `field:vehicles[0].vin` */
  target: string;
  note: string;
}

export type DecisionOutcome =
  | 'APPROVED'
  | 'APPROVED_WITH_CONDITIONS'
  | 'REJECTED'
  | 'DEFERRED_TO_SCHEDULING'
  | 'DEFERRED_TO_CORRECTIONS';

export interface CaseDecision {
  outcome: DecisionOutcome;
  /** For APPROVED_WITH_CONDITIONS. */
  conditions?: string[];
  /** For REJECTED (and, optionally, deferrals). */
  reasons?: string[];
  /** For DEFERRED_TO_CORRECTIONS: what the agency must supply. */
  deficiencies?: Deficiency[];
  sessionId: string;
  recordedBy: string;
  recordedAt: string;
}

export interface CaseResult {
  kind: 'PERMIT' | 'REFUSAL';
  permitNumber?: string;
  validFrom?: string;
  validUntil?: string;
  conditions?: string[];
  reasons?: string[];
  announcedAt: string;
}

/** Which clock a stretch of time counts on: the directorate's stops while the agency owes corrections. */
export type ClockName = 'DIRECTORATE' | 'AGENCY' | 'NONE';

export interface StageDeadline {
  /** The target's name in the policy, e.g. `documentReview`, or `correctionWindow`. */
  target: string;
  /** The case or session stage the deadline belongs to. */
  stage: string;
  /** For a member's minutes approval: whose. */
  userId?: string;
  dueAt: string;
  remindAt?: string;
  remindedAt?: string;
  breachedAt?: string;
}

export interface Breach {
  target: string;
  stage: string;
  userId?: string;
  dueAt: string;
  detectedAt: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  /** Opaque user id, or `system`. */
  by: string;
  action: string;
  from?: CaseStage;
  to?: CaseStage;
  clock: ClockName;
  details?: Record<string, unknown>;
}

export interface CaseState {
  caseId: string;
  trackingCode: string;
  requestType: RequestType;
  agencyId: string;
  registeredAt: string;
  registeredBy?: string;
  stage: CaseStage;
  /** ISO-8601 instant the current stage began. */
  stageSince: string;
  waitingOn: WaitingOn;
  /** Document review round: 1, then +1 after each re-submission. */
  reviewRound: number;
  corrections?: {
    requestedAt: string;
    requestedBy: string;
    deficiencies: Deficiency[];
    comment?: string;
  };
  session?: { sessionId: string; sessionAt: string };
  decision?: CaseDecision;
  result?: CaseResult;
  closure?: { stage: CaseStage; reason?: string; by: string; at: string };
  /** Deadlines of the current stage (and the whole case). */
  deadlines: StageDeadline[];
  breaches: Breach[];
  /** When the whole-case reminder went out: it goes once, across pauses and stage changes. */
  wholeCaseRemindedAt?: string;
  /** Periods the directorate's clock ran (epoch ms); the last is open while it runs. */
  directorateClock: { from: number; to?: number }[];
  policyVersion: string;
  timeline: TimelineEntry[];
  /** Continue-as-new generations this case has been through. */
  generation: number;
}

/** The answer to every action and the `getCaseState` query. */
export type CaseView = Omit<CaseState, 'timeline' | 'directorateClock'> & {
  directorateWorkingDaysUsed: number;
  timelineLength: number;
};

/** Messages a session workflow sends to the case workflows on its agenda. */
export interface ScheduleCaseInput {
  actor: Actor;
  sessionId: string;
  sessionAt: string;
}
export interface UnscheduleCaseInput {
  actor: Actor;
  sessionId: string;
  reason: string;
}
export interface RecordCaseDecisionInput {
  actor: Actor;
  decision: CaseDecision;
}
export interface FinalizeCaseDecisionInput {
  actor: Actor;
  sessionId: string;
  minutesApprovedAt: string;
}
