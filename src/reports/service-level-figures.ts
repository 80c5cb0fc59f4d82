/**
 * Service-level figures (docs/domain.md §3.6): pure arithmetic over a case's stage
 * transitions, as the read model keeps them (`case_events`). No I/O here: the service reads a
 * month's cases and hands them in; the unit tests hand in cases with known stage times.
 *
 * - A **stage measurement** is one stay in a stage the case's policy sets a target for
 *   (document review, scheduling, the agency's correction window), from entering it to leaving
 *   it. Each stay counts on its own, as the workflow gives each stay its own deadline. A stay
 *   ended by withdrawal or cancellation did not finish and is left out.
 * - The **whole case** runs from registration to its result: the permit or refusal announced
 *   (RESULT_ANNOUNCED) or the rejection at review (REJECTED). Cases withdrawn, cancelled or
 *   abandoned never got a result and are left out.
 * - Durations are working days of the working-day calendar (weekends, official holidays and
 *   closures count nothing). **On the directorate's clock** the time the case waited on the
 *   agency (AWAITING_CORRECTIONS) does not count; **end to end** it does.
 * - **On time**: the duration on the stage's own clock is within the stage's target in the
 *   case's policy (the directorate's clock for its stages and the whole case, the agency's for
 *   the correction window; an abandoned case ran its window out).
 * - A measurement belongs to the Jalali month (Iran time) in which it finished.
 */
import { REQUEST_TYPES, type CaseStage, type RequestType } from '../../workflows/case/case.types';
import {
  DAY_MS,
  jalaliDateOf,
  startOfLocalDayMs,
  workingMsBetween,
  type LocalZone,
  type WorkingCalendar,
} from '../../workflows/common/sla/calendar';
import type { ServiceLevelPolicy } from '../../workflows/common/sla/policy';

export const MEASURES = ['DOCUMENT_REVIEW', 'CORRECTIONS', 'SCHEDULING', 'WHOLE_CASE'] as const;
export type Measure = (typeof MEASURES)[number];

/** Whose clock a measure's target counts on. */
export type MeasureClock = 'DIRECTORATE' | 'AGENCY';

interface MeasureDefinition {
  /** The stage a stay in which is measured; WHOLE_CASE has none. */
  stage?: CaseStage;
  clock: MeasureClock;
  /** The target in the policy. */
  target: (policy: ServiceLevelPolicy) => number;
  targetName: string;
  fa: string;
  en: string;
}

export const MEASURE_DEFINITIONS: Record<Measure, MeasureDefinition> = {
  DOCUMENT_REVIEW: {
    stage: 'UNDER_REVIEW',
    clock: 'DIRECTORATE',
    target: (p) => p.targets.documentReview,
    targetName: 'documentReview',
    fa: 'بررسی مدارک',
    en: 'document review',
  },
  CORRECTIONS: {
    stage: 'AWAITING_CORRECTIONS',
    clock: 'AGENCY',
    target: (p) => p.correctionWindow,
    targetName: 'correctionWindow',
    fa: 'رفع نقص توسط دستگاه',
    en: 'corrections by the agency',
  },
  SCHEDULING: {
    stage: 'AWAITING_SESSION',
    clock: 'DIRECTORATE',
    target: (p) => p.targets.scheduling,
    targetName: 'scheduling',
    fa: 'طرح در کمیسیون',
    en: 'scheduling',
  },
  WHOLE_CASE: {
    clock: 'DIRECTORATE',
    target: (p) => p.targets.wholeCase,
    targetName: 'wholeCase',
    fa: 'کل درخواست',
    en: 'whole case',
  },
};

export const REQUEST_TYPE_NAMES: Record<RequestType | 'ALL', { fa: string; en: string }> = {
  SCRAP: { fa: 'اسقاط', en: 'scrap' },
  PURCHASE: { fa: 'خرید', en: 'purchase' },
  SALE: { fa: 'فروش', en: 'sale' },
  ALL: { fa: 'همه', en: 'all' },
};

/** Stays ended this way did not finish: nobody can be on time or late for them. */
const INTERRUPTED: readonly CaseStage[] = ['WITHDRAWN', 'CANCELLED'];
/** The whole case is done when its result reaches the agency. */
const RESULT_STAGES: readonly CaseStage[] = ['RESULT_ANNOUNCED', 'REJECTED'];
/** The stage during which the directorate's clock stands still. */
const PAUSED: CaseStage = 'AWAITING_CORRECTIONS';

/** One stage change of a case, from its timeline. */
export interface StageTransition {
  atMs: number;
  from: CaseStage;
  to: CaseStage;
}

/** What the report needs of one case: the read model's row and its stage changes in order. */
export interface CaseHistory {
  caseId: string;
  requestType: RequestType;
  registeredAtMs: number;
  /** The policy the case was registered under. */
  policy: ServiceLevelPolicy;
  transitions: readonly StageTransition[];
}

export interface Measurement {
  caseId: string;
  measure: Measure;
  requestType: RequestType;
  startMs: number;
  endMs: number;
  /** Working days on the directorate's clock (null for the agency's stage). */
  directorateDays: number | null;
  /** Working days from start to end, nothing paused. */
  endToEndDays: number;
  targetDays: number;
  onTime: boolean;
}

/** Working time on the directorate's clock in [fromMs, toMs): stays in AWAITING_CORRECTIONS are left out. */
function directorateMs(
  history: CaseHistory,
  fromMs: number,
  toMs: number,
  calendar: WorkingCalendar,
): number {
  let total = 0;
  let stage: CaseStage = 'REGISTERED';
  let since = history.registeredAtMs;
  const add = (a: number, b: number) => {
    if (stage === PAUSED) return;
    const lo = Math.max(a, fromMs);
    const hi = Math.min(b, toMs);
    if (hi > lo) total += workingMsBetween(lo, hi, calendar);
  };
  for (const t of history.transitions) {
    if (t.atMs >= toMs) break;
    add(since, t.atMs);
    stage = t.to;
    since = t.atMs;
  }
  add(since, toMs);
  return total;
}

const days = (ms: number) => ms / DAY_MS;

/** Every finished measurement of one case (all months; the caller picks the month). */
export function measurementsOf(history: CaseHistory, calendar: WorkingCalendar): Measurement[] {
  const out: Measurement[] = [];
  let stage: CaseStage = 'REGISTERED';
  let since = history.registeredAtMs;
  for (const t of history.transitions) {
    const measure = MEASURES.find((m) => MEASURE_DEFINITIONS[m].stage === stage);
    if (measure && !INTERRUPTED.includes(t.to)) {
      const def = MEASURE_DEFINITIONS[measure];
      const endToEnd = workingMsBetween(since, t.atMs, calendar);
      const target = def.target(history.policy);
      const onClock =
        def.clock === 'AGENCY' ? endToEnd : directorateMs(history, since, t.atMs, calendar);
      out.push({
        caseId: history.caseId,
        measure,
        requestType: history.requestType,
        startMs: since,
        endMs: t.atMs,
        directorateDays: def.clock === 'AGENCY' ? null : days(onClock),
        endToEndDays: days(endToEnd),
        targetDays: target,
        // An abandoned case's agency ran its window out: late, whatever the arithmetic says.
        onTime: t.to !== 'ABANDONED' && onClock <= target * DAY_MS,
      });
    }
    if (RESULT_STAGES.includes(t.to)) {
      const onClock = directorateMs(history, history.registeredAtMs, t.atMs, calendar);
      const target = MEASURE_DEFINITIONS.WHOLE_CASE.target(history.policy);
      out.push({
        caseId: history.caseId,
        measure: 'WHOLE_CASE',
        requestType: history.requestType,
        startMs: history.registeredAtMs,
        endMs: t.atMs,
        directorateDays: days(onClock),
        endToEndDays: days(workingMsBetween(history.registeredAtMs, t.atMs, calendar)),
        targetDays: target,
        onTime: onClock <= target * DAY_MS,
      });
    }
    stage = t.to;
    since = t.atMs;
  }
  return out;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks — PostgreSQL's
 * percentile_cont and Excel's PERCENTILE.INC: for n sorted values, rank h = (n − 1)·p, and the
 * answer is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export interface DurationFigures {
  median: number | null;
  p90: number | null;
}

export interface ReportRow {
  measure: Measure;
  measureName: { fa: string; en: string };
  clock: MeasureClock;
  requestType: RequestType | 'ALL';
  requestTypeName: { fa: string; en: string };
  /** The policy target's name and its value in working days (null if the cases' policies differ). */
  target: string;
  targetWorkingDays: number | null;
  /** Measurements finished in the month. */
  count: number;
  onTime: number;
  /** onTime / count, 4 decimals; null when count is 0. */
  onTimeShare: number | null;
  /** Working days on the directorate's clock (null for the agency's stage), 2 decimals. */
  directorateDays: DurationFigures | null;
  /** Working days end to end, 2 decimals. */
  endToEndDays: DurationFigures;
}

function figures(values: number[]): DurationFigures {
  return { median: round(percentile(values, 0.5), 2), p90: round(percentile(values, 0.9), 2) };
}

/**
 * One row per measure × request type (types in `requestTypes` order, then ALL when more than
 * one type is asked for), every row present even when nothing finished.
 */
export function aggregate(
  measurements: readonly Measurement[],
  requestTypes: readonly RequestType[] = REQUEST_TYPES,
): ReportRow[] {
  const columns: (RequestType | 'ALL')[] =
    requestTypes.length > 1 ? [...requestTypes, 'ALL'] : [...requestTypes];
  const rows: ReportRow[] = [];
  for (const measure of MEASURES) {
    const def = MEASURE_DEFINITIONS[measure];
    for (const requestType of columns) {
      const mine = measurements.filter(
        (m) =>
          m.measure === measure &&
          (requestType === 'ALL'
            ? requestTypes.includes(m.requestType)
            : m.requestType === requestType),
      );
      const onTime = mine.filter((m) => m.onTime).length;
      const targets = [...new Set(mine.map((m) => m.targetDays))];
      rows.push({
        measure,
        measureName: { fa: def.fa, en: def.en },
        clock: def.clock,
        requestType,
        requestTypeName: REQUEST_TYPE_NAMES[requestType],
        target: def.targetName,
        targetWorkingDays: targets.length === 1 ? targets[0] : null,
        count: mine.length,
        onTime,
        onTimeShare: mine.length === 0 ? null : round(onTime / mine.length, 4),
        directorateDays:
          def.clock === 'AGENCY' ? null : figures(mine.map((m) => m.directorateDays ?? 0)),
        endToEndDays: figures(mine.map((m) => m.endToEndDays)),
      });
    }
  }
  return rows;
}

/** The instants [from, to) of a Jalali month, local midnight to local midnight. */
export function jalaliMonthRange(
  year: number,
  month: number,
  zone: LocalZone,
): { fromMs: number; toMs: number } {
  const next = month === 12 ? { jy: year + 1, jm: 1 } : { jy: year, jm: month + 1 };
  return {
    fromMs: startOfLocalDayMs({ jy: year, jm: month, jd: 1 }, zone),
    toMs: startOfLocalDayMs({ ...next, jd: 1 }, zone),
  };
}

/** Whether an instant falls in the given Jalali month (Iran time). */
export function inJalaliMonth(ms: number, year: number, month: number, zone: LocalZone): boolean {
  const date = jalaliDateOf(ms, zone);
  return date.jy === year && date.jm === month;
}
