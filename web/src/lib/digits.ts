/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits to Latin: what a person types, as the API reads it. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** Latin digits to Persian, for display in Persian. */
export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** Digits as the language writes them: Persian in Persian, Latin in English. */
export function localDigits(text: string, language: string): string {
  return language === 'fa' ? toPersianDigits(text) : text;
}

/**
 * A 12-digit tracking code as typed: Persian or Latin digits, with or without spaces and dashes.
 * `undefined` when what remains is not exactly twelve digits.
 */
export function normaliseTrackingCode(typed: string): string | undefined {
  const code = toLatinDigits(typed).replace(/[\s\u200c\-‐-―_]/g, '');
  return /^\d{12}$/.test(code) ? code : undefined;
}

/** `412345678903` → `4123-4567-8903`, easier to read aloud and copy. */
export function groupTrackingCode(code: string): string {
  return code.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1-$2-$3');
}
