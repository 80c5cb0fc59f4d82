import { toJalaali } from 'jalaali-js';

const TEHRAN_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tehran',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Iran has kept +03:30 all year since daylight saving time was abolished (from 1401/07/01). */
const FIXED_OFFSET_SINCE_MS = Date.UTC(2022, 8, 21, 20, 30);
const TEHRAN_OFFSET_MS = 210 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the Solar Hijri date and time in Iran, e.g. `1405/09/05 07:22`. */
export function formatJalali(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  let year: number, month: number, day: number, hour: string, minute: string;
  if (date.getTime() >= FIXED_OFFSET_SINCE_MS) {
    // The common case, without Intl (a hot path: lists and the public tracking page).
    const local = new Date(date.getTime() + TEHRAN_OFFSET_MS);
    [year, month, day] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
    [hour, minute] = [pad(local.getUTCHours()), pad(local.getUTCMinutes())];
  } else {
    const parts = Object.fromEntries(
      TEHRAN_PARTS.formatToParts(date).map((p) => [p.type, p.value]),
    );
    [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
    [hour, minute] = [parts.hour, parts.minute];
  }
  const { jy, jm, jd } = toJalaali(year, month, day);
  return `${jy}/${pad(jm)}/${pad(jd)} ${hour}:${minute}`;
}
