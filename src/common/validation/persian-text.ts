/**
 * Small, pure helpers for Persian text typed on Persian, Arabic or Latin keyboards (docs/domain.md §5.6:
 * normalise digits before validating, unify Arabic ي/ى/ك with Persian ی/ک, keep ZWNJ).
 */

/** Extended Arabic-Indic (Persian) digits ۰–۹, U+06F0–U+06F9. */
const PERSIAN_ZERO = 0x06f0;
/** Arabic-Indic digits ٠–٩, U+0660–U+0669. */
const ARABIC_ZERO = 0x0660;
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;

/** Arabic yeh ي (U+064A) and alef maksura ى (U+0649) → Persian yeh ی (U+06CC); Arabic kaf ك (U+0643) → keheh ک (U+06A9). */
const ARABIC_YEH = /[\u064A\u0649]/g;
const ARABIC_KAF = /\u0643/g;
const PERSIAN_YEH = '\u06CC';
const PERSIAN_KAF = '\u06A9';

/**
 * Runs of horizontal white space (space, tab, no-break space, other Unicode spaces), but not line
 * breaks, so a multi-line justification keeps its lines. ZWNJ (U+200C) is not white space and is
 * never touched.
 */
const SPACE_RUN = /[^\S\r\n\u2028\u2029]+/g;

/** Persian ۰–۹ and Arabic-Indic ٠–٩ digits → ASCII 0–9; everything else unchanged. */
export function normalizeDigits(s: string): string {
  return s.replace(NON_ASCII_DIGIT, (c) => {
    const code = c.charCodeAt(0);
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO));
  });
}

/**
 * Text as it should be stored and compared: ASCII digits, Persian ی and ک for their Arabic
 * look-alikes, no leading or trailing white space, and runs of spaces collapsed to one space.
 * Line breaks and ZWNJ (نیم‌فاصله, U+200C) are kept.
 */
export function normalizePersian(s: string): string {
  return normalizeDigits(s)
    .replace(ARABIC_YEH, PERSIAN_YEH)
    .replace(ARABIC_KAF, PERSIAN_KAF)
    .replace(SPACE_RUN, ' ')
    .trim();
}
