import {
  hasValidVinCheckDigit,
  integerFromDigits,
  isIranianPlate,
  modelYearCalendar,
  modelYearGregorian,
  normalizePlate,
  normalizeVin,
  parsePlate,
  PLATE_LETTERS,
  vinCheckDigit,
  vinCheckDigitWarnings,
} from './vehicle';

const ZWNJ = '\u200C';
const RLM = '\u200F';

describe('Iranian plates', () => {
  it.each([
    ['12ب345-15', 'canonical'],
    ['12 ب 345 ایران 15', 'as printed, with «ایران» over the region code'],
    ['12 ب 345 - 15', 'spaced, with a dash'],
    ['۱۲ب۳۴۵-۱۵', 'Persian digits'],
    ['١٢ب٣٤٥-١٥', 'Arabic-Indic digits'],
    ['۱۲ ب ۳۴۵ ایران ۱۵', 'Persian digits and «ایران»'],
    ['12ب345 ایران15', '«ایران» glued to the region code'],
    ['12ب34515', 'no separator at all'],
    ['12-ب-345-15', 'dashes everywhere'],
    ['12 – ب – 345 — 15', 'en and em dashes'],
    [`${RLM}12 ب 345${RLM} ایران 15`, 'bidirectional marks from an editor'],
    [' 12ب345-15 ', 'surrounding space'],
  ])('reads %s (%s) as 12ب345-15', (written) => {
    expect(normalizePlate(written)).toBe('12ب345-15');
    expect(isIranianPlate(written)).toBe(true);
  });

  it('parses the parts', () => {
    expect(parsePlate('۴۵ ج ۶۷۸ ایران ۲۵')).toEqual({
      first: '45',
      letter: 'ج',
      serial: '678',
      region: '25',
    });
  });

  it('accepts the government letter «الف» but does not require it', () => {
    expect(normalizePlate('11 الف 111 ایران 11')).toBe('11الف111-11');
    expect(normalizePlate('۱۱الف۱۱۱-۱۱')).toBe('11الف111-11');
    // «ا» alone is how some people type «الف».
    expect(normalizePlate('11ا111-11')).toBe('11الف111-11');
    // Most government vehicles carry personal plates.
    expect(normalizePlate('22د456-63')).toBe('22د456-63');
  });

  it('accepts every listed series letter, and D and S in either case', () => {
    for (const letter of PLATE_LETTERS) {
      expect(normalizePlate(`12 ${letter} 345 ایران 15`)).toBe(`12${letter}345-15`);
    }
    expect(normalizePlate('29 d 728 - 63')).toBe('29D728-63');
    expect(normalizePlate('29s728-63')).toBe('29S728-63');
  });

  it('reads the wheelchair symbol as «معلولین»', () => {
    expect(normalizePlate('12 ♿ 345 ایران 15')).toBe('12معلولین345-15');
    expect(normalizePlate('12 \u267F\uFE0F 345 - 15')).toBe('12معلولین345-15');
  });

  it('unifies Arabic kaf and yeh with the Persian letters', () => {
    expect(normalizePlate('12ك345-15')).toBe('12ک345-15'); // Arabic kaf ك
    expect(normalizePlate('12ي345-15')).toBe('12ی345-15'); // Arabic yeh ي
    expect(normalizePlate('12ی345 ايران 15')).toBe('12ی345-15'); // «ايران» with Arabic yeh
  });

  it('ignores a tatweel or ZWNJ around the letter', () => {
    expect(normalizePlate('12بـ345-15')).toBe('12ب345-15');
    expect(normalizePlate(`12${ZWNJ}ب${ZWNJ}345-15`)).toBe('12ب345-15');
  });

  it.each([
    ['1ب345-15', 'one digit before the letter'],
    ['123ب345-15', 'three digits before the letter'],
    ['12ب45-15', 'two digits in the serial'],
    ['12ب3456-15', 'four digits in the serial'],
    ['12ب345-5', 'a one-digit region code'],
    ['12ب345-05', 'a region code below 10'],
    ['12ب345-155', 'a three-digit region code'],
    ['12345-15', 'no letter'],
    ['12بب345-15', 'two letters'],
    ['12چ345-15', 'a letter not used on plates (چ)'],
    ['12A345-15', 'a Latin letter other than D or S'],
    ['15-345ب12', 'the parts in reverse'],
    ['', 'empty'],
    ["12ب345-15'; DROP TABLE cases; --", 'an injection tail'],
    ['1'.repeat(100), 'a long run of digits'],
  ])('refuses %s (%s)', (written) => {
    expect(normalizePlate(written)).toBeNull();
    expect(isIranianPlate(written)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 12345, {}, ['12ب345-15']]) {
      expect(isIranianPlate(value)).toBe(false);
    }
  });
});

describe('VIN check digit (North-American rule)', () => {
  it('computes the check digit of known VINs', () => {
    // 1M8GDM9AXKP042788 is the worked example of the rule: Σ = 351, 351 mod 11 = 10 → X.
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(hasValidVinCheckDigit('1M8GDM9AXKP042788')).toBe(true);
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(hasValidVinCheckDigit('1HGCM82633A004352')).toBe(true);
    expect(hasValidVinCheckDigit('11111111111111111')).toBe(true);
  });

  it('tells a wrong check digit', () => {
    expect(hasValidVinCheckDigit('1M8GDM9A1KP042788')).toBe(false);
    // A typical Iranian VIN does not follow the rule.
    expect(vinCheckDigit('NAAM01E07HK123456')).toBe('9');
    expect(hasValidVinCheckDigit('NAAM01E07HK123456')).toBe(false);
  });

  it('upper-cases, trims and reads Persian digits first', () => {
    expect(normalizeVin(' 1m8gdm9axkp042788 ')).toBe('1M8GDM9AXKP042788');
    expect(hasValidVinCheckDigit('1m8gdm9axkp042788')).toBe(true);
    expect(normalizeVin('1M8GDM9AXKP۰۴۲۷۸۸')).toBe('1M8GDM9AXKP042788');
  });

  it('has no check digit for a value that is not VIN-shaped', () => {
    expect(vinCheckDigit('1M8GDM9AXKP04278')).toBeNull(); // 16 characters
    expect(vinCheckDigit('1M8GDM9AXKP0427880')).toBeNull(); // 18
    expect(vinCheckDigit('IM8GDM9AXKP042788')).toBeNull(); // I
    expect(vinCheckDigit('1M8GDM9AXKP04278O')).toBeNull(); // O
    expect(vinCheckDigit('1M8GDM9AXKQ042788')).toBeNull(); // Q
    expect(hasValidVinCheckDigit('IOQ')).toBe(false);
  });

  it('warns, in Persian and English, for each VIN whose check digit does not match', () => {
    const warnings = vinCheckDigitWarnings([
      { vin: '1M8GDM9AXKP042788' },
      { plate: '12ب345-15' } as { vin?: string },
      { vin: 'NAAM01E07HK123456' },
      { vin: 'IOQ' }, // malformed: an error elsewhere, not a warning
    ]);
    expect(warnings).toEqual([
      {
        field: 'vehicles[2].vin',
        code: 'vinCheckDigit',
        message: { fa: expect.any(String), en: expect.any(String) },
      },
    ]);
    expect(warnings[0].message.fa).toContain('vehicles[2].vin');
    expect(warnings[0].message.fa).toMatch(/[\u0600-\u06FF]/);
    expect(warnings[0].message.en).toContain('expected 9, found 7');
  });

  it('has no warnings when every check digit matches, or there is no VIN', () => {
    expect(vinCheckDigitWarnings([{ vin: '1M8GDM9AXKP042788' }, {}])).toEqual([]);
    expect(vinCheckDigitWarnings([])).toEqual([]);
    expect(vinCheckDigitWarnings(undefined)).toEqual([]);
  });
});

describe('model year', () => {
  it.each([
    [1300, 'SOLAR_HIJRI', 1921],
    [1385, 'SOLAR_HIJRI', 2006],
    [1403, 'SOLAR_HIJRI', 2024],
    [1499, 'SOLAR_HIJRI', 2120],
    [1920, 'GREGORIAN', 1920],
    [2006, 'GREGORIAN', 2006],
    [2100, 'GREGORIAN', 2100],
  ])('%i is %s, Gregorian %i', (year, calendar, gregorian) => {
    expect(modelYearCalendar(year)).toBe(calendar);
    expect(modelYearGregorian(year)).toBe(gregorian);
  });

  it.each([1299, 1500, 1700, 1919, 2101, 0, -1385, 1385.5, NaN])('%s names no calendar', (year) => {
    expect(modelYearCalendar(year)).toBeNull();
    expect(modelYearGregorian(year)).toBeNull();
  });

  it('needs a number', () => {
    expect(modelYearGregorian('1385')).toBeNull();
    expect(modelYearGregorian(undefined)).toBeNull();
  });
});

describe('integerFromDigits', () => {
  it('turns a string of Persian, Arabic-Indic or ASCII digits into its number', () => {
    expect(integerFromDigits('۱۳۸۵')).toBe(1385);
    expect(integerFromDigits('١٣٨٥')).toBe(1385);
    expect(integerFromDigits(' 2006 ')).toBe(2006);
  });

  it('leaves anything else for the type rules', () => {
    for (const value of ['13a5', '-5', '1.5', '', '1'.repeat(16), 1385, null, undefined]) {
      expect(integerFromDigits(value)).toBe(value);
    }
  });
});
