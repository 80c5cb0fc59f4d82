import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/case.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import type { Actor } from '../shared/actors';
import {
  dueTimers,
  nextTimerAt,
  stageDeadline,
  wholeCaseDeadline,
  type TimerKind,
} from './case.deadlines';
import {
  type AcceptDocumentsInput,
  type CancelCaseInput,
  type RejectCaseInput,
  type RequestCorrectionsInput,
  type ResubmitCorrectionsInput,
  type WithdrawCaseInput,
  acceptDocumentsUpdate,
  cancelCaseUpdate,
  caseLeftAgendaSignal,
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
import { refuse } from '../shared/refusals';
import {
  TERMINAL_STAGES,
  type CaseResult,
  type CaseServiceLevel,
  type CaseStage,
  type CaseState,
  type CaseView,
  type CaseWorkflowInput,
  type FinalizeCaseDecisionInput,
  type RecordCaseDecisionInput,
  type ScheduleCaseInput,
  type UnscheduleCaseInput,
  type ClockName,
  type StageDeadline,
  type TimelineEntry,
  type WaitingOn,
} from './case.types';
import { sessionWorkflowId } from '../session/session.messages';
import {
  AGENCY_ID,
  CASE_STAGE,
  REQUEST_TYPE,
  SLA_BREACHED,
  TRACKING_CODE,
} from '../shared/search-attributes';
import { DAY_MS, jalaliDateOf } from '../shared/sla/calendar';
import { ClockSegments } from '../shared/sla/clock-segments';

/**
 * Read-model and notification writes must eventually succeed: PostgreSQL outages are transient,
 * so retry for a long time with a capped back-off rather than failing the case. Each write is
 * idempotent (keyed by the workflow event), so a retry never duplicates a row.
 */
const persistence = proxyActivities<CaseActivities & NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Above this history length the case continues as new, far below Temporal's 50k-event limit. */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 2000;

const WAITING_ON: Record<CaseStage, WaitingOn> = {
  REGISTERED: 'SYSTEM',
  UNDER_REVIEW: 'REVIEWER',
  AWAITING_CORRECTIONS: 'AGENCY',
  AWAITING_SESSION: 'SECRETARY',
  SCHEDULED: 'SECRETARY',
  DECIDED: 'MEMBERS',
  RESULT_ANNOUNCED: 'SYSTEM',
  CLOSED: 'NOBODY',
  WITHDRAWN: 'NOBODY',
  CANCELLED: 'NOBODY',
  ABANDONED: 'NOBODY',
  REJECTED: 'NOBODY',
};

/** Who hears about a reminder or an escalation of each target. */
const REMIND: Record<string, NotificationIntent['recipient']['role']> = {
  documentReview: 'REVIEWER',
  scheduling: 'SECRETARY',
  wholeCase: 'SECRETARY',
};

const isTerminal = (stage: CaseStage) => TERMINAL_STAGES.includes(stage);
const nowIso = () => new Date().toISOString(); // workflow time: deterministic under replay

function initialState(input: CaseWorkflowInput): CaseState {
  const { registration, serviceLevel } = input;
  return {
    caseId: registration.caseId,
    trackingCode: registration.trackingCode,
    requestType: registration.requestType,
    agencyId: registration.agencyId,
    registeredAt: registration.registeredAt,
    registeredBy: registration.registeredBy,
    stage: 'REGISTERED',
    stageSince: registration.registeredAt,
    waitingOn: 'SYSTEM',
    reviewRound: 1,
    deadlines: [],
    breaches: [],
    directorateClock: [{ from: Date.parse(registration.registeredAt) }],
    policyVersion: serviceLevel.policy.version,
    timeline: [],
    generation: 0,
  };
}

/**
 * One permit case (docs/domain.md §2): registered → document review (⇄ corrections, round N) →
 * awaiting a session → scheduled → decided → result announced → closed; or withdrawn,
 * cancelled, abandoned (correction window ran out) or rejected at review. Every human action
 * is an update whose validator applies caseRules; the answer is the new state.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  const service: CaseServiceLevel = input.serviceLevel;
  const state: CaseState = input.carried ?? initialState(input);
  /** Bumped on every change so the main loop re-plans its timers. */
  let changes = 0;
  /**
   * Set while a handler awaits before its stage change lands (withdrawal or cancellation telling
   * the session, a final decision issuing its permit number): every other action is refused
   * meanwhile, so two actions can never interleave around that await.
   */
  let settling = false;
  const guarded =
    <T>(check: (input: T) => void) =>
    (input: T): void => {
      if (settling) refuse('CASE.WRONG_STAGE', 'another action on this case is being completed');
      check(input);
    };
  const settle = async <R>(work: () => Promise<R>): Promise<R> => {
    settling = true;
    try {
      return await work();
    } finally {
      settling = false;
    }
  };

  const view = (): CaseView => {
    const { timeline, directorateClock, ...rest } = state;
    const used = new ClockSegments(directorateClock, service.calendar).usedWorkingMs(Date.now());
    return {
      ...rest,
      directorateWorkingDaysUsed: Math.round((used / DAY_MS) * 100) / 100,
      timelineLength: timeline.length,
    };
  };

  /** Whether this run has sent the case's pinned calendar to the record (once per run). */
  let calendarRecorded = false;

  const clockOf = (stage: CaseStage): ClockName =>
    isTerminal(stage) ? 'NONE' : stage === 'AWAITING_CORRECTIONS' ? 'AGENCY' : 'DIRECTORATE';

  /** Appends to the timeline and writes it (and the stage) to the read model. */
  const record = async (
    entry: Omit<TimelineEntry, 'seq' | 'at' | 'clock'>,
    notify?: Omit<NotificationIntent, 'key' | 'at' | 'caseId'>,
  ) => {
    const full: TimelineEntry = {
      seq: state.timeline.length + 1,
      at: nowIso(),
      clock: clockOf(state.stage),
      ...entry,
    };
    state.timeline.push(full);
    changes++;
    const eventId = `${state.caseId}/${full.seq}`;
    // The case record (docs/case-record.md) reads the case from what this write carries: its
    // state after the line and the directorate's clock. Only the activity's input grows, no
    // command changes, so histories from before still replay and running cases take it too.
    const calendar = calendarRecorded ? undefined : service.calendar;
    calendarRecorded = true;
    await persistence.recordCaseProgress({
      caseId: state.caseId,
      eventId,
      entry: full,
      stage: state.stage,
      waitingOn: state.waitingOn,
      stageSince: state.stageSince,
      slaBreached: state.breaches.length > 0,
      nextDeadlineAt: nextDueAt(state.deadlines),
      view: view(),
      directorateClock: state.directorateClock.map((segment) => ({ ...segment })),
      ...(calendar ? { calendar } : {}),
    });
    if (notify)
      await persistence.recordNotificationIntent({
        ...notify,
        key: `${eventId}/${notify.event}`,
        caseId: state.caseId,
        at: full.at,
      });
  };

  /** Moves the case to `to`, adjusting the directorate's clock and the stage's deadline. */
  const moveTo = (to: CaseStage): { from: CaseStage; to: CaseStage } => {
    const from = state.stage;
    const now = Date.now();
    state.stage = to;
    state.stageSince = new Date(now).toISOString();
    state.waitingOn = WAITING_ON[to];
    const clock = state.directorateClock;
    const running = clock.length > 0 && clock[clock.length - 1].to === undefined;
    const shouldRun = clockOf(to) === 'DIRECTORATE';
    if (running && !shouldRun) clock[clock.length - 1] = { ...clock[clock.length - 1], to: now };
    if (!running && shouldRun) clock.push({ from: now });
    const whole = wholeCaseDeadline(
      clock,
      service,
      state.breaches.some((b) => b.target === 'wholeCase'),
    );
    // A whole-case reminder already sent is not sent again when a later stage (or the clock
    // running again after a pause) recomputes the deadline.
    if (whole && state.wholeCaseRemindedAt) whole.remindedAt = state.wholeCaseRemindedAt;
    const own = stageDeadline(to, now, service);
    state.deadlines = [own, whole].filter((d): d is StageDeadline => d !== undefined);
    upsertSearchAttributes([{ key: CASE_STAGE, value: to }]);
    changes++;
    return { from, to };
  };

  const transition = async (
    to: CaseStage,
    by: string,
    action: string,
    details?: Record<string, unknown>,
    notify?: Omit<NotificationIntent, 'key' | 'at' | 'caseId'>,
  ) => {
    const { from } = moveTo(to);
    await record({ by, action, from, to, details }, notify);
  };

  const toAgency = (event: string, data?: Record<string, unknown>) => ({
    event,
    recipient: { role: 'CLERK', agencyId: state.agencyId },
    data: { trackingCode: state.trackingCode, ...data },
  });

  /** Tells the session the case was on that it has left the agenda (withdrawn or cancelled). */
  const leaveSession = async (reason: string) => {
    if (state.stage !== 'SCHEDULED' || !state.session) return;
    const session = getExternalWorkflowHandle(sessionWorkflowId(state.session.sessionId));
    try {
      await session.signal(caseLeftAgendaSignal, { caseId: state.caseId, reason });
    } catch {
      // The session has already ended: nothing to tell it. Leaving the case must not fail.
    }
  };

  setHandler(getCaseStateQuery, view);
  setHandler(getCaseTimelineQuery, () => state.timeline);

  setHandler(
    acceptDocumentsUpdate,
    async ({ actor, note }) => {
      await transition('AWAITING_SESSION', actor.userId, 'DOCUMENTS_ACCEPTED', {
        round: state.reviewRound,
        note,
      });
      return view();
    },
    { validator: guarded(({ actor }: AcceptDocumentsInput) => caseRules.review(state, actor)) },
  );

  setHandler(
    requestCorrectionsUpdate,
    async ({ actor, deficiencies, comment }) => {
      state.corrections = {
        requestedAt: nowIso(),
        requestedBy: actor.userId,
        deficiencies,
        comment,
      };
      await transition(
        'AWAITING_CORRECTIONS',
        actor.userId,
        'CORRECTIONS_REQUESTED',
        { round: state.reviewRound, deficiencies, comment },
        toAgency('CORRECTIONS_REQUESTED', { deficiencies: deficiencies.length }),
      );
      return view();
    },
    {
      validator: guarded(({ actor, deficiencies, comment }: RequestCorrectionsInput) =>
        caseRules.requestCorrections(state, actor, deficiencies, comment),
      ),
    },
  );

  setHandler(
    rejectCaseUpdate,
    async ({ actor, reasons }) => {
      state.result = { kind: 'REFUSAL', reasons, announcedAt: nowIso() };
      state.closure = {
        stage: 'REJECTED',
        reason: reasons.join('; '),
        by: actor.userId,
        at: nowIso(),
      };
      await transition(
        'REJECTED',
        actor.userId,
        'REJECTED_AT_REVIEW',
        { reasons },
        toAgency('RESULT_REFUSAL'),
      );
      return view();
    },
    {
      validator: guarded(({ actor, reasons }: RejectCaseInput) =>
        caseRules.reject(state, actor, reasons),
      ),
    },
  );

  setHandler(
    resubmitCorrectionsUpdate,
    async ({ actor, note, documentIds, changedFields, changes }) => {
      state.reviewRound += 1;
      state.corrections = undefined;
      // The corrected fields ride on the timeline line; the read model applies them with it.
      await transition('UNDER_REVIEW', actor.userId, 'CORRECTIONS_SUBMITTED', {
        round: state.reviewRound,
        note,
        documentIds,
        changedFields,
        ...(changes ? { changes } : {}),
      });
      return view();
    },
    {
      validator: guarded(({ actor, note }: ResubmitCorrectionsInput) =>
        caseRules.resubmit(state, actor, note),
      ),
    },
  );

  setHandler(
    withdrawCaseUpdate,
    ({ actor, reason }) =>
      settle(async () => {
        await leaveSession('WITHDRAWN');
        state.closure = { stage: 'WITHDRAWN', reason, by: actor.userId, at: nowIso() };
        await transition('WITHDRAWN', actor.userId, 'WITHDRAWN', { reason });
        return view();
      }),
    {
      validator: guarded(({ actor, reason }: WithdrawCaseInput) =>
        caseRules.withdraw(state, actor, reason),
      ),
    },
  );

  setHandler(
    cancelCaseUpdate,
    ({ actor, reason }) =>
      settle(async () => {
        await leaveSession('CANCELLED');
        state.closure = { stage: 'CANCELLED', reason, by: actor.userId, at: nowIso() };
        await transition(
          'CANCELLED',
          actor.userId,
          'CANCELLED',
          { reason },
          toAgency('CASE_CANCELLED'),
        );
        return view();
      }),
    {
      validator: guarded(({ actor, reason }: CancelCaseInput) =>
        caseRules.cancel(state, actor, reason),
      ),
    },
  );

  setHandler(
    scheduleCaseUpdate,
    async ({ actor, sessionId, sessionAt }) => {
      const moved = state.stage === 'SCHEDULED';
      state.session = { sessionId, sessionAt };
      if (moved) {
        await record(
          { by: actor.userId, action: 'SESSION_MOVED', details: { sessionId, sessionAt } },
          toAgency('SESSION_MOVED', { sessionAt }),
        );
      } else {
        await transition(
          'SCHEDULED',
          actor.userId,
          'SCHEDULED',
          { sessionId, sessionAt },
          toAgency('CASE_SCHEDULED', { sessionAt }),
        );
      }
      return view();
    },
    {
      validator: guarded(({ actor, sessionId, sessionAt }: ScheduleCaseInput) =>
        caseRules.schedule(state, actor, sessionId, sessionAt),
      ),
    },
  );

  setHandler(
    unscheduleCaseUpdate,
    async ({ actor, sessionId, reason }) => {
      state.session = undefined;
      await transition('AWAITING_SESSION', actor.userId, 'UNSCHEDULED', { sessionId, reason });
      return view();
    },
    {
      validator: guarded(({ actor, sessionId, reason }: UnscheduleCaseInput) =>
        caseRules.unschedule(state, actor, sessionId, reason),
      ),
    },
  );

  setHandler(
    recordCaseDecisionUpdate,
    async ({ actor, decision }) => {
      const revised = state.stage === 'DECIDED';
      state.decision = decision;
      if (revised)
        await record({
          by: actor.userId,
          action: 'DECISION_REVISED',
          details: { outcome: decision.outcome },
        });
      else
        await transition('DECIDED', actor.userId, 'DECISION_RECORDED', {
          outcome: decision.outcome,
        });
      return view();
    },
    {
      validator: guarded(({ actor, decision }: RecordCaseDecisionInput) =>
        caseRules.recordDecision(state, actor, decision),
      ),
    },
  );

  setHandler(
    finalizeCaseDecisionUpdate,
    ({ actor, minutesApprovedAt }) =>
      settle(async () => {
        await applyFinalDecision(actor, minutesApprovedAt);
        return view();
      }),
    {
      validator: guarded(({ actor, sessionId, minutesApprovedAt }: FinalizeCaseDecisionInput) =>
        caseRules.finalize(state, actor, sessionId, minutesApprovedAt),
      ),
    },
  );

  /** The minutes are final: the decision takes effect (docs/domain.md §2.7). */
  async function applyFinalDecision(actor: Actor, minutesApprovedAt: string): Promise<void> {
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
        await transition(
          'RESULT_ANNOUNCED',
          actor.userId,
          'PERMIT_ISSUED',
          { sessionId, minutesApprovedAt, permitNumber },
          toAgency('RESULT_PERMIT', { permitNumber }),
        );
        state.closure = { stage: 'CLOSED', by: 'system', at: nowIso() };
        await transition('CLOSED', 'system', 'CLOSED');
        return;
      }
      case 'REJECTED':
        state.result = { kind: 'REFUSAL', reasons: decision.reasons, announcedAt: nowIso() };
        await transition(
          'RESULT_ANNOUNCED',
          actor.userId,
          'REFUSAL_ANNOUNCED',
          { sessionId, minutesApprovedAt },
          toAgency('RESULT_REFUSAL'),
        );
        state.closure = { stage: 'CLOSED', by: 'system', at: nowIso() };
        await transition('CLOSED', 'system', 'CLOSED');
        return;
      case 'DEFERRED_TO_SCHEDULING':
        state.session = undefined;
        await transition(
          'AWAITING_SESSION',
          actor.userId,
          'DEFERRED_TO_SCHEDULING',
          { sessionId, reasons: decision.reasons },
          toAgency('CASE_DEFERRED'),
        );
        return;
      case 'DEFERRED_TO_CORRECTIONS':
        state.session = undefined;
        state.corrections = {
          requestedAt: nowIso(),
          requestedBy: decision.recordedBy,
          deficiencies: decision.deficiencies ?? [],
        };
        await transition(
          'AWAITING_CORRECTIONS',
          actor.userId,
          'DEFERRED_TO_CORRECTIONS',
          { sessionId, deficiencies: decision.deficiencies },
          toAgency('CORRECTIONS_REQUESTED'),
        );
        return;
    }
  }

  /** A reminder before a deadline, or an escalation and a recorded breach when it passes. */
  async function fire(deadline: StageDeadline, kind: TimerKind): Promise<void> {
    const at = nowIso();
    if (kind === 'REMIND') {
      deadline.remindedAt = at;
      if (deadline.target === 'wholeCase') state.wholeCaseRemindedAt = at;
      const recipient =
        deadline.target === 'correctionWindow'
          ? { role: 'CLERK', agencyId: state.agencyId }
          : { role: REMIND[deadline.target] ?? 'SUPERVISOR' };
      await record(
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
      await transition(
        'ABANDONED',
        'system',
        'ABANDONED',
        { dueAt: deadline.dueAt },
        toAgency('CASE_ABANDONED'),
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
    await record(
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
      await transition('UNDER_REVIEW', 'system', 'SUBMITTED_FOR_REVIEW', {
        policyVersion: state.policyVersion,
      });
  }

  while (!isTerminal(state.stage)) {
    const seen = changes;
    const next = nextTimerAt(state.deadlines);
    const changed =
      next === undefined
        ? await condition(() => changes !== seen).then(() => true)
        : await condition(() => changes !== seen, Math.max(1, next - Date.now()));
    if (!changed) {
      for (const { deadline, kind } of dueTimers(state.deadlines, Date.now())) {
        if (isTerminal(state.stage)) break;
        // An action during an earlier await may have replaced this deadline: it no longer applies.
        if (!state.deadlines.includes(deadline)) continue;
        await fire(deadline, kind);
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
  return view();
}

function nextDueAt(deadlines: StageDeadline[]): string | undefined {
  const pending = deadlines.filter((d) => !d.breachedAt).map((d) => d.dueAt);
  return pending.sort()[0];
}
