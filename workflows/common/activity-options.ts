import type { ActivityOptions } from '@temporalio/workflow';

/**
 * For read-model, notification and messaging writes that must eventually succeed: their
 * failures (a PostgreSQL outage, a worker briefly down) are transient, so they retry for as long
 * as it takes with a capped back-off (an operator sees the pending activity) rather than failing
 * the workflow. Each write is idempotent (keyed by the workflow's event), so a retry never
 * duplicates a row.
 */
export const EVENTUAL_WRITES: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};
