/**
 * Working-day arithmetic for the service-level clock (docs/domain.md §3.2).
 *
 * This module runs inside Temporal workflow code, so it is a pure function of its inputs: no
 * Node built-ins, no Intl (time-zone data would differ between workers), no reading of the
 * current time. Instants are epoch milliseconds; the local day comes from a fixed UTC offset.
 */
import { d2j, isValidJalaaliDate, j2d } from 'jalaali-js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A calendar that must be looked at this far ahead is almost certainly mis-entered (a closure
 * typed for a whole year, say). Failing loudly beats a workflow task that never finishes.
 */
export const MAX_CONSECUTIVE_NON_WORKING_DAYS = 400;

/** Julian Day Number of 1970-01-01, the day epoch milliseconds count from. */
const UNIX_EPOCH_JDN = 2440588;

export interface JalaliDate {
  readonly jy: number;
  readonly jm: number;
  readonly jd: number;
}

export type Weekday =
  'saturday' | 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';

/** Indexed by (JDN + 1) mod 7, which is 0 on a Sunday. */
const WEEKDAYS: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

export interface WorkingCalendar {
  /**
   * Minutes east of UTC. Iran is 210 (+03:30) all year since daylight saving time was
   * abolished in 2022; a fixed offset keeps workflow replay independent of tz data.
   */
  readonly utcOffsetMinutes: number;
  /** Provinces decide whether Thursday is worked; Friday never is. */
  readonly thursdayIsWorkingDay: boolean;
  /** Official holidays, Jalali 'YYYY/MM/DD'. */
  readonly holidays: readonly string[];
  /** One-off closures (weather, energy), Jalali 'YYYY/MM/DD'. */
  readonly closures: readonly string[];
}

/** The part of a calendar needed to find an instant's local day. */
export type LocalZone = Pick<WorkingCalendar, 'utcOffsetMinutes'>;

/** Raised for bad input or bad calendar/policy data anywhere in the service-level clock. */
export class ServiceLevelClockError extends Error {
  override readonly name = 'ServiceLevelClockError';
}

const JALALI_DATE_FORMAT = /^(\d{4})\/(\d{2})\/(\d{2})$/;

/** The date of a 'YYYY/MM/DD' Jalali string, or undefined if malformed or impossible. */
export function tryParseJalaliDate(text: string): JalaliDate | undefined {
  const match = JALALI_DATE_FORMAT.exec(text);
  if (!match) return undefined;
  const [jy, jm, jd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // jalaali-js knows the 33-year leap pattern, so 1403/12/30 passes and 1404/12/30 does not.
  return isValidJalaaliDate(jy, jm, jd) ? { jy, jm, jd } : undefined;
}

export function parseJalaliDate(text: string): JalaliDate {
  const date = tryParseJalaliDate(text);
  if (!date) {
    throw new ServiceLevelClockError(
      `"${text}" is not a valid Jalali date; expected an existing day written as YYYY/MM/DD`,
    );
  }
  return date;
}

export function formatJalaliDate(date: JalaliDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.jy}/${pad(date.jm)}/${pad(date.jd)}`;
}

export function jalaliDateOf(instantMs: number, zone: LocalZone): JalaliDate {
  return d2j(localDayNumber(instantMs, offsetMs(zone)) + UNIX_EPOCH_JDN);
}

export function weekdayOf(date: JalaliDate | string): Weekday {
  return weekdayOfJdn(toJdn(date));
}

/** The instant the given local day begins (local midnight). */
export function startOfLocalDayMs(date: JalaliDate | string, zone: LocalZone): number {
  return (toJdn(date) - UNIX_EPOCH_JDN) * DAY_MS - offsetMs(zone);
}

export function isWorkingDay(date: JalaliDate | string, calendar: WorkingCalendar): boolean {
  return compile(calendar).isWorking(toJdn(date));
}

/** Throws a ServiceLevelClockError naming the first problem; for validating edits to the data. */
export function validateWorkingCalendar(calendar: WorkingCalendar): void {
  compile(calendar);
}

/**
 * Working time inside [fromMs, toMs): every working day counts its whole local 24 hours,
 * weekends, holidays and closures count nothing. Zero when toMs is not after fromMs.
 */
export function workingMsBetween(fromMs: number, toMs: number, calendar: WorkingCalendar): number {
  requireInstant(fromMs, 'fromMs');
  requireInstant(toMs, 'toMs');
  if (toMs <= fromMs) return 0;
  const compiled = compile(calendar);
  let total = 0;
  for (
    let day = localDayNumber(fromMs, compiled.offsetMs);
    compiled.dayStartMs(day) < toMs;
    day++
  ) {
    if (!compiled.isWorking(day + UNIX_EPOCH_JDN)) continue;
    const start = Math.max(fromMs, compiled.dayStartMs(day));
    const end = Math.min(toMs, compiled.dayStartMs(day + 1));
    total += end - start;
  }
  return total;
}

/**
 * The earliest instant t ≥ fromMs with workingMsBetween(fromMs, t) = workingMs. Starting on a
 * non-working day therefore counts from the next working day's local midnight, and a budget
 * that ends exactly at the end of a working day answers that day's end (the next midnight),
 * not the start of the next working day.
 */
export function addWorkingTime(
  fromMs: number,
  workingMs: number,
  calendar: WorkingCalendar,
): number {
  requireInstant(fromMs, 'fromMs');
  if (!Number.isFinite(workingMs) || workingMs < 0) {
    throw new ServiceLevelClockError(
      `workingMs must be a finite, non-negative number: ${workingMs}`,
    );
  }
  if (workingMs === 0) return fromMs;
  const compiled = compile(calendar);
  let remaining = workingMs;
  let cursor = fromMs;
  let nonWorkingRun = 0;
  for (let day = localDayNumber(fromMs, compiled.offsetMs); ; day++) {
    const dayEndMs = compiled.dayStartMs(day + 1);
    if (compiled.isWorking(day + UNIX_EPOCH_JDN)) {
      nonWorkingRun = 0;
      const available = dayEndMs - cursor;
      if (remaining <= available) return cursor + remaining;
      remaining -= available;
    } else if (++nonWorkingRun >= MAX_CONSECUTIVE_NON_WORKING_DAYS) {
      const firstIdle = formatJalaliDate(d2j(day - nonWorkingRun + 1 + UNIX_EPOCH_JDN));
      throw new ServiceLevelClockError(
        `The working calendar has no working day in ${MAX_CONSECUTIVE_NON_WORKING_DAYS} ` +
          `consecutive days from ${firstIdle}; check its holidays, closures and weekend setting`,
      );
    }
    cursor = dayEndMs;
  }
}

export function addWorkingDays(fromMs: number, days: number, calendar: WorkingCalendar): number {
  if (!Number.isFinite(days) || days < 0) {
    throw new ServiceLevelClockError(`days must be a finite, non-negative number: ${days}`);
  }
  return addWorkingTime(fromMs, days * DAY_MS, calendar);
}

interface CompiledCalendar {
  readonly offsetMs: number;
  isWorking(jdn: number): boolean;
  dayStartMs(localDay: number): number;
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const offset = offsetMs(calendar);
  const closed = new Set<number>();
  for (const [field, dates] of [
    ['holidays', calendar.holidays],
    ['closures', calendar.closures],
  ] as const) {
    for (const text of dates) {
      const date = tryParseJalaliDate(text);
      if (!date) {
        throw new ServiceLevelClockError(
          `The working calendar's ${field} contain "${text}", which is not a valid Jalali date ` +
            '(YYYY/MM/DD)',
        );
      }
      closed.add(toJdn(date));
    }
  }
  return {
    offsetMs: offset,
    isWorking(jdn) {
      const weekday = weekdayOfJdn(jdn);
      if (weekday === 'friday') return false;
      if (weekday === 'thursday' && !calendar.thursdayIsWorkingDay) return false;
      return !closed.has(jdn);
    },
    dayStartMs: (localDay) => localDay * DAY_MS - offset,
  };
}

function offsetMs(zone: LocalZone): number {
  const minutes = zone.utcOffsetMinutes;
  if (!Number.isInteger(minutes) || minutes < -12 * 60 || minutes > 14 * 60) {
    throw new ServiceLevelClockError(
      `utcOffsetMinutes must be a whole number of minutes between -720 and 840: ${minutes}`,
    );
  }
  return minutes * 60 * 1000;
}

/** Days since 1970-01-01 on the local wall calendar. */
function localDayNumber(instantMs: number, offset: number): number {
  return Math.floor((instantMs + offset) / DAY_MS);
}

function toJdn(date: JalaliDate | string): number {
  const { jy, jm, jd } = typeof date === 'string' ? parseJalaliDate(date) : date;
  // Objects come from callers rather than the parser, so check them the same way.
  if (![jy, jm, jd].every(Number.isInteger) || !isValidJalaaliDate(jy, jm, jd)) {
    throw new ServiceLevelClockError(
      `${jy}/${jm}/${jd} is not a valid Jalali date (year/month/day)`,
    );
  }
  return j2d(jy, jm, jd);
}

function weekdayOfJdn(jdn: number): Weekday {
  return WEEKDAYS[(((jdn + 1) % 7) + 7) % 7];
}

function requireInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) {
    throw new ServiceLevelClockError(
      `${name} must be a finite epoch-millisecond instant: ${value}`,
    );
  }
}
