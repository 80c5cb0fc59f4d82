import type { CaseServiceLevel } from '../../workflows/case.types';
import { defaultWorkingCalendar } from '../../workflows/sla/default-calendar-data';
import {
  DEFAULT_SERVICE_LEVEL_POLICY,
  policyInForce,
  ServiceLevelPolicy,
} from '../../workflows/sla/policy';

/**
 * The policy versions, each with its effective date. For now the defaults of design.md §3; the
 * reference-data issue moves versions and the holiday calendar into data an administrator edits.
 */
const SERVICE_LEVEL_POLICIES: readonly ServiceLevelPolicy[] = [DEFAULT_SERVICE_LEVEL_POLICY];

/**
 * The service level a case registered at `atMs` is pinned to for life: the policy in force on
 * that (Tehran) day and the working calendar, handed to its workflow as input.
 */
export function caseServiceLevelAt(
  atMs: number,
  options: { thursdayIsWorkingDay: boolean; closures?: readonly string[] },
): CaseServiceLevel {
  // Closures an administrator announced (reference data) join the default calendar.
  const calendar = {
    ...defaultWorkingCalendar({ thursdayIsWorkingDay: options.thursdayIsWorkingDay }),
    closures: [...(options.closures ?? [])],
  };
  return {
    policy: policyInForce(SERVICE_LEVEL_POLICIES, atMs, calendar),
    calendar,
    permitValidityDays: 180,
  };
}

/** The service level for a case registered now, on the default calendar (tests, tools). */
export function currentCaseServiceLevel(): CaseServiceLevel {
  return caseServiceLevelAt(Date.now(), { thursdayIsWorkingDay: false });
}
