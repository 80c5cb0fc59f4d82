import { isValidJalaaliDate, toGregorian } from 'jalaali-js';
import { toLatinDigits } from './digits';

/**
 * Dates as people here read them: the Jalali (Solar Hijri) calendar in Iran's time zone, with
 * Persian digits in Persian; the Gregorian date is offered as a secondary reading (on hover).
 * The browser's own Intl data does the calendar arithmetic (no calendar library in the bundle).
 */
const TIME_ZONE = 'Asia/Tehran';

const jalaliFormats = new Map<string, Intl.DateTimeFormat>();

function jalaliFormat(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withTime}`;
  let format = jalaliFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB-u-ca-persian',
      {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      },
    );
    jalaliFormats.set(key, format);
  }
  return format;
}

/** `2026-12-02T10:00:00Z` → `۱۱ آذر ۱۴۰۵، ۱۳:۳۰` (fa) or `11 Azar 1405 AP, 13:30` (en). */
export function formatJalali(iso: string, language: string, withTime = false): string {
  return jalaliFormat(language, withTime).format(new Date(iso));
}

/** The same instant on the Gregorian calendar, for the secondary reading. */
export function formatGregorian(iso: string, language: string, withTime = false): string {
  return new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR-u-ca-gregory' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(new Date(iso));
}

export interface JalaliDay {
  jy: number;
  jm: number;
  jd: number;
}

/**
 * A Jalali date as typed: `1405/09/11`, `۱۴۰۵-۹-۱۱`, Persian or Latin digits, `/`, `-` or `.`.
 * `undefined` unless it names a real day (month lengths and leap years checked).
 */
export function parseJalaliDay(typed: string): JalaliDay | undefined {
  const match = /^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$/.exec(
    toLatinDigits(typed),
  );
  if (!match) return undefined;
  const [jy, jm, jd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidJalaaliDate(jy, jm, jd) ? { jy, jm, jd } : undefined;
}

/** The instant a Jalali day begins in Iran (Asia/Tehran has been UTC+03:30 since 2022). */
export function jalaliDayStart(day: JalaliDay): string {
  const { gy, gm, gd } = toGregorian(day.jy, day.jm, day.jd);
  return new Date(Date.UTC(gy, gm - 1, gd, 0, 0) - 3.5 * 3_600_000).toISOString();
}

/** The instant the day after `day` begins: the exclusive end of a range ending on `day`. */
export function jalaliDayEnd(day: JalaliDay): string {
  return new Date(new Date(jalaliDayStart(day)).getTime() + 86_400_000).toISOString();
}
