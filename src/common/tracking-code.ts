import { randomInt } from 'node:crypto';

/**
 * Tracking codes: 11 random digits (the first never 0) and a Damm check digit, 12 digits in all.
 * Damm catches every single-digit error and every swap of adjacent digits, so a mistyped code is
 * told apart from an unknown one. Codes are random, not sequential; uniqueness is the database's job.
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const TRACKING_CODE_LENGTH = 12;

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const char of digits) interim = DAMM[interim][char.charCodeAt(0) - 48];
  return interim;
}

export function generateTrackingCode(
  random: (min: number, max: number) => number = randomInt,
): string {
  let body = String(random(1, 10));
  for (let i = 1; i < TRACKING_CODE_LENGTH - 1; i++) body += String(random(0, 10));
  return body + String(dammCheckDigit(body));
}

export type TrackingCodeCheck = 'valid' | 'malformed' | 'wrong-check-digit';

/** Checks a code already normalised to ASCII digits without separators. */
export function checkTrackingCode(code: string): TrackingCodeCheck {
  if (!/^[1-9]\d{11}$/.test(code)) return 'malformed';
  return dammCheckDigit(code) === 0 ? 'valid' : 'wrong-check-digit';
}
