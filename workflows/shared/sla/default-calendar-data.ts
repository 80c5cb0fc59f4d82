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

/** Several occasions can share a date (e.g. a lunar holiday during Nowruz). */
export const DEFAULT_OFFICIAL_HOLIDAYS: readonly OfficialHoliday[] = [
  // ---- 1404 (21 March 2025 – 20 March 2026; not a leap year)
  { date: '1404/01/01', occasion: 'Nowruz' }, // آغاز نوروز
  { date: '1404/01/02', occasion: 'Nowruz' }, // عید نوروز
  { date: '1404/01/02', occasion: 'Martyrdom of Imam Ali', hijriDate: '1446/09/21' }, // شهادت حضرت علی (ع)
  { date: '1404/01/03', occasion: 'Nowruz' }, // عید نوروز
  { date: '1404/01/04', occasion: 'Nowruz' }, // عید نوروز
  { date: '1404/01/11', occasion: 'Eid al-Fitr', hijriDate: '1446/10/01' }, // عید سعید فطر
  { date: '1404/01/12', occasion: 'Islamic Republic Day' }, // روز جمهوری اسلامی
  { date: '1404/01/12', occasion: 'Eid al-Fitr holiday', hijriDate: '1446/10/02' }, // تعطیل به مناسبت عید سعید فطر
  { date: '1404/01/13', occasion: 'Nature Day' }, // روز طبیعت
  { date: '1404/02/04', occasion: 'Martyrdom of Imam Sadiq', hijriDate: '1446/10/25' }, // شهادت امام جعفر صادق (ع)
  { date: '1404/03/14', occasion: 'Demise of Imam Khomeini' }, // رحلت امام خمینی
  { date: '1404/03/15', occasion: '15 Khordad uprising' }, // قیام ۱۵ خرداد
  { date: '1404/03/16', occasion: 'Eid al-Adha', hijriDate: '1446/12/10' }, // عید سعید قربان
  { date: '1404/03/24', occasion: 'Eid al-Ghadir', hijriDate: '1446/12/18' }, // عید سعید غدیر خم
  { date: '1404/04/14', occasion: 'Tasua', hijriDate: '1447/01/09' }, // تاسوعای حسینی
  { date: '1404/04/15', occasion: 'Ashura', hijriDate: '1447/01/10' }, // عاشورای حسینی
  { date: '1404/05/23', occasion: 'Arbaeen', hijriDate: '1447/02/20' }, // اربعین حسینی
  {
    date: '1404/05/31',
    occasion: 'Demise of the Prophet and martyrdom of Imam Hasan',
    hijriDate: '1447/02/28',
  }, // رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)
  { date: '1404/06/02', occasion: 'Martyrdom of Imam Reza', hijriDate: '1447/02/30' }, // شهادت امام رضا (ع)
  { date: '1404/06/10', occasion: 'Martyrdom of Imam Hasan Askari', hijriDate: '1447/03/08' }, // شهادت امام حسن عسکری (ع)
  {
    date: '1404/06/19',
    occasion: 'Birth of the Prophet and of Imam Sadiq',
    hijriDate: '1447/03/17',
  }, // ولادت رسول اکرم (ص) و امام جعفر صادق (ع)
  { date: '1404/09/03', occasion: 'Martyrdom of Fatimah', hijriDate: '1447/06/03' }, // شهادت حضرت فاطمه زهرا (س)
  { date: '1404/10/13', occasion: 'Birth of Imam Ali', hijriDate: '1447/07/13' }, // ولادت امام علی (ع)
  { date: '1404/10/27', occasion: "Mab'ath", hijriDate: '1447/07/27' }, // مبعث رسول اکرم (ص)
  { date: '1404/11/15', occasion: "Birth of Imam Mahdi (15 Sha'ban)", hijriDate: '1447/08/15' }, // ولادت حضرت قائم (عج)
  { date: '1404/11/22', occasion: 'Victory of the Islamic Revolution' }, // پیروزی انقلاب اسلامی
  { date: '1404/12/20', occasion: 'Martyrdom of Imam Ali', hijriDate: '1447/09/21' }, // شهادت حضرت علی (ع)
  { date: '1404/12/29', occasion: 'Nationalisation of the oil industry' }, // ملی شدن صنعت نفت

  // ---- 1405 (21 March 2026 – 20 March 2027; not a leap year)
  { date: '1405/01/01', occasion: 'Nowruz' }, // آغاز نوروز
  // Eid al-Fitr 1447 falls on 1404/12/29 or 1405/01/01 depending on the moon; either way both
  // of its days are already holidays, so the uncertainty changes no working day.
  { date: '1405/01/01', occasion: 'Eid al-Fitr', hijriDate: '1447/10/01' }, // عید سعید فطر
  { date: '1405/01/02', occasion: 'Nowruz' }, // عید نوروز
  { date: '1405/01/02', occasion: 'Eid al-Fitr holiday', hijriDate: '1447/10/02' }, // تعطیل به مناسبت عید سعید فطر
  { date: '1405/01/03', occasion: 'Nowruz' }, // عید نوروز
  { date: '1405/01/04', occasion: 'Nowruz' }, // عید نوروز
  { date: '1405/01/12', occasion: 'Islamic Republic Day' }, // روز جمهوری اسلامی
  { date: '1405/01/13', occasion: 'Nature Day' }, // روز طبیعت
  { date: '1405/01/25', occasion: 'Martyrdom of Imam Sadiq', hijriDate: '1447/10/25' }, // شهادت امام جعفر صادق (ع)
  { date: '1405/03/06', occasion: 'Eid al-Adha', hijriDate: '1447/12/10' }, // عید سعید قربان
  { date: '1405/03/14', occasion: 'Demise of Imam Khomeini' }, // رحلت امام خمینی
  { date: '1405/03/14', occasion: 'Eid al-Ghadir', hijriDate: '1447/12/18' }, // عید سعید غدیر خم
  { date: '1405/03/15', occasion: '15 Khordad uprising' }, // قیام ۱۵ خرداد
  { date: '1405/04/03', occasion: 'Tasua', hijriDate: '1448/01/09' }, // تاسوعای حسینی
  { date: '1405/04/04', occasion: 'Ashura', hijriDate: '1448/01/10' }, // عاشورای حسینی
  { date: '1405/05/13', occasion: 'Arbaeen', hijriDate: '1448/02/20' }, // اربعین حسینی
  {
    date: '1405/05/21',
    occasion: 'Demise of the Prophet and martyrdom of Imam Hasan',
    hijriDate: '1448/02/28',
  }, // رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)
  // Safar 1448 is reckoned at 29 days, so the last day of Safar is the 29th.
  { date: '1405/05/22', occasion: 'Martyrdom of Imam Reza', hijriDate: '1448/02/29' }, // شهادت امام رضا (ع)
  { date: '1405/05/30', occasion: 'Martyrdom of Imam Hasan Askari', hijriDate: '1448/03/08' }, // شهادت امام حسن عسکری (ع)
  {
    date: '1405/06/08',
    occasion: 'Birth of the Prophet and of Imam Sadiq',
    hijriDate: '1448/03/17',
  }, // ولادت رسول اکرم (ص) و امام جعفر صادق (ع)
  { date: '1405/08/22', occasion: 'Martyrdom of Fatimah', hijriDate: '1448/06/03' }, // شهادت حضرت فاطمه زهرا (س)
  { date: '1405/10/02', occasion: 'Birth of Imam Ali', hijriDate: '1448/07/13' }, // ولادت امام علی (ع)
  { date: '1405/10/16', occasion: "Mab'ath", hijriDate: '1448/07/27' }, // مبعث رسول اکرم (ص)
  { date: '1405/11/04', occasion: "Birth of Imam Mahdi (15 Sha'ban)", hijriDate: '1448/08/15' }, // ولادت حضرت قائم (عج)
  { date: '1405/11/22', occasion: 'Victory of the Islamic Revolution' }, // پیروزی انقلاب اسلامی
  { date: '1405/12/09', occasion: 'Martyrdom of Imam Ali', hijriDate: '1448/09/21' }, // شهادت حضرت علی (ع)
  { date: '1405/12/19', occasion: 'Eid al-Fitr', hijriDate: '1448/10/01' }, // عید سعید فطر
  { date: '1405/12/20', occasion: 'Eid al-Fitr holiday', hijriDate: '1448/10/02' }, // تعطیل به مناسبت عید سعید فطر
  { date: '1405/12/29', occasion: 'Nationalisation of the oil industry' }, // ملی شدن صنعت نفت
];

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
