import { normalizeDigits, normalizePersian } from './persian-text';

const ZWNJ = '\u200C';

describe('normalizeDigits', () => {
  it('turns Persian digits ۰–۹ into ASCII', () => {
    expect(normalizeDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
  });

  it('turns Arabic-Indic digits ٠–٩ into ASCII', () => {
    expect(normalizeDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
  });

  it('handles mixed digits and leaves every other character alone', () => {
    expect(normalizeDigits('پلاک ۱۲ب٣٤5-۶۷')).toBe('پلاک 12ب345-67');
    expect(normalizeDigits(' كي ')).toBe(' كي ');
    expect(normalizeDigits('')).toBe('');
  });
});

describe('normalizePersian', () => {
  it('unifies Arabic yeh ي and alef maksura ى with Persian ی, and Arabic kaf ك with ک', () => {
    const out = normalizePersian(
      '\u0643\u0627\u0631\u0645\u0646\u062F \u0639\u0644\u064A \u0645\u0648\u0633\u0649',
    );
    expect(out).toBe('کارمند علی موسی');
    expect(out).not.toMatch(/[\u064A\u0649\u0643]/);
    expect(out).toContain('\u06A9');
    expect(out).toContain('\u06CC');
  });

  it('normalises digits as well', () => {
    expect(normalizePersian('سال ۱۳۸۷ و ٢٠٠٨')).toBe('سال 1387 و 2008');
  });

  it('trims and collapses runs of spaces, tabs and no-break spaces to one space', () => {
    expect(normalizePersian('  خودروی \t\u00A0 فرسوده   ')).toBe('خودروی فرسوده');
  });

  it('keeps line breaks between lines', () => {
    expect(normalizePersian('خط اول\nخط  دوم')).toBe('خط اول\nخط دوم');
  });

  it('keeps ZWNJ (نیم‌فاصله)', () => {
    const text = `درخواست${ZWNJ}های خودرو${ZWNJ}ها`;
    expect(normalizePersian(`  ${text}  `)).toBe(text);
    expect(normalizePersian(`می${ZWNJ}شود`)).toContain(ZWNJ);
  });

  it('leaves already-normal text unchanged and is idempotent', () => {
    const text = `کمیسیون ماده ۸ — جلسه 12`;
    const once = normalizePersian(text);
    expect(once).toBe('کمیسیون ماده 8 — جلسه 12');
    expect(normalizePersian(once)).toBe(once);
  });
});
