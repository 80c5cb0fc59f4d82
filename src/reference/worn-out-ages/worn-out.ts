/**
 * Scrap eligibility by age (docs/domain.md §5.3): the system flags, the reviewer decides. A vehicle
 * younger than its class's worn-out age can still qualify with an expert's opinion that it
 * cannot pass technical inspection, so a flag is information for the reviewer, never a refusal.
 *
 * Pure: no clock, no database. The caller passes the ages (WornOutAgesService.thresholds())
 * and the current Jalali year.
 */

/** Solar Hijri model years: 1300 ≤ year < 1500; any other year is read as Gregorian. */
const SOLAR_YEARS = { from: 1300, below: 1500 } as const;
/** A Solar Hijri year Y mostly falls in Gregorian year Y + 621 (accurate to ±1 year). */
const GREGORIAN_TO_SOLAR = -621;

export interface WornOutFlag {
  /** Position of the vehicle in the list given. */
  index: number;
  /** nowJalaliYear − the model year in Solar Hijri; null without a usable model year. */
  ageYears: number | null;
  /** The worn-out age of the vehicle's usage class; null when the class is missing or unknown. */
  thresholdYears: number | null;
  /** True when both are known and the vehicle has reached its class's worn-out age. */
  wornOut: boolean;
}

/** The model year as a Solar Hijri year, or null when it is not a whole number. */
export function solarModelYear(modelYear: unknown): number | null {
  if (typeof modelYear !== 'number' || !Number.isInteger(modelYear)) return null;
  const isSolar = modelYear >= SOLAR_YEARS.from && modelYear < SOLAR_YEARS.below;
  return isSolar ? modelYear : modelYear + GREGORIAN_TO_SOLAR;
}

/**
 * One flag per vehicle, in order. A vehicle is worn out when its age (in whole Jalali years)
 * has reached the worn-out age of its usage class: a 1390 sedan is worn out in 1405 at 15.
 */
export function wornOutFlags(
  vehicles: readonly { modelYear?: unknown; usageClass?: unknown }[],
  ages: Readonly<Record<string, number>>,
  nowJalaliYear: number,
): WornOutFlag[] {
  return vehicles.map((vehicle, index) => {
    const solar = solarModelYear(vehicle.modelYear);
    const ageYears = solar === null ? null : nowJalaliYear - solar;
    const usageClass = typeof vehicle.usageClass === 'string' ? vehicle.usageClass : undefined;
    const threshold =
      usageClass !== undefined && Object.prototype.hasOwnProperty.call(ages, usageClass)
        ? ages[usageClass]
        : undefined;
    const thresholdYears = typeof threshold === 'number' ? threshold : null;
    return {
      index,
      ageYears,
      thresholdYears,
      wornOut: ageYears !== null && thresholdYears !== null && ageYears >= thresholdYears,
    };
  });
}
