import { formatJalali, jalaliDayEnd, jalaliDayStart, parseJalaliDay } from './dates';

describe('Jalali dates', () => {
  it('shows an instant on the Jalali calendar in Iran’s time, Persian digits in Persian', () => {
    // 2026-12-02 21:00 UTC is already 1405/09/12 in Tehran (UTC+03:30).
    expect(formatJalali('2026-12-02T21:00:00Z', 'fa')).toBe('۱۲ آذر ۱۴۰۵');
    expect(formatJalali('2026-12-02T10:00:00Z', 'en')).toMatch(/^11 Azar 1405/);
    expect(formatJalali('2026-12-02T10:00:00Z', 'fa', true)).toContain('۱۳:۳۰');
  });

  it.each([
    ['1405/09/11', { jy: 1405, jm: 9, jd: 11 }],
    ['۱۴۰۵/۰۹/۱۱', { jy: 1405, jm: 9, jd: 11 }],
    ['1405-9-1', { jy: 1405, jm: 9, jd: 1 }],
    ['1403/12/30', { jy: 1403, jm: 12, jd: 30 }], // 1403 is a leap year
  ])('reads %s', (typed, day) => {
    expect(parseJalaliDay(typed)).toEqual(day);
  });

  it.each(['1405/13/01', '1405/07/31', '1404/12/30', '1405/00/10', '05/09/11', 'فردا', ''])(
    'refuses %j (no such day, or not a date)',
    (typed) => {
      expect(parseJalaliDay(typed)).toBeUndefined();
    },
  );

  it('turns a Jalali day into the instants it starts and ends in Iran', () => {
    const day = parseJalaliDay('1405/09/11')!;
    expect(jalaliDayStart(day)).toBe('2026-12-01T20:30:00.000Z');
    expect(jalaliDayEnd(day)).toBe('2026-12-02T20:30:00.000Z');
  });
});
