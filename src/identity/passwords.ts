import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { BilingualMessage } from '../common/errors/error-catalogue';

/**
 * Passwords are hashed with Argon2id (OWASP's first choice) at the library's defaults
 * (19 MiB, 2 passes): about 20–40 ms on this hardware, slow for an attacker, fine for sign-in.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** Verified against when the username is unknown, so timing does not tell which usernames exist. */
let decoyHash: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hash('decoy password that matches nothing');
  await verifyPassword(await decoyHash, password);
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
const COMMON = new Set([
  'password123',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'password1234',
  'iloveyou123',
  'administrator',
  'admin12345',
  '0123456789',
  '1q2w3e4r5t',
]);

/** Why a new password is refused, in both languages; an empty list means it is acceptable. */
export function passwordPolicyProblems(password: string, username: string): BilingualMessage[] {
  const problems: BilingualMessage[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    problems.push({
      fa: `گذرواژه باید بین ${PASSWORD_MIN_LENGTH} و ${PASSWORD_MAX_LENGTH} نویسه باشد.`,
      en: `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
    });
  }
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  if (kinds.length < 3) {
    problems.push({
      fa: 'گذرواژه باید دست‌کم سه گونه از این نویسه‌ها را داشته باشد: حرف کوچک، حرف بزرگ، رقم، نماد یا حرف فارسی.',
      en: 'The password must mix at least three of: lower-case letters, upper-case letters, digits, symbols or Persian letters.',
    });
  }
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) {
    problems.push({
      fa: 'گذرواژه نباید نام کاربری را در بر داشته باشد.',
      en: 'The password must not contain the username.',
    });
  }
  if (COMMON.has(lower)) {
    problems.push({
      fa: 'این گذرواژه بسیار رایج است.',
      en: 'This password is too common.',
    });
  }
  return problems;
}

/** No look-alike characters (0/O, 1/l/I), so it can be read out over the phone. */
const TEMPORARY_ALPHABET = {
  lower: 'abcdefghjkmnpqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digits: '23456789',
};

/** A one-time password of 16 characters (≈ 90 bits), meeting the policy. */
export function generateTemporaryPassword(): string {
  const all = TEMPORARY_ALPHABET.lower + TEMPORARY_ALPHABET.upper + TEMPORARY_ALPHABET.digits;
  const pick = (from: string) => from[randomInt(from.length)];
  const chars = [
    pick(TEMPORARY_ALPHABET.lower),
    pick(TEMPORARY_ALPHABET.upper),
    pick(TEMPORARY_ALPHABET.digits),
  ];
  while (chars.length < 16) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
