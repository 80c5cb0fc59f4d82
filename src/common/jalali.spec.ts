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

  it('gives the same answer as the time-zone database since the offset became fixed, and before', () => {
    const viaIntl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tehran',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Every 7 hours 13 minutes from 2021 to 2030: crosses the last daylight-saving season.
    for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2030, 0, 1); t += (7 * 60 + 13) * 60_000) {
      expect(formatJalali(new Date(t)).slice(11)).toBe(viaIntl.format(new Date(t)));
    }
    // Summer 2021 still had daylight saving time: +04:30.
    expect(formatJalali('2021-07-01T08:00:00Z')).toBe('1400/04/10 12:30');
  });
});
