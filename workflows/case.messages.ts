import { defineQuery } from '@temporalio/workflow';
import type { CaseState } from './case.types';

/** Message definitions live beside the workflow; the API imports them from here. */
export const getCaseStateQuery = defineQuery<CaseState>('getCaseState');

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** The workflow id of a case: stable, derived from the case id, never from personal data. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
