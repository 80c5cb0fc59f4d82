/**
 * What the case workflow does for each human action, message from its session and timer: each
 * function takes the run (case.run.ts) and the update's input, changes the state, records the
 * line and answers with the new view. Validation is not here: the workflow's validators apply
 * caseRules before any of these runs.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import { SLA_BREACHED } from '../common/search-attributes';
import { DAY_MS, jalaliDateOf } from '../common/sla/calendar';
import type { TimerKind } from './case.deadlines';
import type {
  AcceptDocumentsInput,
  CancelCaseInput,
  RejectCaseInput,
  RequestCorrectionsInput,
  ResubmitCorrectionsInput,
  WithdrawCaseInput,
} from './case.messages';
import { nowIso, persistence, type CaseNotice, type CaseRun } from './case.run';
import type {
  CaseResult,
  CaseView,
  FinalizeCaseDecisionInput,
  RecordCaseDecisionInput,
  ScheduleCaseInput,
  StageDeadline,
  UnscheduleCaseInput,
} from './case.types';

/** Who hears about a reminder or an escalation of each target. */
const REMIND: Record<string, CaseNotice['recipient']['role']> = {
  documentReview: 'REVIEWER',
  scheduling: 'SECRETARY',
  wholeCase: 'SECRETARY',
};

// ---- review -----------------------------------------------------------------------------------

export async function acceptDocuments(
  run: CaseRun,
  { actor, note }: AcceptDocumentsInput,
): Promise<CaseView> {
  await run.transition('AWAITING_SESSION', actor.userId, 'DOCUMENTS_ACCEPTED', {
    round: run.state.reviewRound,
    note,
  });
  return run.view();
}

export async function requestCorrections(
  run: CaseRun,
  { actor, deficiencies, comment }: RequestCorrectionsInput,
): Promise<CaseView> {
  const { state } = run;
  state.corrections = {
    requestedAt: nowIso(),
    requestedBy: actor.userId,
    deficiencies,
    comment,
  };
  await run.transition(
    'AWAITING_CORRECTIONS',
    actor.userId,
    'CORRECTIONS_REQUESTED',
    { round: state.reviewRound, deficiencies, comment },
    run.toAgency('CORRECTIONS_REQUESTED', { deficiencies: deficiencies.length }),
  );
  return run.view();
}

export async function rejectCase(
  run: CaseRun,
  { actor, reasons }: RejectCaseInput,
): Promise<CaseView> {
  const { state } = run;
  state.result = { kind: 'REFUSAL', reasons, announcedAt: nowIso() };
  state.closure = {
    stage: 'REJECTED',
    reason: reasons.join('; '),
    by: actor.userId,
    at: nowIso(),
  };
  await run.transition(
    'REJECTED',
    actor.userId,
    'REJECTED_AT_REVIEW',
    { reasons },
    run.toAgency('RESULT_REFUSAL'),
  );
  return run.view();
}

export async function resubmitCorrections(
  run: CaseRun,
  { actor, note, documentIds, changedFields, changes }: ResubmitCorrectionsInput,
): Promise<CaseView> {
  const { state } = run;
  state.reviewRound += 1;
  state.corrections = undefined;
  // The corrected fields ride on the timeline line; the read model applies them with it.
  await run.transition('UNDER_REVIEW', actor.userId, 'CORRECTIONS_SUBMITTED', {
    round: state.reviewRound,
    note,
    documentIds,
    changedFields,
    ...(changes ? { changes } : {}),
  });
  return run.view();
}

// ---- leaving ----------------------------------------------------------------------------------

export function withdrawCase(
  run: CaseRun,
  { actor, reason }: WithdrawCaseInput,
): Promise<CaseView> {
  return run.settle(async () => {
    await run.leaveSession('WITHDRAWN');
    run.state.closure = { stage: 'WITHDRAWN', reason, by: actor.userId, at: nowIso() };
    await run.transition('WITHDRAWN', actor.userId, 'WITHDRAWN', { reason });
    return run.view();
  });
}

export function cancelCase(run: CaseRun, { actor, reason }: CancelCaseInput): Promise<CaseView> {
  return run.settle(async () => {
    await run.leaveSession('CANCELLED');
    run.state.closure = { stage: 'CANCELLED', reason, by: actor.userId, at: nowIso() };
    await run.transition(
      'CANCELLED',
      actor.userId,
      'CANCELLED',
      { reason },
      run.toAgency('CASE_CANCELLED'),
    );
    return run.view();
  });
}

// ---- messages from the session ----------------------------------------------------------------

export async function scheduleCase(
  run: CaseRun,
  { actor, sessionId, sessionAt }: ScheduleCaseInput,
): Promise<CaseView> {
  const { state } = run;
  const moved = state.stage === 'SCHEDULED';
  state.session = { sessionId, sessionAt };
  if (moved) {
    await run.record(
      { by: actor.userId, action: 'SESSION_MOVED', details: { sessionId, sessionAt } },
      run.toAgency('SESSION_MOVED', { sessionAt }),
    );
  } else {
    await run.transition(
      'SCHEDULED',
      actor.userId,
      'SCHEDULED',
      { sessionId, sessionAt },
      run.toAgency('CASE_SCHEDULED', { sessionAt }),
    );
  }
  return run.view();
}

export async function unscheduleCase(
  run: CaseRun,
  { actor, sessionId, reason }: UnscheduleCaseInput,
): Promise<CaseView> {
  run.state.session = undefined;
  await run.transition('AWAITING_SESSION', actor.userId, 'UNSCHEDULED', { sessionId, reason });
  return run.view();
}

export async function recordCaseDecision(
  run: CaseRun,
  { actor, decision }: RecordCaseDecisionInput,
): Promise<CaseView> {
  const { state } = run;
  const revised = state.stage === 'DECIDED';
  state.decision = decision;
  if (revised)
    await run.record({
      by: actor.userId,
      action: 'DECISION_REVISED',
      details: { outcome: decision.outcome },
    });
  else
    await run.transition('DECIDED', actor.userId, 'DECISION_RECORDED', {
      outcome: decision.outcome,
    });
  return run.view();
}

export function finalizeCaseDecision(
  run: CaseRun,
  { actor, minutesApprovedAt }: FinalizeCaseDecisionInput,
): Promise<CaseView> {
  return run.settle(async () => {
    await applyFinalDecision(run, actor, minutesApprovedAt);
    return run.view();
  });
}

/** The minutes are final: the decision takes effect (docs/domain.md §2.7). */
async function applyFinalDecision(
  run: CaseRun,
  actor: Actor,
  minutesApprovedAt: string,
): Promise<void> {
  const { state, service } = run;
  const decision = state.decision!;
  const sessionId = state.session?.sessionId;
  switch (decision.outcome) {
    case 'APPROVED':
    case 'APPROVED_WITH_CONDITIONS': {
      const validFrom = Date.now();
      const { jy } = jalaliDateOf(validFrom, service.calendar);
      const permitNumber = await persistence.issuePermitNumber({
        caseId: state.caseId,
        jalaliYear: jy,
      });
      const result: CaseResult = {
        kind: 'PERMIT',
        permitNumber,
        validFrom: new Date(validFrom).toISOString(),
        validUntil: new Date(validFrom + service.permitValidityDays * DAY_MS).toISOString(),
        conditions: decision.conditions,
        announcedAt: nowIso(),
      };
      state.result = result;
      await run.transition(
        'RESULT_ANNOUNCED',
        actor.userId,
        'PERMIT_ISSUED',
        { sessionId, minutesApprovedAt, permitNumber },
        run.toAgency('RESULT_PERMIT', { permitNumber }),
      );
      state.closure = { stage: 'CLOSED', by: 'system', at: nowIso() };
      await run.transition('CLOSED', 'system', 'CLOSED');
      return;
    }
    case 'REJECTED':
      state.result = { kind: 'REFUSAL', reasons: decision.reasons, announcedAt: nowIso() };
      await run.transition(
        'RESULT_ANNOUNCED',
        actor.userId,
        'REFUSAL_ANNOUNCED',
        { sessionId, minutesApprovedAt },
        run.toAgency('RESULT_REFUSAL'),
      );
      state.closure = { stage: 'CLOSED', by: 'system', at: nowIso() };
      await run.transition('CLOSED', 'system', 'CLOSED');
      return;
    case 'DEFERRED_TO_SCHEDULING':
      state.session = undefined;
      await run.transition(
        'AWAITING_SESSION',
        actor.userId,
        'DEFERRED_TO_SCHEDULING',
        { sessionId, reasons: decision.reasons },
        run.toAgency('CASE_DEFERRED'),
      );
      return;
    case 'DEFERRED_TO_CORRECTIONS':
      state.session = undefined;
      state.corrections = {
        requestedAt: nowIso(),
        requestedBy: decision.recordedBy,
        deficiencies: decision.deficiencies ?? [],
      };
      await run.transition(
        'AWAITING_CORRECTIONS',
        actor.userId,
        'DEFERRED_TO_CORRECTIONS',
        { sessionId, deficiencies: decision.deficiencies },
        run.toAgency('CORRECTIONS_REQUESTED'),
      );
      return;
  }
}

// ---- timers -----------------------------------------------------------------------------------

/** A reminder before a deadline, or an escalation and a recorded breach when it passes. */
export async function fireDeadline(
  run: CaseRun,
  deadline: StageDeadline,
  kind: TimerKind,
): Promise<void> {
  const { state } = run;
  const at = nowIso();
  if (kind === 'REMIND') {
    deadline.remindedAt = at;
    if (deadline.target === 'wholeCase') state.wholeCaseRemindedAt = at;
    const recipient =
      deadline.target === 'correctionWindow'
        ? { role: 'CLERK', agencyId: state.agencyId }
        : { role: REMIND[deadline.target] ?? 'SUPERVISOR' };
    await run.record(
      {
        by: 'system',
        action: 'REMINDER',
        details: { target: deadline.target, dueAt: deadline.dueAt },
      },
      {
        event: 'DEADLINE_REMINDER',
        recipient,
        data: {
          target: deadline.target,
          dueAt: deadline.dueAt,
          trackingCode: state.trackingCode,
        },
      },
    );
    return;
  }
  deadline.breachedAt = at;
  if (deadline.target === 'correctionWindow') {
    // The agency did not answer in time: the case closes as abandoned (docs/domain.md §2.2).
    state.closure = { stage: 'ABANDONED', reason: 'correction window ran out', by: 'system', at };
    await run.transition(
      'ABANDONED',
      'system',
      'ABANDONED',
      { dueAt: deadline.dueAt },
      run.toAgency('CASE_ABANDONED'),
    );
    return;
  }
  state.breaches.push({
    target: deadline.target,
    stage: deadline.stage,
    dueAt: deadline.dueAt,
    detectedAt: at,
  });
  upsertSearchAttributes([{ key: SLA_BREACHED, value: true }]);
  await run.record(
    {
      by: 'system',
      action: 'ESCALATED',
      details: { target: deadline.target, dueAt: deadline.dueAt },
    },
    {
      event: 'DEADLINE_ESCALATION',
      recipient: { role: 'SUPERVISOR' },
      data: {
        target: deadline.target,
        stage: deadline.stage,
        dueAt: deadline.dueAt,
        trackingCode: state.trackingCode,
      },
    },
  );
}
