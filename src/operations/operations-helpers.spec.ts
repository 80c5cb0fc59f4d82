import { BULK_TOKEN_TTL_MS, checkBulkToken, issueBulkToken } from './bulk-token';
import { planReset } from './reset-point';
import { caseVisibilityQuery, quote } from './visibility-query';

describe('caseVisibilityQuery', () => {
  it('scopes to case workflows of the task queue and adds each filter', () => {
    expect(
      caseVisibilityQuery('q1', {
        stage: 'UNDER_REVIEW',
        requestType: 'SCRAP',
        agencyId: '7d3f0c1e-1b2a-4c5d-8e9f-0a1b2c3d4e5f',
        breached: true,
        status: 'running',
      }),
    ).toBe(
      "WorkflowType = 'caseWorkflow' AND TaskQueue = 'q1' AND CaseStage = 'UNDER_REVIEW' AND " +
        "RequestType = 'SCRAP' AND AgencyId = '7d3f0c1e-1b2a-4c5d-8e9f-0a1b2c3d4e5f' AND " +
        "SlaBreached = true AND ExecutionStatus = 'Running'",
    );
    expect(caseVisibilityQuery('q', { status: 'closed', breached: false })).toContain(
      "SlaBreached = false AND ExecutionStatus != 'Running'",
    );
  });

  it('quotes string literals', () => {
    expect(quote("a'b\\c")).toBe("'a\\'b\\\\c'");
  });
});

describe('bulk token', () => {
  const selection = {
    userId: 'u1',
    action: 'CANCEL',
    query: 'q',
    workflowIds: ['case-b', 'case-a'],
  };
  it('binds the exact set, in any order, for its lifetime', () => {
    const { token } = issueBulkToken('secret', selection, 1_000_000_000_000);
    const at = 1_000_000_000_000 + 1000;
    expect(
      checkBulkToken('secret', token, { ...selection, workflowIds: ['case-a', 'case-b'] }, at),
    ).toBe('ok');
    expect(checkBulkToken('secret', token, { ...selection, workflowIds: ['case-a'] }, at)).toBe(
      'changed',
    );
    expect(checkBulkToken('secret', token, { ...selection, query: 'q2' }, at)).toBe('changed');
    expect(checkBulkToken('secret', token, { ...selection, userId: 'u2' }, at)).toBe('changed');
    expect(checkBulkToken('other', token, selection, at)).toBe('changed');
    expect(checkBulkToken('secret', token, selection, at + BULK_TOKEN_TTL_MS)).toBe('expired');
    expect(checkBulkToken('secret', 'nonsense', selection, at)).toBe('malformed');
  });
});

describe('planReset', () => {
  const ev = (eventId: number, type: string) => ({ eventId, type });
  const start = [
    ev(1, 'WORKFLOW_EXECUTION_STARTED'),
    ev(2, 'WORKFLOW_TASK_SCHEDULED'),
    ev(3, 'WORKFLOW_TASK_STARTED'),
    ev(4, 'WORKFLOW_TASK_COMPLETED'),
  ];
  it('resets to the last completed workflow task when only its commands follow', () => {
    const plan = planReset([
      ...start,
      ev(5, 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
      ev(6, 'ACTIVITY_TASK_SCHEDULED'),
    ]);
    expect(plan).toEqual({
      ok: true,
      workflowTaskFinishEventId: 4,
      discarded: [ev(5, 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'), ev(6, 'ACTIVITY_TASK_SCHEDULED')],
    });
  });
  it('refuses when something happened after that task', () => {
    const plan = planReset([
      ...start,
      ev(5, 'ACTIVITY_TASK_SCHEDULED'),
      ev(6, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED'),
    ]);
    expect(plan).toEqual({
      ok: false,
      reason: 'events-after-point',
      blocking: [ev(6, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED')],
    });
    expect(planReset(start.slice(0, 3))).toEqual({
      ok: false,
      reason: 'no-completed-workflow-task',
    });
  });
  it('accepts failed workflow task attempts after the point (a bug being retried)', () => {
    const plan = planReset([
      ...start,
      ev(5, 'WORKFLOW_TASK_SCHEDULED'),
      ev(6, 'WORKFLOW_TASK_STARTED'),
      ev(7, 'WORKFLOW_TASK_FAILED'),
    ]);
    expect(plan.ok && plan.workflowTaskFinishEventId).toBe(4);
  });
});
