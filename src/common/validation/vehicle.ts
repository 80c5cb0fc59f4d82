import type { FieldProblem } from '../errors/app-error';
import { normalizeDigits, normalizePersian } from './persian-text';

/**
 * Pure helpers for a vehicle's identifiers (docs/domain.md §5.2): the Iranian plate, the VIN and its
 * North-American check digit, and the model year in either calendar. No framework code here:
 * the request DTOs wire these into class-validator and class-transformer.
 */

// ---------------------------------------------------------------------------------------------
// Plate (پلاک)
// ---------------------------------------------------------------------------------------------

/**
 * The series letters of Iranian car plates, as the plate is written in text. Sources: the
 * plate-category table of persian-tools (github.com/persian-tools/persian-tools,
 * src/modules/numberplate/plateCategory) and Wikipedia's "Vehicle registration plates of Iran".
 *
 * - personal (شخصی): ب ج د س ص ط ق ل م ن و ه ی
 * - الف government (دولتی) — many government vehicles carry personal plates, so it is not required
 * - پ police, ت taxi, ث IRGC (سپاه), ز Ministry of Defence, ش army (ارتش), ع public transport,
 *   ف armed forces general staff, ک agriculture, گ temporary transit (گذر موقت),
 *   ژ disabled people and veterans (معلولان و جانبازان)
 * - D diplomatic, S embassy/service staff (Latin capitals on the plate)
 * - معلولین: the wheelchair symbol that stands in place of the letter on plates of disabled
 *   drivers, written out as the word (the symbol ♿ is read as this word too)
 *
 * Protocol plates (تشریفات) have another layout and are not accepted here.
 */
export const PLATE_LETTERS = [
  'الف',
  'ب',
  'پ',
  'ت',
  'ث',
  'ج',
  'د',
  'ز',
  'ژ',
  'س',
  'ش',
  'ص',
  'ط',
  'ع',
  'ف',
  'ق',
  'ک',
  'گ',
  'ل',
  'م',
  'ن',
  'و',
  'ه',
  'ی',
  'D',
  'S',
  'معلولین',
] as const;
export type PlateLetter = (typeof PLATE_LETTERS)[number];

/** The parts of a plate: `12ب345-15` is { first: '12', letter: 'ب', serial: '345', region: '15' }. */
export interface IranianPlate {
  first: string;
  letter: PlateLetter;
  serial: string;
  /** The two-digit region code in the square at the plate's end (10–99). */
  region: string;
}

/** Longest first, so that «الف» and «معلولین» are tried before any one-letter series. */
const LETTER_ALTERNATIVES = [...PLATE_LETTERS]
  .sort((a, b) => b.length - a.length)
  .map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
const PLATE_SHAPE = new RegExp(`^([0-9]{2})(${LETTER_ALTERNATIVES})([0-9]{3})([1-9][0-9])$`);

/**
 * Characters people type between the parts of a plate, or that editors slip in around
 * right-to-left text: white space, dashes of every kind, the Arabic tatweel (ـ), ZWNJ/ZWJ and
 * the bidirectional marks and isolates.
 */
const PLATE_NOISE =
  /[\s\-\u2010-\u2015\u2212_\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
/** The word «ایران» printed above the region code. */
const IRAN = /ایران/g;
/** «ا» alone between the first two digits and the serial, as some people write «الف». */
const ALEF_ALONE = /^([0-9]{2})ا(?=[0-9])/;
/** The wheelchair symbol (with or without a variation selector) stands for «معلولین». */
const WHEELCHAIR = /\u267F[\uFE0E\uFE0F]?/g;

/**
 * The parts of an Iranian car plate written in any usual way — `12ب345-15`, `12 ب 345 ایران 15`,
 * `۱۲ب۳۴۵-۱۵`, `12 الف 345 - 11`, Arabic ي/ك for ی/ک, lower-case d/s — or null when `value`
 * is not one. «ا» alone is read as «الف».
 */
export function parsePlate(value: unknown): IranianPlate | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const compact = normalizePersian(value)
    .replace(WHEELCHAIR, 'معلولین')
    .replace(IRAN, '')
    .replace(PLATE_NOISE, '')
    .replace(/[ds]/g, (c) => c.toUpperCase());
  const match = PLATE_SHAPE.exec(compact.replace(ALEF_ALONE, '$1الف'));
  if (!match) return null;
  return {
    first: match[1],
    letter: match[2] as PlateLetter,
    serial: match[3],
    region: match[4],
  };
}

/** The canonical form `12ب345-15` (ASCII digits, no spaces), or null when not a plate. */
export function normalizePlate(value: unknown): string | null {
  const plate = parsePlate(value);
  return plate && `${plate.first}${plate.letter}${plate.serial}-${plate.region}`;
}

/** True for an Iranian car plate in any form `parsePlate` reads. */
export function isIranianPlate(value: unknown): boolean {
  return parsePlate(value) !== null;
}

// ---------------------------------------------------------------------------------------------
// VIN (شماره شاسی)
// ---------------------------------------------------------------------------------------------

/** 17 letters and digits; I, O and Q never appear (they look like 1 and 0). */
export const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

/** Letter values of the North-American check-digit rule (49 CFR 565.15); digits count as themselves. */
const VIN_TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}; // prettier-ignore
/** Weight of each position; position 9 (weight 0) is the check digit itself. */
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** A VIN as it should be stored: ASCII digits, upper case, no surrounding space. */
export function normalizeVin(value: string): string {
  return normalizeDigits(value).trim().toUpperCase();
}

/**
 * The check digit (`0`–`9` or `X`) the North-American rule expects at position 9: Σ value ×
 * weight over the 17 characters, mod 11, 10 written as X. Null when `vin` is not VIN-shaped.
 */
export function vinCheckDigit(vin: string): string | null {
  const s = normalizeVin(vin);
  if (!VIN_SHAPE.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s[i];
    const value = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : VIN_TRANSLITERATION[c];
    sum += value * VIN_WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Whether `vin` is VIN-shaped and its 9th character is the check digit the rule expects. */
export function hasValidVinCheckDigit(vin: string): boolean {
  const expected = vinCheckDigit(vin);
  return expected !== null && normalizeVin(vin)[8] === expected;
}

/** A remark on a field that does not stop the request; same shape as a validation problem. */
export type FieldWarning = FieldProblem;

/**
 * One warning per well-formed VIN whose check digit does not match. Only North America makes
 * the check digit compulsory (vehicles built for Iran and elsewhere often carry another
 * character there), so a mismatch is a hint to re-read the number, never an error.
 */
export function vinCheckDigitWarnings(
  vehicles: readonly { vin?: unknown }[] | null | undefined,
): FieldWarning[] {
  const warnings: FieldWarning[] = [];
  (vehicles ?? []).forEach((vehicle, i) => {
    if (typeof vehicle?.vin !== 'string') return;
    const expected = vinCheckDigit(vehicle.vin);
    const found = normalizeVin(vehicle.vin)[8];
    if (expected === null || found === expected) return;
    const field = `vehicles[${i}].vin`;
    warnings.push({
      field,
      code: 'vinCheckDigit',
      message: {
        fa: `رقم کنترل شماره شاسی «${field}» (نویسهٔ نهم) با قاعدهٔ آمریکای شمالی نمی‌خواند (انتظار ${expected}، آمده ${found})؛ شماره را دوباره بررسی کنید. خودروهای ساخت بیرون از آمریکای شمالی ممکن است این رقم را نداشته باشند.`,
        en: `${field}: the check digit (9th character) does not match the North-American rule (expected ${expected}, found ${found}); please re-read the number. Vehicles built outside North America may not use it.`,
      },
    });
  });
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Model year (سال ساخت)
// ---------------------------------------------------------------------------------------------

/** Solar Hijri (هجری شمسی) model years accepted: 1300–1499. */
export const SOLAR_MODEL_YEARS = { min: 1300, max: 1499 } as const;
/** Gregorian model years accepted: 1920–2100. The two ranges do not overlap. */
export const GREGORIAN_MODEL_YEARS = { min: 1920, max: 2100 } as const;

export type ModelYearCalendar = 'SOLAR_HIJRI' | 'GREGORIAN';

/** Which calendar a model year is in, or null when it is in neither range (ambiguous). */
export function modelYearCalendar(year: unknown): ModelYearCalendar | null {
  if (typeof year !== 'number' || !Number.isInteger(year)) return null;
  if (year >= SOLAR_MODEL_YEARS.min && year <= SOLAR_MODEL_YEARS.max) return 'SOLAR_HIJRI';
  if (year >= GREGORIAN_MODEL_YEARS.min && year <= GREGORIAN_MODEL_YEARS.max) return 'GREGORIAN';
  return null;
}

/**
 * The model year as a Gregorian year, or null when the calendar cannot be told.
 *
 * A Solar Hijri year Y runs from Nowruz (about 21 March) of Gregorian year Y + 621 to about
 * 20 March of Y + 622, so Y + 621 is the Gregorian year that holds most of it (about 285 of its
 * 365 days). A vehicle built in Dey–Esfand of Y was in fact built in Y + 622: the value is
 * accurate to ±1 year, which is as precise as a model year needs to be.
 */
export function modelYearGregorian(year: unknown): number | null {
  const calendar = modelYearCalendar(year);
  if (calendar === null) return null;
  return calendar === 'SOLAR_HIJRI' ? (year as number) + 621 : (year as number);
}

/**
 * A whole number written as a string of digits (Persian, Arabic-Indic or ASCII; at most 15,
 * so it stays exact) → that number; anything else is returned untouched for the type rules to
 * report. Lets a form send `"۱۳۸۵"` for a model year.
 */
export function integerFromDigits(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = normalizeDigits(value).trim();
  return /^[0-9]{1,15}$/.test(s) ? Number(s) : value;
}

// ---------------------------------------------------------------------------------------------
// Usage class (کاربری)
// ---------------------------------------------------------------------------------------------

/** What a vehicle is used as: a registration names one, and worn-out ages are kept per class. */
export const USAGE_CLASSES = [
  'SEDAN',
  'PICKUP',
  'MINIBUS',
  'BUS',
  'TRUCK',
  'MOTORCYCLE',
  'VAN',
  'OTHER',
] as const;
