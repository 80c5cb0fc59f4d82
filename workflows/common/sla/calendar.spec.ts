import { d2j, j2d } from 'jalaali-js';
import {
  addWorkingDays,
  addWorkingTime,
  DAY_MS,
  formatJalaliDate,
  isWorkingDay,
  jalaliDateOf,
  MAX_CONSECUTIVE_NON_WORKING_DAYS,
  parseJalaliDate,
  ServiceLevelClockError,
  startOfLocalDayMs,
  tryParseJalaliDate,
  validateWorkingCalendar,
  weekdayOf,
  WorkingCalendar,
  workingMsBetween,
} from './calendar';
import { defaultWorkingCalendar } from './default-calendar-data';

const HOUR_MS = 60 * 60 * 1000;

/** An instant written as Tehran wall-clock time, so expectations read like the calendar. */
const tehran = (localDateTime: string) => Date.parse(`${localDateTime}+03:30`);

const bare = (overrides: Partial<WorkingCalendar> = {}): WorkingCalendar => ({
  utcOffsetMinutes: 210,
  thursdayIsWorkingDay: false,
  holidays: [],
  closures: [],
  ...overrides,
});

/** Jalali dates `count` days on from `first`, for building long closure lists. */
const consecutiveDates = (first: string, count: number): string[] => {
  const { jy, jm, jd } = parseJalaliDate(first);
  return Array.from({ length: count }, (_, i) => formatJalaliDate(d2j(j2d(jy, jm, jd) + i)));
};

describe('Jalali dates of instants (Tehran, UTC+03:30)', () => {
  it('converts Gregorian instants to the local Jalali date', () => {
    expect(formatJalaliDate(jalaliDateOf(tehran('2026-03-21T12:00'), bare()))).toBe('1405/01/01');
    expect(formatJalaliDate(jalaliDateOf(tehran('2022-03-20T12:00'), bare()))).toBe('1400/12/29');
    expect(formatJalaliDate(jalaliDateOf(tehran('2025-03-21T00:00'), bare()))).toBe('1404/01/01');
  });

  it('is already the next local day at 21:00 UTC', () => {
    const at = Date.parse('2026-03-20T21:00:00Z');
    expect(formatJalaliDate(jalaliDateOf(at, bare()))).toBe('1405/01/01');
    expect(formatJalaliDate(jalaliDateOf(at, bare({ utcOffsetMinutes: 0 })))).toBe('1404/12/29');
  });

  it('turns the day exactly at local midnight, 20:30 UTC', () => {
    expect(jalaliDateOf(Date.parse('2026-03-20T20:29:59.999Z'), bare())).toEqual({
      jy: 1404,
      jm: 12,
      jd: 29,
    });
    expect(jalaliDateOf(Date.parse('2026-03-20T20:30:00.000Z'), bare())).toEqual({
      jy: 1405,
      jm: 1,
      jd: 1,
    });
  });

  it('gives the instant a local day starts at', () => {
    expect(startOfLocalDayMs('1405/01/01', bare())).toBe(Date.parse('2026-03-20T20:30:00Z'));
    expect(startOfLocalDayMs({ jy: 1400, jm: 12, jd: 29 }, bare())).toBe(
      Date.parse('2022-03-19T20:30:00Z'),
    );
  });

  it('handles instants before 1970', () => {
    expect(formatJalaliDate(jalaliDateOf(tehran('1969-12-31T23:00'), bare()))).toBe('1348/10/10');
  });

  it('rejects an offset that is not a whole number of minutes in range', () => {
    expect(() => jalaliDateOf(0, { utcOffsetMinutes: 210.5 })).toThrow(/utcOffsetMinutes/);
    expect(() => jalaliDateOf(0, { utcOffsetMinutes: 900 })).toThrow(/utcOffsetMinutes/);
  });
});

describe('weekdays', () => {
  it('names each day of a Jalali week, Saturday to Friday', () => {
    expect(consecutiveDates('1405/01/01', 7).map((date) => weekdayOf(date))).toEqual([
      'saturday',
      'sunday',
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
    ]);
  });

  it('agrees with the Gregorian weekday', () => {
    // 2022-03-20 was a Sunday.
    expect(weekdayOf('1400/12/29')).toBe('sunday');
    expect(weekdayOf({ jy: 1404, jm: 12, jd: 29 })).toBe('friday');
  });
});

describe('parsing and formatting Jalali dates', () => {
  it('parses YYYY/MM/DD and formats back with padding', () => {
    expect(parseJalaliDate('1404/07/09')).toEqual({ jy: 1404, jm: 7, jd: 9 });
    expect(formatJalaliDate({ jy: 1404, jm: 7, jd: 9 })).toBe('1404/07/09');
  });

  it('accepts 30 Esfand only in a leap year', () => {
    expect(tryParseJalaliDate('1403/12/30')).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(tryParseJalaliDate('1404/12/30')).toBeUndefined();
    expect(() => parseJalaliDate('1404/12/30')).toThrow(ServiceLevelClockError);
  });

  it.each([
    '1404/12/31',
    '1404/07/31', // months 7 to 11 have 30 days
    '1404/13/01',
    '1404/00/10',
    '1404/01/00',
    '1404/1/1',
    '14040101',
    ' 1404/01/01',
    '1404-01-01',
    '۱۴۰۴/۰۱/۰۱',
    '',
  ])('rejects %p', (text) => {
    expect(tryParseJalaliDate(text)).toBeUndefined();
    expect(() => parseJalaliDate(text)).toThrow(/not a valid Jalali date/);
  });

  it('accepts the 31st in the first six months', () => {
    expect(tryParseJalaliDate('1404/06/31')).toEqual({ jy: 1404, jm: 6, jd: 31 });
  });

  it('rejects an impossible date object', () => {
    expect(() => weekdayOf({ jy: 1404, jm: 12, jd: 30 })).toThrow(ServiceLevelClockError);
    expect(() => weekdayOf({ jy: 1404, jm: 1.5, jd: 1 })).toThrow(ServiceLevelClockError);
  });
});

describe('isWorkingDay', () => {
  // 1404/08/03 is a Saturday; Aban 1404 has no official holiday.
  const week = consecutiveDates('1404/08/03', 7);

  it('works Saturday to Wednesday when Thursday is off', () => {
    expect(week.map((date) => isWorkingDay(date, bare()))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('works Saturday to Thursday when Thursday is a working day; Friday never', () => {
    expect(week.map((date) => isWorkingDay(date, bare({ thursdayIsWorkingDay: true })))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('does not work on holidays or closures', () => {
    const calendar = bare({ holidays: ['1404/08/04'], closures: ['1404/08/06'] });
    expect(isWorkingDay('1404/08/04', calendar)).toBe(false);
    expect(isWorkingDay('1404/08/06', calendar)).toBe(false);
    expect(isWorkingDay('1404/08/05', calendar)).toBe(true);
  });

  it('knows the default holidays, e.g. Tasua and Ashura 1404 on a Saturday and Sunday', () => {
    const calendar = defaultWorkingCalendar();
    expect(isWorkingDay('1404/04/14', calendar)).toBe(false);
    expect(isWorkingDay('1404/04/15', calendar)).toBe(false);
    expect(isWorkingDay('1404/04/16', calendar)).toBe(true);
  });

  it('accepts a leap day when it is a working day', () => {
    // 1403/12/30 was a Thursday.
    expect(isWorkingDay('1403/12/30', bare({ thursdayIsWorkingDay: true }))).toBe(true);
  });

  it('refuses a calendar with an invalid holiday or closure, naming it', () => {
    expect(() => isWorkingDay('1404/08/03', bare({ holidays: ['1404/12/30'] }))).toThrow(
      /holidays contain "1404\/12\/30"/,
    );
    expect(() => validateWorkingCalendar(bare({ closures: ['1404-08-03'] }))).toThrow(
      /closures contain "1404-08-03"/,
    );
    expect(() => validateWorkingCalendar(defaultWorkingCalendar())).not.toThrow();
  });
});

describe('workingMsBetween', () => {
  it('counts wall-clock time inside a single working day', () => {
    expect(workingMsBetween(tehran('2025-10-25T09:00'), tehran('2025-10-25T17:00'), bare())).toBe(
      8 * HOUR_MS,
    );
  });

  it('counts whole local days and skips Thursday and Friday when Thursday is off', () => {
    // Wednesday 1404/08/07 12:00 to Saturday 1404/08/10 12:00.
    const from = tehran('2025-10-29T12:00');
    const to = tehran('2025-11-01T12:00');
    expect(workingMsBetween(from, to, bare())).toBe(24 * HOUR_MS);
    expect(workingMsBetween(from, to, bare({ thursdayIsWorkingDay: true }))).toBe(48 * HOUR_MS);
  });

  it('counts nothing inside a non-working day, and nothing for an empty or reversed range', () => {
    // Friday 1404/08/09.
    expect(workingMsBetween(tehran('2025-10-31T01:00'), tehran('2025-10-31T23:00'), bare())).toBe(
      0,
    );
    expect(workingMsBetween(tehran('2025-10-25T09:00'), tehran('2025-10-25T09:00'), bare())).toBe(
      0,
    );
    expect(workingMsBetween(tehran('2025-10-26T09:00'), tehran('2025-10-25T09:00'), bare())).toBe(
      0,
    );
  });

  it('skips holidays and closures', () => {
    // Saturday 1404/08/03 00:00 to Thursday 1404/08/08 00:00: five working days, less two.
    const calendar = bare({ holidays: ['1404/08/04'], closures: ['1404/08/06'] });
    expect(workingMsBetween(tehran('2025-10-25T00:00'), tehran('2025-10-30T00:00'), calendar)).toBe(
      3 * DAY_MS,
    );
  });

  it('uses the local day boundary, not UTC midnight', () => {
    // Wednesday 1404/08/07 ends at 20:30 UTC; the following Thursday is off.
    const from = Date.parse('2025-10-29T19:00:00Z');
    const to = Date.parse('2025-10-29T23:00:00Z');
    expect(workingMsBetween(from, to, bare())).toBe(1.5 * HOUR_MS);
    expect(workingMsBetween(from, to, bare({ utcOffsetMinutes: 0 }))).toBe(4 * HOUR_MS);
  });

  it('counts across Nowruz and the turn of the year 1404 → 1405', () => {
    // Monday 1404/12/25 09:00 to Sunday 1405/01/09 09:00, default holidays, Thursday off.
    expect(
      workingMsBetween(
        tehran('2026-03-16T09:00'),
        tehran('2026-03-29T09:00'),
        defaultWorkingCalendar(),
      ),
    ).toBe(5 * DAY_MS);
  });

  it('rejects non-finite instants', () => {
    expect(() => workingMsBetween(NaN, 0, bare())).toThrow(/fromMs/);
    expect(() => workingMsBetween(0, Infinity, bare())).toThrow(/toMs/);
  });
});

describe('addWorkingDays and addWorkingTime', () => {
  it('worked example: Saturday 10:00 + 5 working days, Thursday off → next Saturday 10:00', () => {
    // Sat 10:00 → Sun 10:00 (1), Mon (2), Tue (3), Wed (4), Thu and Fri skipped, Sat (5).
    expect(addWorkingDays(tehran('2025-10-25T10:00'), 5, bare())).toBe(tehran('2025-11-01T10:00'));
  });

  it('same start with Thursday working → Thursday 10:00', () => {
    expect(
      addWorkingDays(tehran('2025-10-25T10:00'), 5, bare({ thursdayIsWorkingDay: true })),
    ).toBe(tehran('2025-10-30T10:00'));
  });

  it('a 5-working-day review from 1404/12/25 runs over Nowruz into 1405', () => {
    // Mon 12/25 09:00 → Tue (1), Wed 12/27 (2); 12/28 Thu, 12/29 Fri and holiday, 1405/01/01–04
    // Nowruz; Wed 01/05 (3); Thu, Fri; Sat 01/08 (4); Sun 01/09 09:00 (5).
    expect(addWorkingDays(tehran('2026-03-16T09:00'), 5, defaultWorkingCalendar())).toBe(
      tehran('2026-03-29T09:00'),
    );
  });

  it('without the holidays the same review would end on 1405/01/03, inside Nowruz', () => {
    expect(addWorkingDays(tehran('2026-03-16T09:00'), 5, bare())).toBe(tehran('2026-03-23T09:00'));
  });

  it('skips Tasua and Ashura', () => {
    // Wed 1404/04/11 10:00; Thu, Fri, Tasua (Sat) and Ashura (Sun) skipped; Mon (1), Tue (2).
    expect(addWorkingDays(tehran('2025-07-02T10:00'), 2, defaultWorkingCalendar())).toBe(
      tehran('2025-07-08T10:00'),
    );
  });

  it('skips a one-off closure', () => {
    const calendar = bare({ closures: ['1404/08/05'] });
    expect(addWorkingDays(tehran('2025-10-25T10:00'), 5, calendar)).toBe(
      tehran('2025-11-02T10:00'),
    );
  });

  it('starts counting at the next working day’s midnight when started on a non-working day', () => {
    // Friday 1404/08/09 10:00: Saturday is the first working day; one day ends at its end.
    expect(addWorkingDays(tehran('2025-10-31T10:00'), 1, bare())).toBe(tehran('2025-11-02T00:00'));
    expect(addWorkingTime(tehran('2025-10-31T10:00'), 3 * HOUR_MS, bare())).toBe(
      tehran('2025-11-01T03:00'),
    );
  });

  it('answers the end of the last working day, not the start of the next one', () => {
    // From Wednesday 00:00, one working day ends at Thursday 00:00 even though Thursday is off.
    expect(addWorkingDays(tehran('2025-10-29T00:00'), 1, bare())).toBe(tehran('2025-10-30T00:00'));
  });

  it('a zero budget ends where it starts, even on a Friday', () => {
    expect(addWorkingTime(tehran('2025-10-31T10:00'), 0, bare())).toBe(tehran('2025-10-31T10:00'));
  });

  it('allows fractional days', () => {
    expect(addWorkingDays(tehran('2025-10-25T10:00'), 0.5, bare())).toBe(
      tehran('2025-10-25T22:00'),
    );
  });

  it('is the inverse of workingMsBetween, and the earliest such instant', () => {
    const calendar = defaultWorkingCalendar();
    const starts = [
      tehran('2026-03-16T09:00'),
      tehran('2025-07-03T23:59'),
      tehran('2025-10-31T10:00'),
      tehran('2026-02-10T13:45'),
    ];
    for (const from of starts) {
      for (const budget of [1, HOUR_MS, 0.5 * DAY_MS, DAY_MS, 7 * DAY_MS, 30 * DAY_MS]) {
        const deadline = addWorkingTime(from, budget, calendar);
        expect(workingMsBetween(from, deadline, calendar)).toBe(budget);
        expect(workingMsBetween(from, deadline - 1, calendar)).toBe(budget - 1);
      }
    }
  });

  it('rejects negative or non-finite budgets', () => {
    expect(() => addWorkingTime(0, -1, bare())).toThrow(/workingMs/);
    expect(() => addWorkingDays(0, -1, bare())).toThrow(/days/);
    expect(() => addWorkingDays(0, NaN, bare())).toThrow(/days/);
    expect(() => addWorkingTime(NaN, 1, bare())).toThrow(/fromMs/);
  });
});

describe('guard against calendars without working days', () => {
  it('throws instead of looping when no day is worked for 400 days', () => {
    const calendar = bare({ closures: consecutiveDates('1404/01/01', 730) });
    expect(() => addWorkingDays(tehran('2025-03-21T10:00'), 1, calendar)).toThrow(
      new ServiceLevelClockError(
        'The working calendar has no working day in 400 consecutive days from 1404/01/01; ' +
          'check its holidays, closures and weekend setting',
      ),
    );
  });

  it('throws at exactly 400 idle days, even when a working day follows', () => {
    // Sunday 1404/01/03 plus 400 closed days; Monday 1405/02/07 would be worked.
    const calendar = bare({ closures: consecutiveDates('1404/01/03', 400) });
    expect(() => addWorkingDays(tehran('2025-03-23T10:00'), 1, calendar)).toThrow(
      /no working day in 400 consecutive days from 1404\/01\/03;/,
    );
  });

  it('still finds a working day just inside the limit', () => {
    // From Sunday 1404/01/03, 399 closed days end on a Saturday; the Sunday after is worked.
    const idle = consecutiveDates('1404/01/03', MAX_CONSECUTIVE_NON_WORKING_DAYS);
    const firstWorking = idle.pop() as string;
    expect(weekdayOf(firstWorking)).toBe('sunday');
    const calendar = bare({ closures: idle });
    expect(addWorkingDays(tehran('2025-03-23T10:00'), 1, calendar)).toBe(
      startOfLocalDayMs(firstWorking, calendar) + DAY_MS,
    );
  });

  it('counts only consecutive idle days: weekends adding up past 400 are fine', () => {
    // About four and a half years of working days, with some 450 Thursdays and Fridays.
    const from = tehran('2025-03-22T10:00');
    const deadline = addWorkingDays(from, 1150, bare());
    expect(workingMsBetween(from, deadline, bare())).toBe(1150 * DAY_MS);
  });

  it('names the first day of the idle run, after the last working day', () => {
    // Saturday 1404/01/02 is worked (14 hours from 10:00); everything from Sunday is closed.
    const calendar = bare({ closures: consecutiveDates('1404/01/03', 729) });
    expect(() => addWorkingDays(tehran('2025-03-22T10:00'), 1, calendar)).toThrow(
      /from 1404\/01\/03;/,
    );
    expect(addWorkingTime(tehran('2025-03-22T10:00'), 14 * HOUR_MS, calendar)).toBe(
      tehran('2025-03-23T00:00'),
    );
  });
});
