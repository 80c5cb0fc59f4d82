import { isStorableInstant } from './instant';

describe('isStorableInstant', () => {
  it('takes complete instants with offsets up to ±14:00', () => {
    for (const ok of [
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00+03:30',
      '2026-01-01T00:00:00.123-14:00',
      '2026-01-01T00:00+14:00',
      '0001-01-01T00:00:00Z',
    ]) {
      expect([ok, isStorableInstant(ok)]).toEqual([ok, true]);
    }
  });

  it('refuses offsets beyond ±14:00, year 0, missing offsets and non-strings', () => {
    for (const bad of [
      '2026-01-01T00:00:00+23:59',
      '2026-01-01T00:00:00-14:01',
      '2026-01-01T00:00:00+15:00',
      '0000-01-01T00:00:00Z',
      '2026-01-01T00:00:00',
      '2026-01-01',
      '2026-02-30T00:00:00Z',
      123,
      null,
    ]) {
      expect([bad, isStorableInstant(bad)]).toEqual([bad, false]);
    }
  });
});
