import { startOfLocalDayMs, ServiceLevelClockError } from '../../workflows/common/sla/calendar';
import type { ComplaintServiceLevel } from '../../workflows/complaint/complaint.types';
import { caseServiceLevelAt } from '../cases/case-service-level';

/**
 * A version of the complaint response target (docs/domain.md §4.2: complaints are tracked like requests).
 * Versions carry an effective date, as the case policy's do; a complaint keeps the version in
 * force on the (Tehran) day it was filed.
 */
export interface ComplaintResponsePolicy {
  readonly version: string;
  /** Jalali 'YYYY/MM/DD': in force from that local day on. */
  readonly effectiveFrom: string;
  /** Working days from filing to the answer. */
  readonly responseWorkingDays: number;
  /** Working days before the target that its reminder goes out. */
  readonly reminderBeforeWorkingDays: number;
  /** Who hears when the target passes unanswered (as a case's breaches: the supervisor). */
  readonly escalateToRole: string;
}

/** The defaults, for the directorate to edit by adding a version (a code change, like cases'). */
export const COMPLAINT_RESPONSE_POLICIES: readonly ComplaintResponsePolicy[] = [
  {
    version: 'complaints-1',
    effectiveFrom: '1400/01/01',
    responseWorkingDays: 5,
    reminderBeforeWorkingDays: 1,
    escalateToRole: 'SUPERVISOR',
  },
];

/** The version whose effective local day is the latest not after the instant's. */
export function complaintPolicyInForce(
  policies: readonly ComplaintResponsePolicy[],
  atMs: number,
  zone: { utcOffsetMinutes: number },
): ComplaintResponsePolicy {
  let chosen: { policy: ComplaintResponsePolicy; fromMs: number } | undefined;
  const seen = new Map<number, string>();
  for (const policy of policies) {
    if (!(policy.responseWorkingDays > 0) || !(policy.reminderBeforeWorkingDays >= 0)) {
      throw new ServiceLevelClockError(
        `Complaint response policy "${policy.version}": responseWorkingDays must be positive ` +
          'and reminderBeforeWorkingDays non-negative',
      );
    }
    const fromMs = startOfLocalDayMs(policy.effectiveFrom, zone);
    const clash = seen.get(fromMs);
    if (clash !== undefined) {
      throw new ServiceLevelClockError(
        `Complaint response policies "${clash}" and "${policy.version}" are both effective ` +
          `from ${policy.effectiveFrom}`,
      );
    }
    seen.set(fromMs, policy.version);
    if (fromMs <= atMs && (!chosen || fromMs > chosen.fromMs)) chosen = { policy, fromMs };
  }
  if (!chosen) throw new ServiceLevelClockError('No complaint response policy is in force');
  return chosen.policy;
}

/**
 * The response target a complaint filed at `atMs` keeps for life: the policy version in force
 * that day and the working calendar as cases get it (the province's Thursday setting, the
 * official holidays and closures administrators keep).
 */
export function complaintServiceLevelAt(
  atMs: number,
  options: Parameters<typeof caseServiceLevelAt>[1],
  policies: readonly ComplaintResponsePolicy[] = COMPLAINT_RESPONSE_POLICIES,
): ComplaintServiceLevel {
  const { calendar } = caseServiceLevelAt(atMs, options);
  const policy = complaintPolicyInForce(policies, atMs, calendar);
  return {
    policyVersion: policy.version,
    responseWorkingDays: policy.responseWorkingDays,
    reminderBeforeWorkingDays: policy.reminderBeforeWorkingDays,
    escalateToRole: policy.escalateToRole,
    calendar,
  };
}
