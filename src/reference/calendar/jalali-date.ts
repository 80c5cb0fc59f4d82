import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { toGregorian } from 'jalaali-js';
import { normalizeDigits } from '../../common/validation/persian-text';
import { formatJalaliDate, tryParseJalaliDate } from '../../../workflows/common/sla/calendar';

/** Years a reference date may name; anything else is a typing error (e.g. 0405, 14055). */
export const REFERENCE_JALALI_YEARS = { min: 1300, max: 1499 } as const;

/** Year, month and day separated by '/' or '-' (month and day may be one digit). */
const JALALI_INPUT = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/;

/**
 * A Jalali date as typed — `1405/02/10`, `۱۴۰۵/۲/۱۰`, `1405-02-10` — in its stored form
 * `YYYY/MM/DD` (ASCII digits), or null when it is not an existing day of 1300–1499
 * (1404/12/30 is not: 1404 is not a leap year; 1403/12/30 is).
 */
export function normalizeJalaliDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 32) return null;
  const match = JALALI_INPUT.exec(normalizeDigits(value).trim());
  if (!match) return null;
  const [jy, jm, jd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (jy < REFERENCE_JALALI_YEARS.min || jy > REFERENCE_JALALI_YEARS.max) return null;
  const canonical = formatJalaliDate({ jy, jm, jd });
  return tryParseJalaliDate(canonical) ? canonical : null;
}

/** The Gregorian (ISO `YYYY-MM-DD`) day of a stored Jalali date, kept alongside it. */
export function gregorianOf(jalali: string): string {
  const date = tryParseJalaliDate(jalali);
  if (!date) throw new Error(`not a Jalali date: ${jalali}`);
  const { gy, gm, gd } = toGregorian(date.jy, date.jm, date.jd);
  return `${gy}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

/**
 * A request field holding a Jalali date: rewritten to `YYYY/MM/DD` when it is one, and refused
 * (rule `isJalaliDate`, in Persian and English) when it is not an existing day.
 */
export function IsJalaliDate(options?: ValidationOptions): PropertyDecorator {
  const normalize = Transform(
    ({ value }: { value: unknown }) => normalizeJalaliDate(value) ?? value,
    { toClassOnly: true },
  );
  return (target, propertyKey) => {
    const field = String(propertyKey);
    const message = {
      fa: `فیلد «${field}» باید تاریخی واقعی به تقویم شمسی باشد، به شکل ۱۴۰۵/۰۲/۱۰ (سال ۱۳۰۰ تا ۱۴۹۹).`,
      en: `${field} must be an existing Solar Hijri (Jalali) date written YYYY/MM/DD, e.g. 1405/02/10 (years 1300–1499)`,
    };
    normalize(target, propertyKey);
    ValidateBy(
      {
        name: 'isJalaliDate',
        validator: {
          // `null` is not a date (normalizeJalaliDate answers null for it, which once matched).
          validate: (value: unknown) =>
            typeof value === 'string' && normalizeJalaliDate(value) === value,
        },
      },
      { ...options, message: message.en, context: message },
    )(target, propertyKey);
  };
}
