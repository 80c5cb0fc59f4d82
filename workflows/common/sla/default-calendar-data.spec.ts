import { j2d } from 'jalaali-js';
import { parseJalaliDate, tryParseJalaliDate, validateWorkingCalendar } from './calendar';
import {
  DEFAULT_HOLIDAY_DATES,
  DEFAULT_OFFICIAL_HOLIDAYS,
  defaultWorkingCalendar,
  IRAN_UTC_OFFSET_MINUTES,
} from './default-calendar-data';

const jdn = (jalali: string) => {
  const { jy, jm, jd } = parseJalaliDate(jalali);
  return j2d(jy, jm, jd);
};

/** Hijri dates are not Jalali, so parse them by hand: 'YYYY/MM/DD'. */
const hijriParts = (hijri: string) => {
  const [year, month, day] = hijri.split('/').map(Number);
  return { year, month, day };
};

const MEAN_LUNAR_MONTH_DAYS = 29.530589;
const lunar = DEFAULT_OFFICIAL_HOLIDAYS.filter((holiday) => holiday.hijriDate !== undefined);
const hijriOf = (occasion: string, jalaliYear: number) => {
  const found = lunar.filter(
    (holiday) => holiday.occasion === occasion && holiday.date.startsWith(`${jalaliYear}/`),
  );
  return found.map((holiday) => ({ ...holiday, jdn: jdn(holiday.date) }));
};

describe('default official holidays', () => {
  it('are valid Jalali dates of 1404 and 1405, listed in calendar order', () => {
    for (const { date } of DEFAULT_OFFICIAL_HOLIDAYS) {
      expect(tryParseJalaliDate(date)).toBeDefined();
      expect(date.slice(0, 5)).toMatch(/^140[45]\/$/);
    }
    const dates = DEFAULT_OFFICIAL_HOLIDAYS.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('list each date once in DEFAULT_HOLIDAY_DATES', () => {
    expect(new Set(DEFAULT_HOLIDAY_DATES).size).toBe(DEFAULT_HOLIDAY_DATES.length);
    expect(new Set(DEFAULT_HOLIDAY_DATES)).toEqual(
      new Set(DEFAULT_OFFICIAL_HOLIDAYS.map((holiday) => holiday.date)),
    );
  });

  it('number 26 days in each year, as the official calendars count them', () => {
    expect(DEFAULT_HOLIDAY_DATES.filter((date) => date.startsWith('1404/'))).toHaveLength(26);
    expect(DEFAULT_HOLIDAY_DATES.filter((date) => date.startsWith('1405/'))).toHaveLength(26);
  });

  it.each([1404, 1405])('include every fixed solar holiday in %i', (year) => {
    for (const monthDay of [
      '01/01',
      '01/02',
      '01/03',
      '01/04',
      '01/12',
      '01/13',
      '03/14',
      '03/15',
      '11/22',
      '12/29',
    ]) {
      expect(DEFAULT_HOLIDAY_DATES).toContain(`${year}/${monthDay}`);
    }
  });

  it('give a Hijri date for every lunar holiday and none for the solar ones', () => {
    const solarOccasions = new Set([
      'Nowruz',
      'Islamic Republic Day',
      'Nature Day',
      'Demise of Imam Khomeini',
      '15 Khordad uprising',
      'Victory of the Islamic Revolution',
      'Nationalisation of the oil industry',
    ]);
    for (const holiday of DEFAULT_OFFICIAL_HOLIDAYS) {
      expect({ holiday, solar: solarOccasions.has(holiday.occasion) }).toEqual({
        holiday,
        solar: holiday.hijriDate === undefined,
      });
    }
  });

  it('put the lunar holidays on the days the official calendars print', () => {
    const printed = (occasion: string) =>
      DEFAULT_OFFICIAL_HOLIDAYS.filter((holiday) => holiday.occasion === occasion).map(
        (holiday) => holiday.date,
      );
    expect(printed('Eid al-Fitr')).toEqual(['1404/01/11', '1405/01/01', '1405/12/19']);
    expect(printed('Ashura')).toEqual(['1404/04/15', '1405/04/04']);
    expect(printed('Eid al-Adha')).toEqual(['1404/03/16', '1405/03/06']);
    expect(printed('Arbaeen')).toEqual(['1404/05/23', '1405/05/13']);
    expect(printed('Martyrdom of Imam Reza')).toEqual(['1404/06/02', '1405/05/22']);
    expect(printed('Martyrdom of Imam Ali')).toEqual(['1404/01/02', '1404/12/20', '1405/12/09']);
  });

  // The lunar dates cannot be computed exactly (they follow moon sighting), but typos can be
  // caught: the Hijri dates must be consistent with the Jalali ones.
  describe('lunar holidays', () => {
    it('keep exact day distances inside one Hijri month', () => {
      for (const [a, b] of pairsInSameHijriMonth()) {
        expect({ pair: [a.date, b.date], days: jdn(b.date) - jdn(a.date) }).toEqual({
          pair: [a.date, b.date],
          days: hijriParts(b.hijriDate!).day - hijriParts(a.hijriDate!).day,
        });
      }
      expect(pairsInSameHijriMonth().length).toBeGreaterThanOrEqual(10);
    });

    it('lie within a day or two of the mean lunar month from the first one', () => {
      const [first, ...rest] = lunar;
      const monthsSince = (hijri: string) => {
        const { year, month, day } = hijriParts(hijri);
        return (year * 12 + month) * MEAN_LUNAR_MONTH_DAYS + day;
      };
      for (const holiday of rest) {
        const expected = monthsSince(holiday.hijriDate!) - monthsSince(first.hijriDate!);
        const actual = jdn(holiday.date) - jdn(first.date);
        expect({ date: holiday.date, off: Math.abs(actual - expected) < 2 }).toEqual({
          date: holiday.date,
          off: true,
        });
      }
    });

    it('move about eleven days earlier from 1404 to 1405', () => {
      for (const occasion of ['Tasua', 'Ashura', 'Arbaeen', 'Martyrdom of Fatimah', "Mab'ath"]) {
        const [in1404] = hijriOf(occasion, 1404);
        const [in1405] = hijriOf(occasion, 1405);
        const shift = in1404.jdn + 365 - in1405.jdn;
        expect({ occasion, plausible: shift >= 10 && shift <= 12 }).toEqual({
          occasion,
          plausible: true,
        });
      }
    });

    it('put the martyrdom of Imam Reza on the last day of Safar', () => {
      for (const year of [1404, 1405]) {
        const [reza] = hijriOf('Martyrdom of Imam Reza', year);
        const [askari] = hijriOf('Martyrdom of Imam Hasan Askari', year);
        // Imam Hasan Askari died on 8 Rabi al-Awwal, seven days after the 1st.
        expect(askari.jdn - 7).toBe(reza.jdn + 1);
      }
    });
  });
});

describe('defaultWorkingCalendar', () => {
  it('uses Iran’s fixed offset, the default holidays, no closures, and Thursday off', () => {
    const calendar = defaultWorkingCalendar();
    expect(IRAN_UTC_OFFSET_MINUTES).toBe(210);
    expect(calendar).toEqual({
      utcOffsetMinutes: 210,
      thursdayIsWorkingDay: false,
      holidays: DEFAULT_HOLIDAY_DATES,
      closures: [],
    });
    expect(() => validateWorkingCalendar(calendar)).not.toThrow();
  });

  it('takes the province’s Thursday setting', () => {
    expect(defaultWorkingCalendar({ thursdayIsWorkingDay: true }).thursdayIsWorkingDay).toBe(true);
  });

  it('hands out a fresh holiday list each time', () => {
    const first = defaultWorkingCalendar();
    (first.holidays as string[]).push('1404/08/03');
    expect(defaultWorkingCalendar().holidays).not.toContain('1404/08/03');
  });
});

function pairsInSameHijriMonth() {
  const pairs: [(typeof lunar)[number], (typeof lunar)[number]][] = [];
  lunar.forEach((a, i) => {
    for (const b of lunar.slice(i + 1)) {
      if (a.hijriDate!.slice(0, 7) === b.hijriDate!.slice(0, 7)) pairs.push([a, b]);
    }
  });
  return pairs;
}
