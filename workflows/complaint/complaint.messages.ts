import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import type { ComplaintView, ComplaintWorkflowInput } from './complaint.types';

/** Message definitions live beside the workflow; the API imports them. */
export const COMPLAINT_WORKFLOW_TYPE = 'complaintWorkflow';

/** The complaint workflow's signature, for `client.workflow.start<ComplaintWorkflow>(…)`. */
export type ComplaintWorkflow = (input: ComplaintWorkflowInput) => Promise<ComplaintView>;

/** The workflow id of a complaint: derived from its id, never from personal data. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

export const getComplaintStateQuery = defineQuery<ComplaintView>('getComplaintState');

// Human actions. Each is validated inside the workflow and answers with the new state.
export interface AssignComplaintInput {
  actor: Actor;
  /** The directorate staff user who will answer, and the roles the API found them to hold. */
  owner: { userId: string; roles: string[] };
  note?: string;
}
export interface AnswerComplaintInput {
  actor: Actor;
  answer: string;
}
export interface WithdrawComplaintInput {
  actor: Actor;
  reason?: string;
}

export const assignComplaintUpdate = defineUpdate<ComplaintView, [AssignComplaintInput]>(
  'assignComplaint',
);
export const answerComplaintUpdate = defineUpdate<ComplaintView, [AnswerComplaintInput]>(
  'answerComplaint',
);
export const withdrawComplaintUpdate = defineUpdate<ComplaintView, [WithdrawComplaintInput]>(
  'withdrawComplaint',
);
