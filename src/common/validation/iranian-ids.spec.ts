import {
  checkLegalEntityNationalId,
  checkNationalCode,
  isValidIranianMobile,
  isValidLegalEntityNationalId,
  isValidNationalCode,
  legalEntityCheckDigit,
  nationalCodeCheckDigit,
  normalizeMobile,
} from './iranian-ids';

/** Replaces the last digit of an identifier by the next one (mod 10): a wrong check digit. */
function withWrongCheckDigit(id: string): string {
  return id.slice(0, -1) + String((Number(id.slice(-1)) + 1) % 10);
}

describe('legal-entity national ID (شناسه ملی اشخاص حقوقی)', () => {
  // Published example: 10380284790 is valid and 10380284792 / 10380285692 are not, in the
  // persian-tools test suite (github.com/persian-tools/persian-tools, test/verifyIranianLegalId
  // .spec.ts); 10380284790 is also the doc example of rust-persian-tools' verify_iranian_legal_id.
  // By hand: d = 9 + 2 = 11; (1+11)·29 + (0+11)·27 + (3+11)·23 + (8+11)·19 + (0+11)·17
  //   + (2+11)·29 + (8+11)·27 + (4+11)·23 + (7+11)·19 + (9+11)·17
  //   = 348 + 297 + 322 + 361 + 187 + 377 + 513 + 345 + 342 + 340 = 3432 = 11 · 312 → r = 0.
  const PUBLISHED = '10380284790';

  it('accepts the published valid example and computes its check digit', () => {
    expect(legalEntityCheckDigit('1038028479')).toBe(0);
    expect(isValidLegalEntityNationalId(PUBLISHED)).toBe(true);
  });

  it('rejects the published invalid examples', () => {
    expect(isValidLegalEntityNationalId('10380284792')).toBe(false);
    expect(isValidLegalEntityNationalId('10380285692')).toBe(false);
    expect(isValidLegalEntityNationalId('11111111111')).toBe(false);
  });

  it('derives check digits, including r = 10 counting as 0', () => {
    // 1400123456: d = 8; Σ = 261+324+184+152+153+290+297+276+247+238 = 2422; 2422 mod 11 = 2.
    expect(legalEntityCheckDigit('1400123456')).toBe(2);
    expect(isValidLegalEntityNationalId('14001234562')).toBe(true);
    // 1400123451: d = 3; the sum is ≡ 10 (mod 11), so the check digit is 0.
    expect(legalEntityCheckDigit('1400123451')).toBe(0);
    expect(isValidLegalEntityNationalId('14001234510')).toBe(true);
  });

  it('accepts Persian and Arabic-Indic digits', () => {
    expect(isValidLegalEntityNationalId('۱۰۳۸۰۲۸۴۷۹۰')).toBe(true);
    expect(isValidLegalEntityNationalId('١٠٣٨٠٢٨٤٧٩٠')).toBe(true);
    expect(legalEntityCheckDigit('۱۴۰۰۱۲۳۴۵۶')).toBe(2);
  });

  it('tells a wrong shape from a wrong check digit', () => {
    expect(checkLegalEntityNationalId(PUBLISHED)).toBe('valid');
    expect(checkLegalEntityNationalId(withWrongCheckDigit(PUBLISHED))).toBe('invalid');
    for (const bad of [
      '1038028479',
      '103802847900',
      '1038028479a',
      ' 10380284790',
      '',
      null,
      10380284790,
    ]) {
      expect(checkLegalEntityNationalId(bad)).toBe('malformed');
    }
  });

  it('catches every wrong check digit of generated IDs', () => {
    for (let n = 0; n < 200; n++) {
      const first10 = String(14000000000 + n * 7919).slice(0, 10);
      const id = first10 + String(legalEntityCheckDigit(first10));
      expect(isValidLegalEntityNationalId(id)).toBe(true);
      for (let wrong = 1; wrong < 10; wrong++) {
        const other = first10 + String((Number(id[10]) + wrong) % 10);
        expect(isValidLegalEntityNationalId(other)).toBe(false);
      }
    }
  });

  it('refuses to compute a check digit from anything but 10 digits', () => {
    expect(() => legalEntityCheckDigit('123')).toThrow(RangeError);
    expect(() => legalEntityCheckDigit('10380284790')).toThrow(RangeError);
    expect(() => legalEntityCheckDigit('103802847x')).toThrow(RangeError);
  });
});

describe('national code (کد ملی)', () => {
  // Published examples: 0499370899, 0790419904, 1583250689, 0684159414, 4400276201 are valid in
  // the persian-tools test suite (github.com/persian-tools/persian-tools, test/
  // verifyIranianNationalId.spec.ts); 1583250689 and 0076229645 are also rust-persian-tools' doc
  // examples. By hand for 0499370899: 0·10 + 4·9 + 9·8 + 9·7 + 3·6 + 7·5 + 0·4 + 8·3 + 9·2
  //   = 0 + 36 + 72 + 63 + 18 + 35 + 0 + 24 + 18 = 266; 266 mod 11 = 2 ≥ 2 → 11 − 2 = 9. ✓
  const PUBLISHED = [
    '0499370899',
    '0790419904',
    '1583250689',
    '0684159414',
    '4400276201',
    '0076229645',
  ];

  it('accepts the published valid examples and computes their check digits', () => {
    expect(nationalCodeCheckDigit('049937089')).toBe(9);
    for (const code of PUBLISHED) {
      expect(nationalCodeCheckDigit(code.slice(0, 9))).toBe(Number(code[9]));
      expect(isValidNationalCode(code)).toBe(true);
    }
  });

  it('covers the three branches of the check digit: r = 0, r = 1, r ≥ 2', () => {
    // 123456783: 10+18+24+28+30+30+28+24+6 = 198 = 11·18 → r = 0 → check 0.
    expect(nationalCodeCheckDigit('123456783')).toBe(0);
    // 123456789: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1 → check 1.
    expect(nationalCodeCheckDigit('123456789')).toBe(1);
    // 123456788: 208; 208 mod 11 = 10 → check 11 − 10 = 1.
    expect(nationalCodeCheckDigit('123456788')).toBe(1);
    expect(isValidNationalCode('1234567830')).toBe(true);
    expect(isValidNationalCode('1234567891')).toBe(true);
    expect(isValidNationalCode('1234567881')).toBe(true);
    expect(isValidNationalCode('1234567890')).toBe(false);
  });

  it('rejects codes of one repeated digit, even those whose check digit holds', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const code = String(digit).repeat(10);
      expect(checkNationalCode(code)).toBe('invalid');
    }
    // 0000000000 and 1111111111 would pass the bare check-digit test.
    expect(nationalCodeCheckDigit('000000000')).toBe(0);
    expect(nationalCodeCheckDigit('111111111')).toBe(1);
  });

  it('accepts Persian and Arabic-Indic digits', () => {
    expect(isValidNationalCode('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isValidNationalCode('٠٤٩٩٣٧٠٨٩٩')).toBe(true);
    expect(isValidNationalCode('۰۴۹۹۳۷۰۸۹۸')).toBe(false);
  });

  it('tells a wrong shape from a wrong check digit', () => {
    expect(checkNationalCode('0499370899')).toBe('valid');
    expect(checkNationalCode(withWrongCheckDigit('0499370899'))).toBe('invalid');
    // Short codes are not zero-padded: a code is always written with its 10 digits.
    for (const bad of [
      '499370899',
      '04993708990',
      '049-937089',
      '0499370899 ',
      '',
      undefined,
      499370899,
    ]) {
      expect(checkNationalCode(bad)).toBe('malformed');
    }
  });

  it('refuses to compute a check digit from anything but 9 digits', () => {
    expect(() => nationalCodeCheckDigit('0499370899')).toThrow(RangeError);
    expect(() => nationalCodeCheckDigit('04993708')).toThrow(RangeError);
  });
});

describe('Iranian mobile numbers', () => {
  it('accepts 09xxxxxxxxx and returns it unchanged', () => {
    expect(normalizeMobile('09123456789')).toBe('09123456789');
    expect(isValidIranianMobile('09901234567')).toBe(true);
  });

  it('turns +989…, 00989… and 989… into 09…', () => {
    expect(normalizeMobile('+989123456789')).toBe('09123456789');
    expect(normalizeMobile('00989123456789')).toBe('09123456789');
    expect(normalizeMobile('989123456789')).toBe('09123456789');
  });

  it('accepts Persian digits, spaces and dashes', () => {
    expect(normalizeMobile('۰۹۱۲۳۴۵۶۷۸۹')).toBe('09123456789');
    expect(normalizeMobile('+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('09123456789');
    expect(normalizeMobile('0912-345-6789')).toBe('09123456789');
  });

  it('rejects landlines, wrong lengths, bare 9… numbers and non-strings', () => {
    for (const bad of [
      '02188776655',
      '0912345678',
      '091234567890',
      '9123456789',
      '+98 21 8877 6655',
      '+19123456789',
      '0912345678a',
      '',
      9123456789,
      null,
    ]) {
      expect(normalizeMobile(bad)).toBeNull();
      expect(isValidIranianMobile(bad)).toBe(false);
    }
  });
});
