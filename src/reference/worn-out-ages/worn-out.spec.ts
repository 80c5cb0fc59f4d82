import { solarModelYear, wornOutFlags } from './worn-out';

const AGES = { SEDAN: 15, BUS: 15, TRUCK: 25, MOTORCYCLE: 10 };

describe('solarModelYear', () => {
  it('reads 1300–1499 as Solar Hijri and any other whole year as Gregorian (−621)', () => {
    expect(solarModelYear(1300)).toBe(1300);
    expect(solarModelYear(1385)).toBe(1385);
    expect(solarModelYear(1499)).toBe(1499);
    expect(solarModelYear(2006)).toBe(1385);
    expect(solarModelYear(1500)).toBe(879); // not a Solar year: read as Gregorian
    expect(solarModelYear(1299)).toBe(678);
  });

  it('has no answer without a whole number', () => {
    for (const year of [undefined, null, '1385', 1385.5, Number.NaN]) {
      expect(solarModelYear(year)).toBeNull();
    }
  });
});

describe('wornOutFlags: the system flags, the reviewer decides', () => {
  it('flags a vehicle that has reached its class’s worn-out age, in either calendar', () => {
    const flags = wornOutFlags(
      [
        { usageClass: 'SEDAN', modelYear: 1390 }, // 15 in 1405: exactly worn out
        { usageClass: 'SEDAN', modelYear: 1391 }, // 14
        { usageClass: 'SEDAN', modelYear: 2011 }, // Gregorian 2011 → 1390
        { usageClass: 'TRUCK', modelYear: 1385 }, // 20 of 25
        { usageClass: 'MOTORCYCLE', modelYear: 2012 }, // 1391 → 14 of 10
      ],
      AGES,
      1405,
    );
    expect(flags).toEqual([
      { index: 0, ageYears: 15, thresholdYears: 15, wornOut: true },
      { index: 1, ageYears: 14, thresholdYears: 15, wornOut: false },
      { index: 2, ageYears: 15, thresholdYears: 15, wornOut: true },
      { index: 3, ageYears: 20, thresholdYears: 25, wornOut: false },
      { index: 4, ageYears: 14, thresholdYears: 10, wornOut: true },
    ]);
  });

  it('does not flag what it cannot tell: no model year, no class, or a class without an age', () => {
    const flags = wornOutFlags(
      [
        { usageClass: 'SEDAN' },
        { modelYear: 1370 },
        { usageClass: 'VAN', modelYear: 1370 },
        { usageClass: 'toString', modelYear: 1370 }, // not read off Object.prototype
        { usageClass: 42, modelYear: 1370 },
      ],
      AGES,
      1405,
    );
    expect(flags).toEqual([
      { index: 0, ageYears: null, thresholdYears: 15, wornOut: false },
      { index: 1, ageYears: 35, thresholdYears: null, wornOut: false },
      { index: 2, ageYears: 35, thresholdYears: null, wornOut: false },
      { index: 3, ageYears: 35, thresholdYears: null, wornOut: false },
      { index: 4, ageYears: 35, thresholdYears: null, wornOut: false },
    ]);
  });

  it('never flags a model year after the current year (a typing error, shown as a negative age)', () => {
    expect(wornOutFlags([{ usageClass: 'SEDAN', modelYear: 1407 }], AGES, 1405)).toEqual([
      { index: 0, ageYears: -2, thresholdYears: 15, wornOut: false },
    ]);
  });

  it('answers an empty list for no vehicles', () => {
    expect(wornOutFlags([], AGES, 1405)).toEqual([]);
  });
});
