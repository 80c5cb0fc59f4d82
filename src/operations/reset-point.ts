/**
 * Where "retry a failed step" resets a case workflow to, and whether that is safe.
 *
 * With SDK 1.24 a pending activity stuck in its retries cannot be told to retry now; the honest
 * tool is a workflow reset: a new run that keeps the history up to a completed workflow task and
 * runs that task again, so the same code schedules the same activity afresh (attempt 1, at once).
 * It is safe only when nothing that happened after that task would be lost or done twice, so the
 * reset point is the LAST completed workflow task and after it we accept only the commands that
 * task issued (activities still pending, timers started, search attributes, markers) and failed
 * or timed-out workflow task attempts. A completed activity, a fired timer, a signal, an update,
 * a cancellation request… after it: refused, and the operator is told which events stand in the way.
 */

/** Events that may follow the reset point: re-issued identically by re-running the task. */
const REPLAYABLE_AFTER_POINT = new Set([
  'ACTIVITY_TASK_SCHEDULED',
  'TIMER_STARTED',
  'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  'WORKFLOW_PROPERTIES_MODIFIED',
  'MARKER_RECORDED',
  'WORKFLOW_TASK_SCHEDULED',
  'WORKFLOW_TASK_STARTED',
  'WORKFLOW_TASK_FAILED',
  'WORKFLOW_TASK_TIMED_OUT',
]);

export interface HistoryEventRef {
  eventId: number;
  /** Event type without the `EVENT_TYPE_` prefix, e.g. `ACTIVITY_TASK_SCHEDULED`. */
  type: string;
}

export type ResetPlan =
  | { ok: true; workflowTaskFinishEventId: number; discarded: HistoryEventRef[] }
  | { ok: false; reason: 'no-completed-workflow-task' }
  | { ok: false; reason: 'events-after-point'; blocking: HistoryEventRef[] };

export function planReset(events: readonly HistoryEventRef[]): ResetPlan {
  let point = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].type === 'WORKFLOW_TASK_COMPLETED') {
      point = i;
      break;
    }
  }
  if (point < 0) return { ok: false, reason: 'no-completed-workflow-task' };
  const after = events.slice(point + 1);
  const blocking = after.filter((e) => !REPLAYABLE_AFTER_POINT.has(e.type));
  if (blocking.length > 0) return { ok: false, reason: 'events-after-point', blocking };
  return { ok: true, workflowTaskFinishEventId: events[point].eventId, discarded: after };
}
