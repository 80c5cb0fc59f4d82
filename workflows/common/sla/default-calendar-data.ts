/**
 * Default official holidays of Iran for the Jalali years 1404 and 1405.
 *
 * ADMINISTRATORS MUST VERIFY THIS LIST against the official government calendar (published by
 * the Calendar Centre of the University of Tehran's Institute of Geophysics) before relying on
 * it, and keep it up to date: holidays are data the application lets them edit.
 *
 * - The solar holidays fall on fixed Jalali dates every year.
 * - The lunar (Hijri qamari) holidays move about eleven days earlier each year. Their dates
 *   below follow Iran's official calendar as reproduced by the open-source persian-calendar
 *   project's Iranian Hijri month table; independent published lists of 1404 holidays agree
 *   with them (26 days in 1404). The actual day is fixed by sighting of the new moon and can
 *   move by a day after the calendar is printed, most often for Eid al-Fitr. The 1405 dates
 *   were published in advance and are the ones most likely to need correcting.
 * - One-off closures (weather, energy, security) are never in this list; they are entered as
 *   closures when announced.
 */
import { d2j, j2d } from 'jalaali-js';
import type { WorkingCalendar } from './calendar';

export const IRAN_UTC_OFFSET_MINUTES = 210;

export interface OfficialHoliday {
  /** Jalali 'YYYY/MM/DD'. */
  readonly date: string;
  readonly occasion: string;
  /**
   * For a lunar holiday, the Hijri qamari date 'YYYY/MM/DD' it commemorates, as reckoned in
   * Iran; kept so that an administrator can check the conversion, and a test its consistency.
   */
  readonly hijriDate?: string;
}

/** A holiday on the same Jalali day every year. */
const SOLAR_HOLIDAYS: readonly { readonly monthDay: string; readonly occasion: string }[] = [
  { monthDay: '01/01', occasion: 'Nowruz' }, // آغاز نوروز
  { monthDay: '01/02', occasion: 'Nowruz' }, // عید نوروز
  { monthDay: '01/03', occasion: 'Nowruz' }, // عید نوروز
  { monthDay: '01/04', occasion: 'Nowruz' }, // عید نوروز
  { monthDay: '01/12', occasion: 'Islamic Republic Day' }, // روز جمهوری اسلامی
  { monthDay: '01/13', occasion: 'Nature Day' }, // روز طبیعت
  { monthDay: '03/14', occasion: 'Demise of Imam Khomeini' }, // رحلت امام خمینی
  { monthDay: '03/15', occasion: '15 Khordad uprising' }, // قیام ۱۵ خرداد
  { monthDay: '11/22', occasion: 'Victory of the Islamic Revolution' }, // پیروزی انقلاب اسلامی
  { monthDay: '12/29', occasion: 'Nationalisation of the oil industry' }, // ملی شدن صنعت نفت
];

/** A holiday on the same Hijri qamari day every year; `day: 'last'` is the month's last day. */
const LUNAR_HOLIDAYS: readonly {
  readonly month: number;
  readonly day: number | 'last';
  readonly occasion: string;
}[] = [
  { month: 1, day: 9, occasion: 'Tasua' }, // تاسوعای حسینی
  { month: 1, day: 10, occasion: 'Ashura' }, // عاشورای حسینی
  { month: 2, day: 20, occasion: 'Arbaeen' }, // اربعین حسینی
  { month: 2, day: 28, occasion: 'Demise of the Prophet and martyrdom of Imam Hasan' }, // رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)
  { month: 2, day: 'last', occasion: 'Martyrdom of Imam Reza' }, // شهادت امام رضا (ع)
  { month: 3, day: 8, occasion: 'Martyrdom of Imam Hasan Askari' }, // شهادت امام حسن عسکری (ع)
  { month: 3, day: 17, occasion: 'Birth of the Prophet and of Imam Sadiq' }, // ولادت رسول اکرم (ص) و امام جعفر صادق (ع)
  { month: 6, day: 3, occasion: 'Martyrdom of Fatimah' }, // شهادت حضرت فاطمه زهرا (س)
  { month: 7, day: 13, occasion: 'Birth of Imam Ali' }, // ولادت امام علی (ع)
  { month: 7, day: 27, occasion: "Mab'ath" }, // مبعث رسول اکرم (ص)
  { month: 8, day: 15, occasion: "Birth of Imam Mahdi (15 Sha'ban)" }, // ولادت حضرت قائم (عج)
  { month: 9, day: 21, occasion: 'Martyrdom of Imam Ali' }, // شهادت حضرت علی (ع)
  { month: 10, day: 1, occasion: 'Eid al-Fitr' }, // عید سعید فطر
  { month: 10, day: 2, occasion: 'Eid al-Fitr holiday' }, // تعطیل به مناسبت عید سعید فطر
  { month: 10, day: 25, occasion: 'Martyrdom of Imam Sadiq' }, // شهادت امام جعفر صادق (ع)
  { month: 12, day: 10, occasion: 'Eid al-Adha' }, // عید سعید قربان
  { month: 12, day: 18, occasion: 'Eid al-Ghadir' }, // عید سعید غدیر خم
];

/**
 * The Jalali date on which each Hijri qamari month begins in Iran's official calendar, for the
 * months whose holidays fall in 1404 and 1405. A new year's holidays need only its months here.
 * Eid al-Fitr 1447 falls on 1404/12/29 or 1405/01/01 depending on the moon; either way both of
 * its days are already holidays, so the uncertainty changes no working day. Safar 1448 is
 * reckoned at 29 days, so the last day of Safar is the 29th.
 */
const HIJRI_MONTH_STARTS: Readonly<Record<string, string>> = {
  '1446/09': '1403/12/12',
  '1446/10': '1404/01/11',
  '1446/12': '1404/03/07',
  '1447/01': '1404/04/06',
  '1447/02': '1404/05/04',
  '1447/03': '1404/06/03',
  '1447/06': '1404/09/01',
  '1447/07': '1404/10/01',
  '1447/08': '1404/11/01',
  '1447/09': '1404/11/30',
  '1447/10': '1405/01/01',
  '1447/12': '1405/02/28',
  '1448/01': '1405/03/26',
  '1448/02': '1405/04/25',
  '1448/03': '1405/05/23',
  '1448/06': '1405/08/20',
  '1448/07': '1405/09/20',
  '1448/08': '1405/10/20',
  '1448/09': '1405/11/19',
  '1448/10': '1405/12/19',
};

/** The years the defaults cover. */
export const DEFAULT_HOLIDAY_YEARS: readonly number[] = [1404, 1405];

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const jalaliText = (jdn: number) => {
  const { jy, jm, jd } = d2j(jdn);
  return `${jy}/${pad(jm)}/${pad(jd)}`;
};
const jdnOf = (jalali: string) => {
  const [jy, jm, jd] = jalali.split('/').map(Number);
  return j2d(jy, jm, jd);
};

function lunarHolidays(): OfficialHoliday[] {
  const found: OfficialHoliday[] = [];
  for (const [hijriMonth, start] of Object.entries(HIJRI_MONTH_STARTS)) {
    const [year, month] = hijriMonth.split('/').map(Number);
    const next = month === 12 ? `${year + 1}/01` : `${year}/${pad(month + 1)}`;
    for (const holiday of LUNAR_HOLIDAYS.filter((each) => each.month === month)) {
      let day: number;
      if (holiday.day === 'last') {
        if (HIJRI_MONTH_STARTS[next] === undefined) continue;
        day = jdnOf(HIJRI_MONTH_STARTS[next]) - jdnOf(start);
      } else day = holiday.day;
      found.push({
        date: jalaliText(jdnOf(start) + day - 1),
        occasion: holiday.occasion,
        hijriDate: `${hijriMonth}/${pad(day)}`,
      });
    }
  }
  return found;
}

/**
 * Several occasions can share a date (e.g. a lunar holiday during Nowruz); in calendar order,
 * a solar holiday before a lunar one on the same day.
 */
export const DEFAULT_OFFICIAL_HOLIDAYS: readonly OfficialHoliday[] = [
  ...DEFAULT_HOLIDAY_YEARS.flatMap((year) =>
    SOLAR_HOLIDAYS.map(({ monthDay, occasion }) => ({ date: `${year}/${monthDay}`, occasion })),
  ),
  ...lunarHolidays().filter((holiday) =>
    DEFAULT_HOLIDAY_YEARS.includes(Number(holiday.date.slice(0, 4))),
  ),
]
  .map((holiday, index) => ({ holiday, index }))
  .sort((a, b) =>
    a.holiday.date === b.holiday.date
      ? a.index - b.index
      : a.holiday.date < b.holiday.date
        ? -1
        : 1,
  )
  .map(({ holiday }) => holiday);

/** Each holiday date once, in calendar order. */
export const DEFAULT_HOLIDAY_DATES: readonly string[] = [
  ...new Set(DEFAULT_OFFICIAL_HOLIDAYS.map((holiday) => holiday.date)),
].sort();

/**
 * A starting calendar for a new installation. Whether Thursday is worked is the province's
 * decision, not a national fact, so each installation must set it; the default is a day off.
 */
export function defaultWorkingCalendar(
  settings: { thursdayIsWorkingDay: boolean } = { thursdayIsWorkingDay: false },
): WorkingCalendar {
  return {
    utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES,
    thursdayIsWorkingDay: settings.thursdayIsWorkingDay,
    holidays: [...DEFAULT_HOLIDAY_DATES],
    closures: [],
  };
}
