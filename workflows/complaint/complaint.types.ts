/** Types shared by the complaint workflow, its activities and the API. Pure data. */
import type { WorkingCalendar } from '../common/sla/calendar';

/** docs/domain.md §4.2: the portal registers and tracks opinions and complaints (نظرات و شکایات). */
export const COMPLAINT_KINDS = ['COMPLAINT', 'OPINION'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/**
 * OPEN: filed, nobody owns it yet (an operator assigns it); ASSIGNED: its owner owes the answer;
 * ANSWERED and WITHDRAWN (by the filer) end it.
 */
export const COMPLAINT_STATUSES = ['OPEN', 'ASSIGNED', 'ANSWERED', 'WITHDRAWN'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const TERMINAL_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['ANSWERED', 'WITHDRAWN'];

/** Directorate staff who may own (and answer) a complaint. */
export const COMPLAINT_OWNER_ROLES = ['REVIEWER', 'SECRETARY', 'OPERATOR'] as const;

/** What the API checked and hands the workflow when someone files. */
export interface ComplaintFiling {
  complaintId: string;
  trackingCode: string;
  kind: ComplaintKind;
  /** The case it is about; absent when it is about the service. */
  caseId?: string;
  /** That case's agency (so a clerk of it can be scoped), never a name. */
  caseAgencyId?: string;
  subject: string;
  text: string;
  /** The filer: an opaque user id, and their agency when they are a clerk. */
  filedBy: string;
  filerAgencyId?: string;
  /** ISO-8601 instant the API acknowledged the filing. */
  filedAt: string;
}

/**
 * The response target a complaint keeps for life, pinned when it is filed: a version of the
 * complaint response policy and the working calendar in force that day.
 */
export interface ComplaintServiceLevel {
  policyVersion: string;
  /** Working days from filing to the answer. */
  responseWorkingDays: number;
  /** Working days before the target that the reminder goes out (0: none). */
  reminderBeforeWorkingDays: number;
  /** The role told when the target passes unanswered. */
  escalateToRole: string;
  calendar: WorkingCalendar;
}

export interface ComplaintWorkflowInput {
  filing: ComplaintFiling;
  serviceLevel: ComplaintServiceLevel;
}

/** One line of a complaint's history. */
export interface ComplaintEvent {
  seq: number;
  at: string;
  /** Opaque user id, or `system`. */
  by: string;
  action: ComplaintAction;
  details?: Record<string, unknown>;
}

export type ComplaintAction =
  'FILED' | 'ASSIGNED' | 'REMINDER' | 'ESCALATED' | 'ANSWERED' | 'WITHDRAWN';

/** The filing as the API handed it over, and what became of it. */
export interface ComplaintState extends ComplaintFiling {
  status: ComplaintStatus;
  statusSince: string;
  owner?: { userId: string; assignedBy: string; assignedAt: string };
  /** The response target (working days on the pinned calendar) and its reminder. */
  dueAt: string;
  remindAt?: string;
  remindedAt?: string;
  /** When the target passed unanswered and the complaint was escalated. */
  escalatedAt?: string;
  answer?: { text: string; by: string; at: string };
  withdrawal?: { reason?: string; by: string; at: string };
  policyVersion: string;
  events: ComplaintEvent[];
}

/** The answer to every action and the `getComplaintState` query. */
export type ComplaintView = ComplaintState;
