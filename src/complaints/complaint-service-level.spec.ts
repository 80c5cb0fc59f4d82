import { ServiceLevelClockError } from '../../workflows/common/sla/calendar';
import {
  COMPLAINT_RESPONSE_POLICIES,
  complaintPolicyInForce,
  complaintServiceLevelAt,
  type ComplaintResponsePolicy,
} from './complaint-service-level';

const TEHRAN = { utcOffsetMinutes: 210 };
const v1: ComplaintResponsePolicy = {
  version: 'c1',
  effectiveFrom: '1400/01/01',
  responseWorkingDays: 5,
  reminderBeforeWorkingDays: 1,
  escalateToRole: 'SUPERVISOR',
};
const v2: ComplaintResponsePolicy = {
  ...v1,
  version: 'c2',
  effectiveFrom: '1405/01/01',
  responseWorkingDays: 3,
};

describe('complaint response policy', () => {
  it('defaults to 5 working days, a reminder one day before, escalation to the supervisor', () => {
    const level = complaintServiceLevelAt(Date.parse('2025-11-22T05:30:00Z'), {
      thursdayIsWorkingDay: false,
      holidays: ['1404/09/03'],
      closures: ['1404/09/04'],
    });
    expect(level).toMatchObject({
      policyVersion: COMPLAINT_RESPONSE_POLICIES[0].version,
      responseWorkingDays: 5,
      reminderBeforeWorkingDays: 1,
      escalateToRole: 'SUPERVISOR',
    });
    // The calendar is the one cases get: the administrators' holidays and closures.
    expect(level.calendar.holidays).toEqual(['1404/09/03']);
    expect(level.calendar.closures).toEqual(['1404/09/04']);
  });

  it('keeps the version in force on the local day of filing', () => {
    // 1405/01/01 begins at 2026-03-20T20:30Z in Tehran.
    expect(
      complaintPolicyInForce([v1, v2], Date.parse('2026-03-20T20:29:59Z'), TEHRAN).version,
    ).toBe('c1');
    expect(
      complaintPolicyInForce([v1, v2], Date.parse('2026-03-20T20:30:00Z'), TEHRAN).version,
    ).toBe('c2');
  });

  it('refuses two versions on one day, a bad target, or none in force', () => {
    expect(() =>
      complaintPolicyInForce([v1, { ...v2, effectiveFrom: v1.effectiveFrom }], 0, TEHRAN),
    ).toThrow(ServiceLevelClockError);
    expect(() =>
      complaintPolicyInForce([{ ...v1, responseWorkingDays: 0 }], Date.now(), TEHRAN),
    ).toThrow(ServiceLevelClockError);
    expect(() => complaintPolicyInForce([v2], Date.parse('2025-01-01T00:00:00Z'), TEHRAN)).toThrow(
      ServiceLevelClockError,
    );
  });
});
