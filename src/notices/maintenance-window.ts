/**
 * The rules of maintenance windows, as pure functions of the notices and the clock: which window
 * is under way, how long writes stay refused, which requests still pass, and what a new notice
 * must satisfy. The service and the middleware apply them; the unit tests pin them.
 */
import type { FieldProblem } from '../common/errors/app-error';
import { isIsoInstant } from '../../workflows/session/session.rules';

/** A window as the rules need it (the entity satisfies this). */
export interface NoticeWindow {
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
}

export type NoticeStatus = 'UPCOMING' | 'ACTIVE' | 'ENDED' | 'CANCELLED';

/** The longest window one notice may declare (a longer outage is announced in parts). */
export const MAX_WINDOW_HOURS = 7 * 24;
/** How far ahead a window may be announced. */
export const MAX_ANNOUNCE_AHEAD_DAYS = 365;
/** Slack for the caller's clock and the request's travel time when checking the lead time. */
export const CLOCK_GRACE_MS = 30_000;
/** Longest text of a notice's message, per language. */
export const MAX_MESSAGE_LENGTH = 1000;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function statusOf(notice: NoticeWindow, nowMs: number): NoticeStatus {
  if (notice.cancelledAt) return 'CANCELLED';
  if (notice.endsAt.getTime() <= nowMs) return 'ENDED';
  return notice.startsAt.getTime() <= nowMs ? 'ACTIVE' : 'UPCOMING';
}

/** The window under way at `nowMs` (the one ending last, when several overlap), if any. */
export function activeWindow<T extends NoticeWindow>(
  notices: readonly T[],
  nowMs: number,
): T | undefined {
  let found: T | undefined;
  for (const notice of notices) {
    if (statusOf(notice, nowMs) !== 'ACTIVE') continue;
    if (!found || notice.endsAt.getTime() > found.endsAt.getTime()) found = notice;
  }
  return found;
}

/**
 * When writes are accepted again: the end of the active window, carried on through any window
 * that starts before (or just as) the previous one ends. Undefined when none is under way.
 */
export function blockedUntil(notices: readonly NoticeWindow[], nowMs: number): number | undefined {
  const active = activeWindow(notices, nowMs);
  if (!active) return undefined;
  let until = active.endsAt.getTime();
  const open = notices.filter((n) => !n.cancelledAt);
  for (let extended = true; extended;) {
    extended = false;
    for (const notice of open) {
      const [start, end] = [notice.startsAt.getTime(), notice.endsAt.getTime()];
      if (start <= until && end > until) {
        until = end;
        extended = true;
      }
    }
  }
  return until;
}

/** Whole seconds from `nowMs` until `untilMs`, at least 1 (the value of `Retry-After`). */
export function retryAfterSeconds(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}

/** Methods that never change anything: they pass during a window. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes that still pass during a window: signing in, refreshing and signing out, and changing
 * a one-time password (so people can read: a user whose password was reset reads nothing until
 * it is changed), the operators' codec, and the notice endpoints themselves (so an operator can
 * announce an extension or end the window early). Matched on the path Express routes (case
 * and one trailing slash ignored); anything else that is not a read is refused.
 */
const WRITES_DURING_MAINTENANCE =
  /^\/(auth\/(sign-in|refresh|sign-out|change-password)|codec\/(decode|encode)|notices|notices\/[^/]+\/cancel)\/?$/i;

export function passesDuringMaintenance(method: string, path: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  return WRITES_DURING_MAINTENANCE.test(path);
}

function problem(field: string, code: string, fa: string, en: string): FieldProblem {
  return { field, code, message: { fa, en } };
}

/**
 * What is wrong with a window an operator announces, beyond the shape of each field (the DTO
 * checks that): it ends after it starts, lasts at most MAX_WINDOW_HOURS, and starts at least
 * `minLeadMinutes` from now (docs/domain.md §4.3: announced in advance) and at most MAX_ANNOUNCE_AHEAD_DAYS
 * ahead. A window starting inside one already under way extends it: users are already told,
 * so it needs no lead time (it still may not start in the past).
 */
export function windowProblems(
  input: { startsAt: string; endsAt: string },
  nowMs: number,
  minLeadMinutes: number,
  openNotices: readonly NoticeWindow[] = [],
): FieldProblem[] {
  if (!isIsoInstant(input.startsAt) || !isIsoInstant(input.endsAt)) return [];
  const start = Date.parse(input.startsAt);
  const end = Date.parse(input.endsAt);
  const problems: FieldProblem[] = [];

  const extendsActive = openNotices.some(
    (n) =>
      statusOf(n, nowMs) === 'ACTIVE' &&
      start >= n.startsAt.getTime() &&
      start <= n.endsAt.getTime(),
  );
  const leadMs = extendsActive ? 0 : minLeadMinutes * 60_000;
  if (start < nowMs + leadMs - CLOCK_GRACE_MS) {
    problems.push(
      problem(
        'startsAt',
        'minLeadTime',
        `شروع بازه نگهداری باید دست‌کم ${minLeadMinutes} دقیقه پس از اکنون باشد تا از پیش اطلاع‌رسانی شود.`,
        `startsAt must be at least ${minLeadMinutes} minutes from now, so the window is announced in advance`,
      ),
    );
  } else if (start > nowMs + MAX_ANNOUNCE_AHEAD_DAYS * DAY_MS) {
    problems.push(
      problem(
        'startsAt',
        'maxAhead',
        `شروع بازه نگهداری حداکثر ${MAX_ANNOUNCE_AHEAD_DAYS} روز بعد می‌تواند باشد.`,
        `startsAt must be at most ${MAX_ANNOUNCE_AHEAD_DAYS} days ahead`,
      ),
    );
  }
  if (end <= start) {
    problems.push(
      problem(
        'endsAt',
        'endsAfterStart',
        'پایان بازه نگهداری باید پس از شروع آن باشد.',
        'endsAt must be after startsAt',
      ),
    );
  } else if (end - start > MAX_WINDOW_HOURS * HOUR_MS) {
    problems.push(
      problem(
        'endsAt',
        'maxDuration',
        `بازه نگهداری حداکثر ${MAX_WINDOW_HOURS} ساعت می‌تواند باشد.`,
        `the window may last at most ${MAX_WINDOW_HOURS} hours`,
      ),
    );
  }
  return problems;
}
