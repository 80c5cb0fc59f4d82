import {
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import { getCaseStateQuery } from './case.messages';
import type { CaseRegistration, CaseStage, CaseState, WaitingOn } from './case.types';
import {
  AGENCY_ID,
  CASE_STAGE,
  REQUEST_TYPE,
  SLA_BREACHED,
  TRACKING_CODE,
} from './search-attributes';

/**
 * Persisting to the read model must eventually succeed: PostgreSQL outages are transient, so
 * retry for a long time with a capped back-off rather than failing the case.
 */
const { recordCaseRegistered, recordCaseStage } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One permit case. This first slice registers the case, records it in the read model and hands
 * it to document review; the review and everything after it arrive with the case-workflow issue.
 */
export async function caseWorkflow(registration: CaseRegistration): Promise<CaseState> {
  const state: CaseState = {
    caseId: registration.caseId,
    trackingCode: registration.trackingCode,
    requestType: registration.requestType,
    agencyId: registration.agencyId,
    stage: 'REGISTERED',
    stageSince: registration.registeredAt,
    waitingOn: 'SYSTEM',
    registeredAt: registration.registeredAt,
  };
  setHandler(getCaseStateQuery, () => state);

  upsertSearchAttributes([
    { key: CASE_STAGE, value: state.stage },
    { key: REQUEST_TYPE, value: state.requestType },
    { key: AGENCY_ID, value: state.agencyId },
    { key: SLA_BREACHED, value: false },
    { key: TRACKING_CODE, value: state.trackingCode },
  ]);

  await recordCaseRegistered(registration);
  await moveTo(state, 'UNDER_REVIEW', 'REVIEWER');

  // Waits for the document review, which the case-workflow issue adds as a validated update.
  await condition(() => state.stage !== 'UNDER_REVIEW');
  return state;
}

async function moveTo(state: CaseState, stage: CaseStage, waitingOn: WaitingOn): Promise<void> {
  state.stage = stage;
  state.waitingOn = waitingOn;
  state.stageSince = new Date().toISOString(); // workflow time: deterministic under replay
  upsertSearchAttributes([{ key: CASE_STAGE, value: stage }]);
  await recordCaseStage({
    caseId: state.caseId,
    stage,
    waitingOn,
    stageSince: state.stageSince,
    // Idempotency: the same event replayed or retried writes the same row once.
    eventId: `${workflowInfo().workflowId}/${workflowInfo().historyLength}/${stage}`,
  });
}
