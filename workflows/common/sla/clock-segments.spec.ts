import { DAY_MS, ServiceLevelClockError, WorkingCalendar } from './calendar';
import { ClockSegment, ClockSegments } from './clock-segments';
import { defaultWorkingCalendar } from './default-calendar-data';

const HOUR_MS = 60 * 60 * 1000;
const tehran = (localDateTime: string) => Date.parse(`${localDateTime}+03:30`);

const calendar: WorkingCalendar = {
  utcOffsetMinutes: 210,
  thursdayIsWorkingDay: false,
  holidays: [],
  closures: [],
};

// A review: registered Saturday 1404/08/03 10:00; corrections asked Monday 1404/08/05 10:00
// (two working days used); the agency answers Wednesday 1404/08/14 15:00.
const registered = tehran('2025-10-25T10:00');
const correctionsAsked = tehran('2025-10-27T10:00');
const agencyAnswered = tehran('2025-11-05T15:00');

const running = new ClockSegments([{ from: registered }], calendar);
const paused = new ClockSegments([{ from: registered, to: correctionsAsked }], calendar);
const resumed = new ClockSegments(
  [{ from: registered, to: correctionsAsked }, { from: agencyAnswered }],
  calendar,
);

describe('ClockSegments', () => {
  describe('while the clock has run without a pause', () => {
    it('is running', () => {
      expect(running.isRunning).toBe(true);
    });

    it('counts working time up to now only', () => {
      expect(running.usedWorkingMs(correctionsAsked)).toBe(2 * DAY_MS);
      expect(running.usedWorkingMs(tehran('2025-10-25T12:30'))).toBe(2.5 * HOUR_MS);
      expect(running.usedWorkingMs(tehran('2025-10-25T09:00'))).toBe(0);
    });

    it('has the plain working-day deadline', () => {
      expect(running.deadlineMs(5 * DAY_MS)).toBe(tehran('2025-11-01T10:00'));
    });
  });

  describe('while paused for the agency', () => {
    it('is not running and has no deadline', () => {
      expect(paused.isRunning).toBe(false);
      expect(paused.deadlineMs(5 * DAY_MS)).toBeUndefined();
    });

    it('stops counting during the pause', () => {
      expect(paused.usedWorkingMs(tehran('2025-11-04T12:00'))).toBe(2 * DAY_MS);
      expect(paused.usedWorkingMs(tehran('2025-10-26T10:00'))).toBe(DAY_MS);
    });

    it('answers the pause instant when the budget was spent exactly then', () => {
      expect(paused.deadlineMs(2 * DAY_MS)).toBe(correctionsAsked);
    });
  });

  describe('after the agency answers', () => {
    it('is running again', () => {
      expect(resumed.isRunning).toBe(true);
    });

    it('adds the time before the pause to the time since resuming', () => {
      // 2 days before the pause, then Wednesday 15:00–24:00 and Saturday 00:00–15:00.
      expect(resumed.usedWorkingMs(tehran('2025-11-08T15:00'))).toBe(3 * DAY_MS);
      expect(resumed.usedWorkingMs(agencyAnswered)).toBe(2 * DAY_MS);
    });

    it('gives the deadline as the resume instant plus the budget still remaining', () => {
      // 3 days remain: Wed 15:00 → Sat 15:00 (1), Sun (2), Mon 1404/08/19 15:00 (3).
      expect(resumed.deadlineMs(5 * DAY_MS)).toBe(tehran('2025-11-10T15:00'));
    });

    it('gives a reminder time as the deadline of a smaller budget', () => {
      // One working day before the deadline.
      expect(resumed.deadlineMs(4 * DAY_MS)).toBe(tehran('2025-11-09T15:00'));
    });

    it('answers the past instant a budget ran out, even inside an earlier segment', () => {
      expect(resumed.deadlineMs(DAY_MS)).toBe(tehran('2025-10-26T10:00'));
      expect(resumed.deadlineMs(0)).toBe(registered);
    });
  });

  it('does not count a pause that spans Nowruz, and counts holidays after resuming as off', () => {
    const clock = new ClockSegments(
      [
        // Saturday 1404/12/23 09:00 to Monday 1404/12/25 09:00: two working days.
        { from: tehran('2026-03-14T09:00'), to: tehran('2026-03-16T09:00') },
        // Resumed Tuesday 1405/01/04, still Nowruz: counting starts Wednesday 1405/01/05.
        { from: tehran('2026-03-24T11:00') },
      ],
      defaultWorkingCalendar(),
    );
    // 3 days remain: Wed 01/05 (1), Sat 01/08 (2), Sun 01/09 (3) → Monday 1405/01/10 00:00.
    expect(clock.deadlineMs(5 * DAY_MS)).toBe(tehran('2026-03-30T00:00'));
  });

  it('keeps its own copy of the segments', () => {
    const segments: ClockSegment[] = [{ from: registered }];
    const clock = new ClockSegments(segments, calendar);
    segments[0] = { from: registered, to: correctionsAsked };
    expect(clock.isRunning).toBe(true);
  });

  it('counts nothing with no segments', () => {
    const clock = new ClockSegments([], calendar);
    expect(clock.isRunning).toBe(false);
    expect(clock.usedWorkingMs(agencyAnswered)).toBe(0);
    expect(clock.deadlineMs(DAY_MS)).toBeUndefined();
  });

  it.each<[string, ClockSegment[], RegExp]>([
    [
      'an open segment before the last',
      [{ from: 0 }, { from: DAY_MS }],
      /open but is not the last/,
    ],
    ['a segment ending before it starts', [{ from: DAY_MS, to: 0 }], /ends before it starts/],
    [
      'overlapping segments',
      [
        { from: 0, to: 2 * DAY_MS },
        { from: DAY_MS, to: 3 * DAY_MS },
      ],
      /starts before the previous segment ends/,
    ],
    ['a non-finite instant', [{ from: NaN }], /non-finite/],
  ])('refuses %s', (_, segments, message) => {
    expect(() => new ClockSegments(segments, calendar)).toThrow(message);
  });

  it('refuses an invalid calendar up front', () => {
    expect(
      () => new ClockSegments([{ from: registered }], { ...calendar, holidays: ['1404/12/30'] }),
    ).toThrow(ServiceLevelClockError);
  });

  it('refuses a negative budget', () => {
    expect(() => running.deadlineMs(-1)).toThrow(/budgetMs/);
  });
});
