import {
  activeWindow,
  blockedUntil,
  CLOCK_GRACE_MS,
  MAX_WINDOW_HOURS,
  type NoticeWindow,
  passesDuringMaintenance,
  retryAfterSeconds,
  statusOf,
  windowProblems,
} from './maintenance-window';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;
const at = (offsetMinutes: number) => new Date(NOW + offsetMinutes * MIN);
const iso = (offsetMinutes: number) => at(offsetMinutes).toISOString();
const win = (from: number, to: number, cancelled = false): NoticeWindow => ({
  startsAt: at(from),
  endsAt: at(to),
  cancelledAt: cancelled ? at(-100) : null,
});

describe('maintenance windows', () => {
  it('tells upcoming, active, ended and cancelled windows apart (start inclusive, end exclusive)', () => {
    expect(statusOf(win(10, 20), NOW)).toBe('UPCOMING');
    expect(statusOf(win(0, 20), NOW)).toBe('ACTIVE');
    expect(statusOf(win(-20, 0), NOW)).toBe('ENDED');
    expect(statusOf(win(-10, 20, true), NOW)).toBe('CANCELLED');
  });

  it('finds the window under way, the one ending last when several overlap', () => {
    const late = win(-5, 60);
    expect(activeWindow([win(-10, 30), late, win(10, 90)], NOW)).toBe(late);
    expect(activeWindow([win(10, 20), win(-10, 20, true), win(-30, -1)], NOW)).toBeUndefined();
  });

  it('holds writes through windows that follow on without a gap, not across a gap', () => {
    expect(blockedUntil([win(-10, 30), win(30, 60), win(50, 90)], NOW)).toBe(at(90).getTime());
    expect(blockedUntil([win(-10, 30), win(31, 60)], NOW)).toBe(at(30).getTime());
    expect(blockedUntil([win(-10, 30), win(20, 60, true)], NOW)).toBe(at(30).getTime());
    expect(blockedUntil([win(10, 30)], NOW)).toBeUndefined();
  });

  it('answers Retry-After in whole seconds, rounded up, at least 1', () => {
    expect(retryAfterSeconds(NOW + 90_500, NOW)).toBe(91);
    expect(retryAfterSeconds(NOW + 10, NOW)).toBe(1);
    expect(retryAfterSeconds(NOW - 1000, NOW)).toBe(1);
  });

  it('lets reads, signing in and out, password changes, the codec and the notices through; no other write', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get'])
      expect(passesDuringMaintenance(method, '/cases')).toBe(true);
    for (const path of [
      '/auth/sign-in',
      '/auth/refresh',
      '/auth/sign-out',
      '/auth/change-password',
      '/Auth/Sign-In/',
      '/codec/decode',
      '/codec/encode',
      '/notices',
      '/notices/0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1/cancel',
    ])
      expect(passesDuringMaintenance('POST', path)).toBe(true);
    for (const [method, path] of [
      ['POST', '/cases'],
      ['POST', '/cases/x/accept'],
      ['POST', '/auth/me'],
      ['POST', '/auth/sign-in/extra'],
      ['POST', '/notices/x/cancel/more'],
      ['PATCH', '/agencies/x'],
      ['PUT', '/reference/worn-out-ages/SEDAN'],
      ['DELETE', '/reference/calendar/closures/1405-01-01'],
      ['POST', '/sessions'],
    ])
      expect(passesDuringMaintenance(method, path)).toBe(false);
  });

  describe('a new window', () => {
    const fields = (problems: { field: string; code: string }[]) =>
      problems.map((p) => `${p.field}:${p.code}`);

    it('is accepted when announced with the lead time and of a sensible length', () => {
      expect(windowProblems({ startsAt: iso(61), endsAt: iso(180) }, NOW, 60)).toEqual([]);
      expect(windowProblems({ startsAt: iso(0), endsAt: iso(5) }, NOW, 0)).toEqual([]);
    });

    it('must start at least the lead time ahead (a little clock slack allowed)', () => {
      expect(fields(windowProblems({ startsAt: iso(30), endsAt: iso(90) }, NOW, 60))).toEqual([
        'startsAt:minLeadTime',
      ]);
      const justUnder = new Date(NOW + 60 * MIN - CLOCK_GRACE_MS + 1000).toISOString();
      expect(windowProblems({ startsAt: justUnder, endsAt: iso(90) }, NOW, 60)).toEqual([]);
      expect(fields(windowProblems({ startsAt: iso(-5), endsAt: iso(90) }, NOW, 0))).toEqual([
        'startsAt:minLeadTime',
      ]);
    });

    it('needs no lead time when it extends a window under way, but may not start in the past', () => {
      const open = [win(-30, 20)];
      expect(windowProblems({ startsAt: iso(20), endsAt: iso(80) }, NOW, 60, open)).toEqual([]);
      expect(fields(windowProblems({ startsAt: iso(25), endsAt: iso(80) }, NOW, 60, open))).toEqual(
        ['startsAt:minLeadTime'],
      );
      expect(
        fields(windowProblems({ startsAt: iso(-10), endsAt: iso(80) }, NOW, 60, open)),
      ).toEqual(['startsAt:minLeadTime']);
      const cancelled = [win(-30, 20, true)];
      expect(
        fields(windowProblems({ startsAt: iso(20), endsAt: iso(80) }, NOW, 60, cancelled)),
      ).toEqual(['startsAt:minLeadTime']);
    });

    it('must end after it starts, and last at most the longest window', () => {
      expect(fields(windowProblems({ startsAt: iso(120), endsAt: iso(120) }, NOW, 60))).toEqual([
        'endsAt:endsAfterStart',
      ]);
      expect(fields(windowProblems({ startsAt: iso(120), endsAt: iso(90) }, NOW, 60))).toEqual([
        'endsAt:endsAfterStart',
      ]);
      const tooLong = iso(120 + MAX_WINDOW_HOURS * 60 + 1);
      expect(fields(windowProblems({ startsAt: iso(120), endsAt: tooLong }, NOW, 60))).toEqual([
        'endsAt:maxDuration',
      ]);
    });

    it('is announced at most a year ahead, and reports both fields at once', () => {
      const farAhead = iso(366 * 24 * 60);
      expect(fields(windowProblems({ startsAt: farAhead, endsAt: iso(10) }, NOW, 60))).toEqual([
        'startsAt:maxAhead',
        'endsAt:endsAfterStart',
      ]);
    });

    it('leaves malformed instants to the DTO and words every problem in Persian and English', () => {
      expect(windowProblems({ startsAt: 'tomorrow', endsAt: iso(10) }, NOW, 60)).toEqual([]);
      for (const problem of windowProblems({ startsAt: iso(1), endsAt: iso(0) }, NOW, 60)) {
        expect(problem.message.fa).toMatch(/[\u0600-\u06FF]/);
        expect(problem.message.en).toMatch(/^[\x20-\x7E]+$/);
      }
    });
  });
});
