import {
  addWorkingTime,
  validateWorkingCalendar,
  WorkingCalendar,
  ServiceLevelClockError,
  workingMsBetween,
} from './calendar';

/**
 * A period during which the directorate's clock ran. The clock stops while a case waits on the
 * agency (docs/domain.md §3.3), so a case's clock is a list of these; `to` is absent while running.
 */
export interface ClockSegment {
  readonly from: number;
  readonly to?: number;
}

/** Used working time and deadlines on a clock that can be paused and resumed. */
export class ClockSegments {
  private readonly segments: readonly ClockSegment[];

  constructor(
    segments: readonly ClockSegment[],
    private readonly calendar: WorkingCalendar,
  ) {
    validateSegments(segments);
    validateWorkingCalendar(calendar);
    this.segments = segments.map((segment) => ({ ...segment }));
  }

  get isRunning(): boolean {
    const last = this.segments.at(-1);
    return last !== undefined && last.to === undefined;
  }

  /** Working time on this clock before nowMs; time after nowMs is not counted. */
  usedWorkingMs(nowMs: number): number {
    return this.segments.reduce(
      (used, { from, to }) =>
        used + workingMsBetween(from, Math.min(to ?? nowMs, nowMs), this.calendar),
      0,
    );
  }

  /**
   * The instant the clock has run for budgetMs of working time: addWorkingTime(resumedAt,
   * budget − used before resuming) while it runs. A budget already spent answers the (past)
   * instant it ran out, and a budget not yet spent while paused answers undefined: no
   * deadline exists until the clock runs again.
   */
  deadlineMs(budgetMs: number): number | undefined {
    if (!Number.isFinite(budgetMs) || budgetMs < 0) {
      throw new ServiceLevelClockError(
        `budgetMs must be a finite, non-negative number: ${budgetMs}`,
      );
    }
    let remaining = budgetMs;
    for (const { from, to } of this.segments) {
      const ran = to === undefined ? Infinity : workingMsBetween(from, to, this.calendar);
      if (remaining <= ran) return addWorkingTime(from, remaining, this.calendar);
      remaining -= ran;
    }
    return undefined;
  }
}

function validateSegments(segments: readonly ClockSegment[]): void {
  segments.forEach(({ from, to }, index) => {
    const where = `Clock segment ${index}`;
    if (!Number.isFinite(from) || (to !== undefined && !Number.isFinite(to))) {
      throw new ServiceLevelClockError(`${where} has a non-finite instant`);
    }
    if (to !== undefined && to < from) {
      throw new ServiceLevelClockError(`${where} ends before it starts`);
    }
    if (to === undefined && index !== segments.length - 1) {
      throw new ServiceLevelClockError(`${where} is open but is not the last segment`);
    }
    const previousEnd = index > 0 ? segments[index - 1].to : undefined;
    if (previousEnd !== undefined && from < previousEnd) {
      throw new ServiceLevelClockError(`${where} starts before the previous segment ends`);
    }
  });
}
