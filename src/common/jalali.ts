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

/** An instant as the Solar Hijri date and time in Iran, e.g. `1405/09/05 07:22`. */
export function formatJalali(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = Object.fromEntries(TEHRAN_PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  const { jy, jm, jd } = toJalaali(Number(parts.year), Number(parts.month), Number(parts.day));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${jy}/${pad(jm)}/${pad(jd)} ${parts.hour}:${parts.minute}`;
}
