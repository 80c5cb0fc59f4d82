import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import type {
  CaseView,
  CaseWorkflowInput,
  Deficiency,
  FinalizeCaseDecisionInput,
  RecordCaseDecisionInput,
  ScheduleCaseInput,
  TimelineEntry,
  UnscheduleCaseInput,
  VehicleInput,
} from './case.types';

/** Message definitions live beside the workflow; the API and the session workflow import them. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** The case workflow's signature, for `client.workflow.start<CaseWorkflow>(CASE_WORKFLOW_TYPE, …)`. */
export type CaseWorkflow = (input: CaseWorkflowInput) => Promise<CaseView>;

/** The workflow id of a case: stable, derived from the case id, never from personal data. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export const getCaseStateQuery = defineQuery<CaseView>('getCaseState');
export const getCaseTimelineQuery = defineQuery<TimelineEntry[]>('getCaseTimeline');

// Human actions. Each is validated inside the workflow and answers with the new state.
export interface AcceptDocumentsInput {
  actor: Actor;
  note?: string;
}
export interface RequestCorrectionsInput {
  actor: Actor;
  deficiencies: Deficiency[];
  comment?: string;
}
export interface RejectCaseInput {
  actor: Actor;
  reasons: string[];
}
export interface ResubmitCorrectionsInput {
  actor: Actor;
  note?: string;
  documentIds?: string[];
  changedFields?: string[];
  /** Corrected form fields, already validated by the API against the case's request type. */
  changes?: { justification?: string; vehicles?: VehicleInput[] };
}
export interface WithdrawCaseInput {
  actor: Actor;
  reason?: string;
}
export interface CancelCaseInput {
  actor: Actor;
  reason: string;
}

export const acceptDocumentsUpdate = defineUpdate<CaseView, [AcceptDocumentsInput]>(
  'acceptDocuments',
);
export const requestCorrectionsUpdate = defineUpdate<CaseView, [RequestCorrectionsInput]>(
  'requestCorrections',
);
export const rejectCaseUpdate = defineUpdate<CaseView, [RejectCaseInput]>('rejectCase');
export const resubmitCorrectionsUpdate = defineUpdate<CaseView, [ResubmitCorrectionsInput]>(
  'resubmitCorrections',
);
export const withdrawCaseUpdate = defineUpdate<CaseView, [WithdrawCaseInput]>('withdrawCase');
export const cancelCaseUpdate = defineUpdate<CaseView, [CancelCaseInput]>('cancelCase');

// Sent by a commission session workflow (through an activity, so the case's validator decides).
export const scheduleCaseUpdate = defineUpdate<CaseView, [ScheduleCaseInput]>('scheduleCase');
export const unscheduleCaseUpdate = defineUpdate<CaseView, [UnscheduleCaseInput]>('unscheduleCase');
export const recordCaseDecisionUpdate = defineUpdate<CaseView, [RecordCaseDecisionInput]>(
  'recordCaseDecision',
);
export const finalizeCaseDecisionUpdate = defineUpdate<CaseView, [FinalizeCaseDecisionInput]>(
  'finalizeCaseDecision',
);

/** Sent by a case to the session it was scheduled on when it leaves (withdrawn or cancelled). */
export const caseLeftAgendaSignal =
  defineSignal<[{ caseId: string; reason: string }]>('caseLeftAgenda');
