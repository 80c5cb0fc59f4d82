import { ServiceLevelClockError, WorkingCalendar } from './calendar';
import {
  DEFAULT_SERVICE_LEVEL_POLICY,
  policyInForce,
  ServiceLevelPolicy,
  validateServiceLevelPolicy,
} from './policy';

const calendar: WorkingCalendar = {
  utcOffsetMinutes: 210,
  thursdayIsWorkingDay: false,
  holidays: [],
  closures: [],
};

const version = (name: string, effectiveFrom: string, documentReview = 5): ServiceLevelPolicy => ({
  ...DEFAULT_SERVICE_LEVEL_POLICY,
  version: name,
  effectiveFrom,
  targets: { ...DEFAULT_SERVICE_LEVEL_POLICY.targets, documentReview },
});

const SOME_DAY = Date.parse('2025-12-01T12:00:00Z');

const v1 = version('2021', '1400/01/01');
const v2 = version('2025-autumn', '1404/07/01', 4);
const v3 = version('2026', '1405/01/01', 3);

describe('the default service-level policy', () => {
  it('has the targets of docs/domain.md §3.1, in working days', () => {
    expect(DEFAULT_SERVICE_LEVEL_POLICY.targets).toEqual({
      documentReview: 5,
      scheduling: 10,
      decisionRecording: 2,
      minutesApproval: 3,
      wholeCase: 30,
    });
    expect(DEFAULT_SERVICE_LEVEL_POLICY.correctionWindow).toBe(10);
    expect(DEFAULT_SERVICE_LEVEL_POLICY.reminderBeforeWorkingDays).toBe(1);
  });

  it('is valid and in force for cases registered since 1400', () => {
    expect(() => validateServiceLevelPolicy(DEFAULT_SERVICE_LEVEL_POLICY)).not.toThrow();
    expect(
      policyInForce([DEFAULT_SERVICE_LEVEL_POLICY], Date.parse('2026-03-21T12:00:00Z'), calendar),
    ).toBe(DEFAULT_SERVICE_LEVEL_POLICY);
  });
});

describe('policyInForce', () => {
  it('chooses the latest version whose effective date is not after the local date', () => {
    const policies = [v1, v2, v3];
    expect(policyInForce(policies, Date.parse('2025-06-01T12:00:00Z'), calendar)).toBe(v1);
    expect(policyInForce(policies, Date.parse('2025-12-01T12:00:00Z'), calendar)).toBe(v2);
    expect(policyInForce(policies, Date.parse('2026-06-01T12:00:00Z'), calendar)).toBe(v3);
  });

  it('does not depend on the order of the list', () => {
    const at = Date.parse('2025-12-01T12:00:00Z');
    expect(policyInForce([v3, v1, v2], at, calendar)).toBe(v2);
    expect(policyInForce([v2, v3, v1], at, calendar)).toBe(v2);
  });

  it('switches at local midnight of the effective date, 20:30 UTC the evening before', () => {
    // 1404/07/01 begins at 2025-09-22 20:30 UTC in Tehran.
    expect(policyInForce([v1, v2], Date.parse('2025-09-22T20:29:59.999Z'), calendar)).toBe(v1);
    expect(policyInForce([v1, v2], Date.parse('2025-09-22T20:30:00.000Z'), calendar)).toBe(v2);
    expect(
      policyInForce([v1, v2], Date.parse('2025-09-22T21:00:00Z'), {
        ...calendar,
        utcOffsetMinutes: 0,
      }),
    ).toBe(v1);
  });

  it('applies a version on its effective date itself', () => {
    expect(policyInForce([v1, v3], Date.parse('2026-03-21T06:00:00Z'), calendar)).toBe(v3);
  });

  it('throws when no version is in force yet', () => {
    expect(() => policyInForce([v2, v3], Date.parse('2025-03-21T12:00:00Z'), calendar)).toThrow(
      new ServiceLevelClockError(
        'No service-level policy is in force on 1404/01/01: every version takes effect later',
      ),
    );
    expect(() => policyInForce([], Date.parse('2025-03-21T12:00:00Z'), calendar)).toThrow(
      /none is defined/,
    );
  });

  it('refuses two versions with the same effective date', () => {
    expect(() => policyInForce([v1, version('other', '1400/01/01')], SOME_DAY, calendar)).toThrow(
      /"2021" and "other" are both effective from 1400\/01\/01/,
    );
  });

  it('refuses two versions with the same name', () => {
    expect(() => policyInForce([v1, version('2021', '1401/01/01')], SOME_DAY, calendar)).toThrow(
      /version "2021" is defined twice/,
    );
  });

  it('refuses an invalid policy in the list', () => {
    expect(() => policyInForce([v1, version('bad', '1404/12/30')], SOME_DAY, calendar)).toThrow(
      /not a valid Jalali date/,
    );
  });

  it('refuses a non-finite instant', () => {
    expect(() => policyInForce([v1], NaN, calendar)).toThrow(/atMs/);
  });
});

describe('validateServiceLevelPolicy', () => {
  it.each<[string, Partial<ServiceLevelPolicy>, RegExp]>([
    ['an empty version', { version: ' ' }, /non-empty version/],
    ['an impossible effective date', { effectiveFrom: '1404/07/31' }, /not a valid Jalali date/],
    [
      'a zero target',
      { targets: { ...DEFAULT_SERVICE_LEVEL_POLICY.targets, scheduling: 0 } },
      /targets\.scheduling must be a positive number/,
    ],
    [
      'a non-finite target',
      { targets: { ...DEFAULT_SERVICE_LEVEL_POLICY.targets, wholeCase: Infinity } },
      /targets\.wholeCase/,
    ],
    ['a negative correction window', { correctionWindow: -1 }, /correctionWindow/],
    ['a negative reminder', { reminderBeforeWorkingDays: -1 }, /reminderBeforeWorkingDays/],
  ])('refuses %s', (_, change, message) => {
    expect(() =>
      validateServiceLevelPolicy({ ...DEFAULT_SERVICE_LEVEL_POLICY, ...change }),
    ).toThrow(message);
  });

  it('allows a reminder of zero days', () => {
    expect(() =>
      validateServiceLevelPolicy({ ...DEFAULT_SERVICE_LEVEL_POLICY, reminderBeforeWorkingDays: 0 }),
    ).not.toThrow();
  });
});
