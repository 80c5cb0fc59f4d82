import { formatJalali } from './jalali';

describe('formatJalali', () => {
  it('shows an instant as the Solar Hijri date and time in Iran (UTC+03:30)', () => {
    expect(formatJalali('2026-11-26T03:52:00Z')).toBe('1405/09/05 07:22');
  });

  it('turns the year at Nowruz, by Tehran time', () => {
    // Nowruz 1405 fell on 2026-03-21 (Tehran); 20:29 UTC on the 20th is already 00:00 there.
    expect(formatJalali('2026-03-20T20:29:00Z')).toBe('1404/12/29 23:59');
    expect(formatJalali('2026-03-20T20:30:00Z')).toBe('1405/01/01 00:00');
  });

  it('matches the agreement’s term end, 1400/12/29 = 20 March 2022', () => {
    expect(formatJalali('2022-03-20T08:00:00Z').slice(0, 10)).toBe('1400/12/29');
  });
});
