import type { CaseServiceLevel } from '../../workflows/case.types';
import { defaultWorkingCalendar } from '../../workflows/sla/default-calendar-data';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../../workflows/sla/policy';

/**
 * The service level a new case is pinned to. For now the defaults of design.md §3 and the
 * built-in holiday list; the reference-data issue makes policy versions and the calendar data
 * an administrator edits in the database.
 */
export function currentCaseServiceLevel(): CaseServiceLevel {
  return {
    policy: DEFAULT_SERVICE_LEVEL_POLICY,
    calendar: defaultWorkingCalendar({ thursdayIsWorkingDay: false }),
    permitValidityDays: 180,
  };
}
