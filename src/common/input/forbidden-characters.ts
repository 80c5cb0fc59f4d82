import type { BilingualMessage } from '../errors/error-catalogue';

/**
 * Characters no request may carry, in a JSON string, a JSON key, a path or a query string.
 * They are refused (400 REQUEST.FORBIDDEN_CHARACTER naming the field), never stripped: the
 * caller learns which field held what, and what is stored is exactly what was sent
 * (docs/security.md, "Characters refused in input").
 *
 * - NUL and the other C0 controls except tab, line feed and carriage return, DEL and the C1
 *   controls: PostgreSQL refuses NUL in text (it would reach the database as an error), and the
 *   others are terminal escapes and invisible noise in logs and exports.
 * - Unicode direction controls, embeddings and overrides U+202A–U+202E and isolates
 *   U+2066–U+2069: they reorder how text is displayed (a justification or a file name that reads
 *   differently from what it is). The marks U+200E/U+200F and ZWNJ (U+200C, نیم‌فاصله), which
 *   Persian text needs, are allowed.
 * - Lone UTF-16 surrogates (from `\ud800`-style escapes): not a character, not storable as UTF-8.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first forbidden character of `s`, as `U+XXXX`, or undefined when there is none. */
export function forbiddenCharacterIn(s: string): string | undefined {
  const match = FORBIDDEN.exec(s);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function forbiddenCharacterMessage(field: string, character: string): BilingualMessage {
  const where = field === '' ? '' : ` «${field}»`;
  return {
    fa: `فیلد${where} نویسهٔ غیرمجاز ${character} دارد (نویسه‌های کنترلی و کنترل جهت متن پذیرفته نمی‌شوند).`,
    en: `${field === '' ? 'the request' : field} contains the forbidden character ${character} (control and text-direction characters are refused)`,
  };
}
