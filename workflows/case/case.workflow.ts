import {
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { dueTimers, nextTimerAt } from './case.deadlines';
import {
  acceptDocuments,
  cancelCase,
  finalizeCaseDecision,
  fireDeadline,
  recordCaseDecision,
  rejectCase,
  requestCorrections,
  resubmitCorrections,
  scheduleCase,
  unscheduleCase,
  withdrawCase,
} from './case.handlers';
import {
  type AcceptDocumentsInput,
  type CancelCaseInput,
  type RejectCaseInput,
  type RequestCorrectionsInput,
  type ResubmitCorrectionsInput,
  type WithdrawCaseInput,
  acceptDocumentsUpdate,
  cancelCaseUpdate,
  finalizeCaseDecisionUpdate,
  getCaseStateQuery,
  getCaseTimelineQuery,
  recordCaseDecisionUpdate,
  rejectCaseUpdate,
  requestCorrectionsUpdate,
  resubmitCorrectionsUpdate,
  scheduleCaseUpdate,
  unscheduleCaseUpdate,
  withdrawCaseUpdate,
} from './case.messages';
import { caseRules } from './case.rules';
import { CaseRun, initialState, isTerminal, persistence } from './case.run';
import type {
  CaseView,
  CaseWorkflowInput,
  FinalizeCaseDecisionInput,
  RecordCaseDecisionInput,
  ScheduleCaseInput,
  UnscheduleCaseInput,
} from './case.types';
import {
  AGENCY_ID,
  CASE_STAGE,
  REQUEST_TYPE,
  SLA_BREACHED,
  TRACKING_CODE,
} from '../common/search-attributes';

/** Above this history length the case continues as new, far below Temporal's 50k-event limit. */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 2000;

/**
 * One permit case (docs/domain.md §2): registered → document review (⇄ corrections, round N) →
 * awaiting a session → scheduled → decided → result announced → closed; or withdrawn,
 * cancelled, abandoned (correction window ran out) or rejected at review. Every human action
 * is an update whose validator applies caseRules; the answer is the new state (case.handlers.ts).
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  const run = new CaseRun(input.carried ?? initialState(input), input.serviceLevel);
  const { state } = run;

  setHandler(getCaseStateQuery, () => run.view());
  setHandler(getCaseTimelineQuery, () => state.timeline);

  setHandler(acceptDocumentsUpdate, (update) => acceptDocuments(run, update), {
    validator: run.guarded(({ actor }: AcceptDocumentsInput) => caseRules.review(state, actor)),
  });
  setHandler(requestCorrectionsUpdate, (update) => requestCorrections(run, update), {
    validator: run.guarded(({ actor, deficiencies, comment }: RequestCorrectionsInput) =>
      caseRules.requestCorrections(state, actor, deficiencies, comment),
    ),
  });
  setHandler(rejectCaseUpdate, (update) => rejectCase(run, update), {
    validator: run.guarded(({ actor, reasons }: RejectCaseInput) =>
      caseRules.reject(state, actor, reasons),
    ),
  });
  setHandler(resubmitCorrectionsUpdate, (update) => resubmitCorrections(run, update), {
    validator: run.guarded(({ actor, note }: ResubmitCorrectionsInput) =>
      caseRules.resubmit(state, actor, note),
    ),
  });
  setHandler(withdrawCaseUpdate, (update) => withdrawCase(run, update), {
    validator: run.guarded(({ actor, reason }: WithdrawCaseInput) =>
      caseRules.withdraw(state, actor, reason),
    ),
  });
  setHandler(cancelCaseUpdate, (update) => cancelCase(run, update), {
    validator: run.guarded(({ actor, reason }: CancelCaseInput) =>
      caseRules.cancel(state, actor, reason),
    ),
  });
  setHandler(scheduleCaseUpdate, (update) => scheduleCase(run, update), {
    validator: run.guarded(({ actor, sessionId, sessionAt }: ScheduleCaseInput) =>
      caseRules.schedule(state, actor, sessionId, sessionAt),
    ),
  });
  setHandler(unscheduleCaseUpdate, (update) => unscheduleCase(run, update), {
    validator: run.guarded(({ actor, sessionId, reason }: UnscheduleCaseInput) =>
      caseRules.unschedule(state, actor, sessionId, reason),
    ),
  });
  setHandler(recordCaseDecisionUpdate, (update) => recordCaseDecision(run, update), {
    validator: run.guarded(({ actor, decision }: RecordCaseDecisionInput) =>
      caseRules.recordDecision(state, actor, decision),
    ),
  });
  setHandler(finalizeCaseDecisionUpdate, (update) => finalizeCaseDecision(run, update), {
    validator: run.guarded(({ actor, sessionId, minutesApprovedAt }: FinalizeCaseDecisionInput) =>
      caseRules.finalize(state, actor, sessionId, minutesApprovedAt),
    ),
  });

  if (!input.carried) {
    upsertSearchAttributes([
      { key: CASE_STAGE, value: state.stage },
      { key: REQUEST_TYPE, value: state.requestType },
      { key: AGENCY_ID, value: state.agencyId },
      { key: SLA_BREACHED, value: false },
      { key: TRACKING_CODE, value: state.trackingCode },
    ]);
    await persistence.recordCaseRegistered(input.registration);
    await persistence.recordNotificationIntent({
      key: `${state.caseId}/registered`,
      caseId: state.caseId,
      event: 'CASE_REGISTERED',
      recipient: { role: 'CLERK', agencyId: state.agencyId },
      data: { trackingCode: state.trackingCode },
      at: state.registeredAt,
    });
    // An operator may have cancelled (or the clerk withdrawn) while the registration was written.
    if (state.stage === 'REGISTERED')
      await run.transition('UNDER_REVIEW', 'system', 'SUBMITTED_FOR_REVIEW', {
        policyVersion: state.policyVersion,
      });
  }

  while (!isTerminal(state.stage)) {
    const seen = run.changes;
    const next = nextTimerAt(state.deadlines);
    const changed =
      next === undefined
        ? await condition(() => run.changes !== seen).then(() => true)
        : await condition(() => run.changes !== seen, Math.max(1, next - Date.now()));
    if (!changed) {
      for (const { deadline, kind } of dueTimers(state.deadlines, Date.now())) {
        if (isTerminal(state.stage)) break;
        // An action during an earlier await may have replaced this deadline: it no longer applies.
        if (!state.deadlines.includes(deadline)) continue;
        await fireDeadline(run, deadline, kind);
      }
    }
    if (
      !isTerminal(state.stage) &&
      workflowInfo().historyLength >
        (input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS)
    ) {
      // Long cases (many correction rounds) start a fresh history carrying everything,
      // pending deadlines included; updates in flight finish first.
      await condition(allHandlersFinished);
      state.generation += 1;
      await continueAsNew<typeof caseWorkflow>({ ...input, carried: state });
    }
  }
  await condition(allHandlersFinished);
  return run.view();
}
