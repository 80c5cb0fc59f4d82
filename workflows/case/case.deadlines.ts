/**
 * The case's service-level deadlines (docs/domain.md §3.1), computed from workflow time and the policy
 * and calendar pinned at registration, so they are deterministic under replay.
 */
import type { CaseServiceLevel, CaseStage, StageDeadline } from './case.types';
import { addWorkingDays, DAY_MS } from '../common/sla/calendar';
import { ClockSegments } from '../common/sla/clock-segments';
import type { ServiceLevelTargets } from '../common/sla/policy';

const iso = (ms: number) => new Date(ms).toISOString();

/** Which policy target a stage is measured against (stages owned by the session have none here). */
const STAGE_TARGET: Partial<Record<CaseStage, keyof ServiceLevelTargets | 'correctionWindow'>> = {
  UNDER_REVIEW: 'documentReview',
  AWAITING_CORRECTIONS: 'correctionWindow',
  AWAITING_SESSION: 'scheduling',
};

function withReminder(
  target: string,
  stage: string,
  fromMs: number,
  days: number,
  service: CaseServiceLevel,
): StageDeadline {
  const before = service.policy.reminderBeforeWorkingDays;
  return {
    target,
    stage,
    dueAt: iso(addWorkingDays(fromMs, days, service.calendar)),
    remindAt:
      days > before ? iso(addWorkingDays(fromMs, days - before, service.calendar)) : undefined,
  };
}

/** The deadline of the stage just entered at `startMs`, if the case owns one. */
export function stageDeadline(
  stage: CaseStage,
  startMs: number,
  service: CaseServiceLevel,
): StageDeadline | undefined {
  const target = STAGE_TARGET[stage];
  if (!target) return undefined;
  const days =
    target === 'correctionWindow'
      ? service.policy.correctionWindow
      : service.policy.targets[target];
  return withReminder(target, stage, startMs, days, service);
}

/**
 * The whole case's deadline on the directorate's clock, which stops while the agency owes
 * corrections: none while paused, and none again once breached (a breach is recorded once).
 */
export function wholeCaseDeadline(
  clock: { from: number; to?: number }[],
  service: CaseServiceLevel,
  alreadyBreached: boolean,
): StageDeadline | undefined {
  if (alreadyBreached) return undefined;
  const segments = new ClockSegments(clock, service.calendar);
  if (!segments.isRunning) return undefined;
  const budget = service.policy.targets.wholeCase * DAY_MS;
  const due = segments.deadlineMs(budget);
  if (due === undefined) return undefined;
  const reminderBudget = budget - service.policy.reminderBeforeWorkingDays * DAY_MS;
  const remind = reminderBudget > 0 ? segments.deadlineMs(reminderBudget) : undefined;
  return {
    target: 'wholeCase',
    stage: 'ANY',
    dueAt: iso(due),
    remindAt: remind === undefined ? undefined : iso(remind),
  };
}

export type TimerKind = 'REMIND' | 'BREACH';

/** Timers that are due at `nowMs` and have not fired yet, reminders before breaches. */
export function dueTimers(
  deadlines: StageDeadline[],
  nowMs: number,
): { deadline: StageDeadline; kind: TimerKind }[] {
  const due: { deadline: StageDeadline; kind: TimerKind }[] = [];
  for (const deadline of deadlines) {
    if (
      deadline.remindAt &&
      !deadline.remindedAt &&
      !deadline.breachedAt &&
      Date.parse(deadline.remindAt) <= nowMs
    ) {
      due.push({ deadline, kind: 'REMIND' });
    }
    if (!deadline.breachedAt && Date.parse(deadline.dueAt) <= nowMs)
      due.push({ deadline, kind: 'BREACH' });
  }
  return due;
}

/** When the next timer fires (epoch ms), or undefined when none is pending. */
export function nextTimerAt(deadlines: StageDeadline[]): number | undefined {
  let next: number | undefined;
  for (const deadline of deadlines) {
    const candidates = [
      deadline.remindAt && !deadline.remindedAt && !deadline.breachedAt
        ? Date.parse(deadline.remindAt)
        : undefined,
      deadline.breachedAt ? undefined : Date.parse(deadline.dueAt),
    ];
    for (const at of candidates)
      if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}
