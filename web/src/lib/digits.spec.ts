import {
  groupTrackingCode,
  localDigits,
  normaliseTrackingCode,
  toLatinDigits,
  toPersianDigits,
} from './digits';

describe('digits as people type and read them', () => {
  it('reads Persian and Arabic-Indic digits as Latin ones', () => {
    expect(toLatinDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('پلاک ۱۲ب۳۴۵')).toBe('پلاک 12ب345');
  });

  it('writes Persian digits in Persian only', () => {
    expect(toPersianDigits('1405/09/11')).toBe('۱۴۰۵/۰۹/۱۱');
    expect(localDigits('42', 'fa')).toBe('۴۲');
    expect(localDigits('42', 'en')).toBe('42');
  });

  it.each([
    ['412345678903', '412345678903'],
    ['4123-4567-8903', '412345678903'],
    ['۴۱۲۳-۴۵۶۷-۸۹۰۳', '412345678903'],
    [' ۴۱۲۳ ۴۵۶۷ ٨٩٠٣ ', '412345678903'],
    ['4123–4567—8903', '412345678903'],
  ])('accepts the tracking code %s', (typed, code) => {
    expect(normaliseTrackingCode(typed)).toBe(code);
  });

  it.each(['', '41234567890', '4123456789031', '4123a5678903', '۴۱۲۳/۴۵۶۷/۸۹۰۳'])(
    'refuses %j as a tracking code',
    (typed) => {
      expect(normaliseTrackingCode(typed)).toBeUndefined();
    },
  );

  it('groups a code in fours for reading', () => {
    expect(groupTrackingCode('412345678903')).toBe('4123-4567-8903');
  });
});
