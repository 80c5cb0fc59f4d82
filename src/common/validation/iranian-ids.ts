import { normalizeDigits } from './persian-text';

/**
 * Iranian identifiers: the legal-entity national ID (شناسه ملی اشخاص حقوقی, 11 digits), the
 * personal national code (کد ملی, 10 digits) and mobile numbers. Every function first turns
 * Persian/Arabic-Indic digits into ASCII, and nothing else: no padding of short codes, no
 * trimming, no separators (except in mobile numbers, where spaces and dashes are common).
 */

/**
 * Outcome of checking an identifier: `malformed` (not a string, or not the right number of
 * digits) is told apart from `invalid` (the right shape, but not a real identifier: its check
 * digit does not match, or for a national code, all its digits are the same).
 */
export type IdCheck = 'valid' | 'malformed' | 'invalid';

const LEGAL_ENTITY_WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17] as const;

function digitsOf(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0) - 48);
}

function exactDigits(value: unknown, length: number): string | null {
  if (typeof value !== 'string') return null;
  const s = normalizeDigits(value);
  return s.length === length && /^[0-9]+$/.test(s) ? s : null;
}

function payload(value: string, length: number, what: string): number[] {
  const s = exactDigits(value, length);
  if (s === null) throw new RangeError(`${what} needs exactly ${length} digits, got "${value}"`);
  return digitsOf(s);
}

/**
 * Check digit (the 11th) of a legal-entity national ID, from its first 10 digits:
 * d = 10th digit + 2; sum of (digit_i + d) × [29,27,23,19,17,29,27,23,19,17]_i; r = sum mod 11;
 * r = 10 counts as 0. Throws a RangeError unless given exactly 10 digits.
 */
export function legalEntityCheckDigit(first10: string): number {
  const digits = payload(first10, 10, 'legalEntityCheckDigit');
  const d = digits[9] + 2;
  const sum = digits.reduce((acc, digit, i) => acc + (digit + d) * LEGAL_ENTITY_WEIGHTS[i], 0);
  const r = sum % 11;
  return r === 10 ? 0 : r;
}

/**
 * Check digit (the 10th) of a national code, from its first 9 digits:
 * r = (Σ digit_i × (10 − i)) mod 11; the check digit is r when r < 2, else 11 − r.
 * Throws a RangeError unless given exactly 9 digits.
 */
export function nationalCodeCheckDigit(first9: string): number {
  const digits = payload(first9, 9, 'nationalCodeCheckDigit');
  const r = digits.reduce((acc, digit, i) => acc + digit * (10 - i), 0) % 11;
  return r < 2 ? r : 11 - r;
}

/** Whether `value` is an 11-digit legal-entity national ID, and whether its check digit holds. */
export function checkLegalEntityNationalId(value: unknown): IdCheck {
  const s = exactDigits(value, 11);
  if (s === null) return 'malformed';
  return legalEntityCheckDigit(s.slice(0, 10)) === Number(s[10]) ? 'valid' : 'invalid';
}

/**
 * Whether `value` is a 10-digit national code, and whether it is a real one: its check digit
 * holds and it is not a placeholder made of one repeated digit (0000000000, 1111111111, …,
 * several of which pass the check digit).
 */
export function checkNationalCode(value: unknown): IdCheck {
  const s = exactDigits(value, 10);
  if (s === null) return 'malformed';
  if (/^(\d)\1{9}$/.test(s)) return 'invalid';
  return nationalCodeCheckDigit(s.slice(0, 9)) === Number(s[9]) ? 'valid' : 'invalid';
}

/** True for a valid legal-entity national ID (شناسه ملی), Persian digits allowed. */
export function isValidLegalEntityNationalId(value: unknown): boolean {
  return checkLegalEntityNationalId(value) === 'valid';
}

/** True for a valid national code (کد ملی), Persian digits allowed. */
export function isValidNationalCode(value: unknown): boolean {
  return checkNationalCode(value) === 'valid';
}

/** 09 then 9 digits, optionally written with +98, 0098 or 98 in place of the leading 0. */
const MOBILE = /^(?:0|\+98|0098|98)(9[0-9]{9})$/;
const MOBILE_SEPARATORS = /[\s-]/g;

/**
 * An Iranian mobile number in its national form `09xxxxxxxxx`, from any of `09…`, `+989…`,
 * `00989…` or `989…` with Persian or ASCII digits, spaces and dashes allowed; null when
 * `value` is not such a number.
 */
export function normalizeMobile(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = MOBILE.exec(normalizeDigits(value).replace(MOBILE_SEPARATORS, ''));
  return match ? `0${match[1]}` : null;
}

/** True when `value` is an Iranian mobile number in any form `normalizeMobile` accepts. */
export function isValidIranianMobile(value: unknown): boolean {
  return normalizeMobile(value) !== null;
}
