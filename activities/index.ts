import { createCaseActivities, type CaseActivityDeps } from './case.activities';

export type { CaseActivities } from './case.activities';

/** Every activity the worker registers, built from dependencies the worker's Nest context provides. */
export function createActivities(deps: CaseActivityDeps) {
  return { ...createCaseActivities(deps) };
}
