import {
  checkTrackingCode,
  dammCheckDigit,
  generateTrackingCode,
  TRACKING_CODE_LENGTH,
} from './tracking-code';

describe('tracking codes', () => {
  it('are 12 digits, never start with 0, and carry a valid check digit', () => {
    for (let i = 0; i < 1000; i++) {
      const code = generateTrackingCode();
      expect(code).toMatch(/^[1-9]\d{11}$/);
      expect(code).toHaveLength(TRACKING_CODE_LENGTH);
      expect(checkTrackingCode(code)).toBe('valid');
    }
  });

  it('are not sequential', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateTrackingCode()));
    expect(codes.size).toBe(1000);
  });

  it('tell every single-digit typo and every adjacent swap from an unknown code', () => {
    const code = generateTrackingCode();
    for (let i = 0; i < code.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[i] || (i === 0 && d === 0)) continue;
        const typo = code.slice(0, i) + String(d) + code.slice(i + 1);
        expect(checkTrackingCode(typo)).toBe('wrong-check-digit');
      }
      if (i < code.length - 1 && code[i] !== code[i + 1] && !(i === 0 && code[1] === '0')) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(checkTrackingCode(swapped)).toBe('wrong-check-digit');
      }
    }
  });

  it('calls anything that is not 12 digits malformed', () => {
    expect(checkTrackingCode('12345')).toBe('malformed');
    expect(checkTrackingCode('012345678901')).toBe('malformed');
    expect(checkTrackingCode('12345678901a')).toBe('malformed');
  });

  it('computes the Damm digit of the textbook example', () => {
    expect(dammCheckDigit('572')).toBe(4);
  });
});
