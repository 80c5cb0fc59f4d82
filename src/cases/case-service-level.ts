import type { CaseServiceLevel } from '../../workflows/case/case.types';
import { defaultWorkingCalendar } from '../../workflows/common/sla/default-calendar-data';
import {
  DEFAULT_SERVICE_LEVEL_POLICY,
  policyInForce,
  ServiceLevelPolicy,
} from '../../workflows/common/sla/policy';

/**
 * The policy versions, each with its effective date: the defaults of docs/domain.md §3.1 (a new
 * version is a code change here; holidays and closures are data administrators keep).
 */
const SERVICE_LEVEL_POLICIES: readonly ServiceLevelPolicy[] = [DEFAULT_SERVICE_LEVEL_POLICY];

/**
 * The service level a case registered at `atMs` is pinned to for life: the policy in force on
 * that (Tehran) day and the working calendar, handed to its workflow as input.
 */
export function caseServiceLevelAt(
  atMs: number,
  options: {
    thursdayIsWorkingDay: boolean;
    /** The official holidays administrators keep; the built-in list when left out (tools, tests). */
    holidays?: readonly string[];
    closures?: readonly string[];
  },
): CaseServiceLevel {
  const builtIn = defaultWorkingCalendar({ thursdayIsWorkingDay: options.thursdayIsWorkingDay });
  const calendar = {
    ...builtIn,
    holidays: [...(options.holidays ?? builtIn.holidays)],
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
