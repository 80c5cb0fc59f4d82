import {
  getExternalWorkflowHandle,
  proxyActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/case.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import { caseLeftAgendaSignal } from './case.messages';
import { stageDeadline, wholeCaseDeadline } from './case.deadlines';
import { EVENTUAL_WRITES } from '../common/activity-options';
import { refuse } from '../common/refusals';
import {
  TERMINAL_STAGES,
  type CaseServiceLevel,
  type CaseStage,
  type CaseState,
  type CaseView,
  type CaseWorkflowInput,
  type ClockName,
  type StageDeadline,
  type TimelineEntry,
  type WaitingOn,
} from './case.types';
import { sessionWorkflowId } from '../session/session.messages';
import { CASE_STAGE } from '../common/search-attributes';
import { DAY_MS } from '../common/sla/calendar';
import { ClockSegments } from '../common/sla/clock-segments';

/** The case's read-model and notification writes: they must eventually succeed. */
export const persistence = proxyActivities<CaseActivities & NotificationActivities>(
  EVENTUAL_WRITES,
);

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

export const isTerminal = (stage: CaseStage) => TERMINAL_STAGES.includes(stage);
export const nowIso = () => new Date().toISOString(); // workflow time: deterministic under replay

/** A notification a timeline line sends: the run adds its key, instant and case. */
export type CaseNotice = Omit<NotificationIntent, 'key' | 'at' | 'caseId'>;

export function initialState(input: CaseWorkflowInput): CaseState {
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
 * One run of a case workflow: the case's state and what every handler does with it — move the
 * case to a stage (its clock and deadlines follow), append a timeline line and write it to the
 * read model, tell the agency. The handlers (case.handlers.ts) and the main loop share one.
 */
export class CaseRun {
  /** Bumped on every change so the main loop re-plans its timers. */
  changes = 0;
  /**
   * Set while a handler awaits before its stage change lands (withdrawal or cancellation telling
   * the session, a final decision issuing its permit number): every other action is refused
   * meanwhile, so two actions can never interleave around that await.
   */
  private settling = false;
  /** Whether this run has sent the case's pinned calendar to the record (once per run). */
  private calendarRecorded = false;

  constructor(
    readonly state: CaseState,
    readonly service: CaseServiceLevel,
  ) {}

  /** An update validator that also refuses while another action is settling. */
  guarded<T>(check: (input: T) => void): (input: T) => void {
    return (input: T): void => {
      if (this.settling)
        refuse('CASE.WRONG_STAGE', 'another action on this case is being completed');
      check(input);
    };
  }

  async settle<R>(work: () => Promise<R>): Promise<R> {
    this.settling = true;
    try {
      return await work();
    } finally {
      this.settling = false;
    }
  }

  view(): CaseView {
    const { timeline, directorateClock, ...rest } = this.state;
    const used = new ClockSegments(directorateClock, this.service.calendar).usedWorkingMs(
      Date.now(),
    );
    return {
      ...rest,
      directorateWorkingDaysUsed: Math.round((used / DAY_MS) * 100) / 100,
      timelineLength: timeline.length,
    };
  }

  /** Appends to the timeline and writes it (and the stage) to the read model. */
  async record(entry: Omit<TimelineEntry, 'seq' | 'at' | 'clock'>, notify?: CaseNotice) {
    const { state, service } = this;
    const full: TimelineEntry = {
      seq: state.timeline.length + 1,
      at: nowIso(),
      clock: clockOf(state.stage),
      ...entry,
    };
    state.timeline.push(full);
    this.changes++;
    const eventId = `${state.caseId}/${full.seq}`;
    // The case record (docs/case-record.md) reads the case from what this write carries: its
    // state after the line and the directorate's clock. Only the activity's input grows, no
    // command changes, so histories from before still replay and running cases take it too.
    const calendar = this.calendarRecorded ? undefined : service.calendar;
    this.calendarRecorded = true;
    await persistence.recordCaseProgress({
      caseId: state.caseId,
      eventId,
      entry: full,
      stage: state.stage,
      waitingOn: state.waitingOn,
      stageSince: state.stageSince,
      slaBreached: state.breaches.length > 0,
      nextDeadlineAt: nextDueAt(state.deadlines),
      view: this.view(),
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
  }

  /** Moves the case to `to`, adjusting the directorate's clock and the stage's deadline. */
  moveTo(to: CaseStage): { from: CaseStage; to: CaseStage } {
    const { state, service } = this;
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
    this.changes++;
    return { from, to };
  }

  async transition(
    to: CaseStage,
    by: string,
    action: string,
    details?: Record<string, unknown>,
    notify?: CaseNotice,
  ) {
    const { from } = this.moveTo(to);
    await this.record({ by, action, from, to, details }, notify);
  }

  /** A notice to the case's agency (its clerks), with the tracking code. */
  toAgency(event: string, data?: Record<string, unknown>) {
    return {
      event,
      recipient: { role: 'CLERK', agencyId: this.state.agencyId },
      data: { trackingCode: this.state.trackingCode, ...data },
    };
  }

  /** Tells the session the case was on that it has left the agenda (withdrawn or cancelled). */
  async leaveSession(reason: string) {
    const { state } = this;
    if (state.stage !== 'SCHEDULED' || !state.session) return;
    const session = getExternalWorkflowHandle(sessionWorkflowId(state.session.sessionId));
    try {
      await session.signal(caseLeftAgendaSignal, { caseId: state.caseId, reason });
    } catch {
      // The session has already ended: nothing to tell it. Leaving the case must not fail.
    }
  }
}

const clockOf = (stage: CaseStage): ClockName =>
  isTerminal(stage) ? 'NONE' : stage === 'AWAITING_CORRECTIONS' ? 'AGENCY' : 'DIRECTORATE';

function nextDueAt(deadlines: StageDeadline[]): string | undefined {
  const pending = deadlines.filter((d) => !d.breachedAt).map((d) => d.dueAt);
  return pending.sort()[0];
}
