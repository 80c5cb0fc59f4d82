import { CASE_WORKFLOW_TYPE } from '../../workflows/case/case.messages';
import type { CaseStage, RequestType } from '../../workflows/case/case.types';
import {
  AGENCY_ID,
  CASE_STAGE,
  REQUEST_TYPE,
  SLA_BREACHED,
} from '../../workflows/common/search-attributes';

/** What operators filter case workflows by (Temporal visibility, custom search attributes). */
export interface CaseWorkflowFilter {
  stage?: CaseStage;
  requestType?: RequestType;
  agencyId?: string;
  breached?: boolean;
  /** `running`: still open; `closed`: completed, failed, cancelled, terminated, timed out… */
  status?: 'running' | 'closed';
}

/** A string literal of Temporal's visibility query language (SQL-like, single quotes). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The visibility query for this service's case workflows matching the filter. Always scoped to
 * the case workflow type and the service's own task queue, so an operator never reaches another
 * deployment's (or another test file's) workflows sharing the namespace.
 */
export function caseVisibilityQuery(taskQueue: string, filter: CaseWorkflowFilter): string {
  const parts = [`WorkflowType = ${quote(CASE_WORKFLOW_TYPE)}`, `TaskQueue = ${quote(taskQueue)}`];
  if (filter.stage) parts.push(`${CASE_STAGE.name} = ${quote(filter.stage)}`);
  if (filter.requestType) parts.push(`${REQUEST_TYPE.name} = ${quote(filter.requestType)}`);
  if (filter.agencyId) parts.push(`${AGENCY_ID.name} = ${quote(filter.agencyId)}`);
  if (filter.breached !== undefined) parts.push(`${SLA_BREACHED.name} = ${filter.breached}`);
  if (filter.status === 'running') parts.push(`ExecutionStatus = 'Running'`);
  if (filter.status === 'closed') parts.push(`ExecutionStatus != 'Running'`);
  return parts.join(' AND ');
}
