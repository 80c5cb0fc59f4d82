import { randomUUID } from 'node:crypto';
import { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import request from 'supertest';
import { caseServiceLevelAt } from '../../src/cases/case-service-level';
import { generateTrackingCode } from '../../src/common/tracking-code';
import { caseWorkflowId, getCaseStateQuery } from '../../workflows/case/case.messages';
import type { CaseRegistration } from '../../workflows/case/case.types';
import type { CaseWorkflow } from '../../workflows/case/case.messages';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn, type TestUser } from './harness/identity';

/**
 * The operators' console against the real dev server: visibility filters, a case's history,
 * "why is it stuck" for a case past its deadline and for a case whose activity fails, retry by
 * a safe reset, terminate, and bulk cancel only on the set a dry run showed. Every case here
 * belongs to agencies this file creates, and every query is scoped to this stack's own task
 * queue: no other test file's workflow is touched.
 */
describe('operations: the operators’ console over Temporal', () => {
  let stack: RunningStack;
  let operator: TestUser & { auth: string };
  const clerks = new Map<string, TestUser & { auth: string }>();
  const triggers: string[] = [];

  const api = () => request(stack.baseUrl);
  const asOperator = (path: string) => api().get(path).set('authorization', operator.auth);
  const postAsOperator = (path: string, body: object) =>
    api().post(path).set('authorization', operator.auth).send(body);

  async function newAgency(label: string): Promise<string> {
    const agencyId = await createAgency(stack.dataSource, `operations ${label}`);
    clerks.set(agencyId, await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId));
    return agencyId;
  }

  async function register(
    agencyId: string,
    justification = 'خودروی فرسوده آزمون عملیات',
  ): Promise<string> {
    const res = await api()
      .post('/cases')
      .set('authorization', clerks.get(agencyId)!.auth)
      .send({
        requestType: 'SCRAP',
        justification,
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      })
      .expect(201);
    return res.body.id as string;
  }

  const count = async (query: string) =>
    (await asOperator(`/operations/cases/count?${query}`).expect(200)).body.count as number;

  /** Visibility is eventually consistent: poll until the count is what we expect. */
  const countBecomes = (query: string, expected: number) =>
    eventually(async () => ((await count(query)) === expected ? true : undefined), 30_000);

  beforeAll(async () => {
    stack = await startStack();
    operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
  });
  afterAll(async () => {
    for (const name of triggers) {
      await stack.dataSource.query(`DROP TRIGGER IF EXISTS ${name} ON cases`);
      await stack.dataSource.query(`DROP FUNCTION IF EXISTS ${name}()`);
    }
    await stack?.close();
  });

  it('lists and counts case workflows by agency, stage, request type, breach and running/closed', async () => {
    const a = await newAgency('filters a');
    const b = await newAgency('filters b');
    const [a1, a2] = [await register(a), await register(a)];
    await register(b);
    await countBecomes(`agencyId=${a}&stage=UNDER_REVIEW`, 2);
    // b's case started last: visibility may not have it under review yet when a's two are.
    await countBecomes(`agencyId=${b}&stage=UNDER_REVIEW&requestType=SCRAP`, 1);
    expect(await count(`agencyId=${a}&requestType=PURCHASE`)).toBe(0);
    expect(await count(`agencyId=${a}&breached=false`)).toBe(2);
    expect(await count(`agencyId=${a}&breached=true`)).toBe(0);
    expect(await count(`agencyId=${a}&status=closed`)).toBe(0);

    const list = await asOperator(`/operations/cases?agencyId=${a}&status=running`).expect(200);
    expect(list.body.query).toContain(`TaskQueue = '${stack.config.temporal.taskQueue}'`);
    expect(list.body.truncated).toBe(false);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual(
      [a1, a2].sort(),
    );
    expect(list.body.items[0]).toMatchObject({
      workflowId: expect.stringMatching(/^case-/),
      status: 'RUNNING',
      stage: 'UNDER_REVIEW',
      requestType: 'SCRAP',
      agencyId: a,
      breached: false,
      startedAtJalali: expect.stringMatching(/^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/),
    });
    expect(
      (await asOperator(`/operations/cases?agencyId=${a}&limit=1`).expect(200)).body,
    ).toMatchObject({
      truncated: true,
      items: [expect.anything()],
    });

    // Cancelled (the case's own operator update): the workflow closes, stage CANCELLED.
    await postAsOperator(`/cases/${a1}/cancel`, { reason: 'ثبت تکراری' }).expect(200);
    await countBecomes(`agencyId=${a}&status=closed`, 1);
    expect(await count(`agencyId=${a}&status=running`)).toBe(1);
    expect(await count(`agencyId=${a}&stage=CANCELLED`)).toBe(1);
    const closed = await asOperator(`/operations/cases?agencyId=${a}&status=closed`).expect(200);
    expect(closed.body.items).toEqual([
      expect.objectContaining({ caseId: a1, status: 'COMPLETED', stage: 'CANCELLED' }),
    ]);
  });

  it('shows a case’s history as lines, decoding payloads only when asked, and 404 for an unknown case', async () => {
    const agency = await newAgency('history');
    const caseId = await register(agency, 'متن ویژه تاریخچه برای رمزگشایی');
    await countBecomes(`agencyId=${agency}&stage=UNDER_REVIEW`, 1);
    const plain = await asOperator(`/operations/cases/${caseId}/history`).expect(200);
    expect(plain.headers['cache-control']).toBe('no-store');
    const types = plain.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('WORKFLOW_EXECUTION_STARTED');
    expect(types).toEqual(
      expect.arrayContaining(['ACTIVITY_TASK_COMPLETED', 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES']),
    );
    const completed = plain.body.events.find(
      (e: { type: string }) => e.type === 'ACTIVITY_TASK_COMPLETED',
    );
    expect(completed).toMatchObject({ activityType: 'recordCaseRegistered', attempt: 1 });
    expect(JSON.stringify(plain.body)).not.toContain('متن ویژه تاریخچه');
    const decoded = await asOperator(`/operations/cases/${caseId}/history?payloads=true`).expect(
      200,
    );
    expect(JSON.stringify(decoded.body.events[0].payloads)).toContain('متن ویژه تاریخچه');

    await asOperator(`/operations/cases/${randomUUID()}/history`).expect(404);
    await asOperator(`/operations/cases/${caseId}/history?payloads=maybe`).expect(400);
  });

  it('explains a case waiting on a reviewer past its deadline', async () => {
    const agency = await newAgency('deadline');
    // Registered 90 days ago (e.g. carried over from paper): the whole-case target of 30 working
    // days has passed, so the workflow's own timer records the breach at once.
    const caseId = randomUUID();
    const registeredAt = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const registration: CaseRegistration = {
      caseId,
      trackingCode: generateTrackingCode(),
      requestType: 'SCRAP',
      agencyId: agency,
      registeredBy: clerks.get(agency)!.id,
      justification: 'پرونده قدیمی منتظر بررسی',
      vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      registeredAt,
    };
    const handle = await stack.client.workflow.start<CaseWorkflow>('caseWorkflow', {
      taskQueue: stack.config.temporal.taskQueue,
      workflowId: caseWorkflowId(caseId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          registration,
          serviceLevel: caseServiceLevelAt(Date.parse(registeredAt), {
            thursdayIsWorkingDay: false,
          }),
        },
      ],
    });
    await eventually(async () =>
      (await handle.query(getCaseStateQuery)).breaches.length > 0 ? true : undefined,
    );
    await countBecomes(`agencyId=${agency}&breached=true&stage=UNDER_REVIEW`, 1);

    // The breach's own steps (its notification intents) are activities that may still be in
    // flight on a busy machine: wait until the case is only waiting, which is what is explained.
    const stuck = await eventually(async () => {
      const res = await asOperator(`/operations/cases/${caseId}/stuck`).expect(200);
      return (res.body as { pendingActivities: unknown[] }).pendingActivities.length === 0
        ? res
        : undefined;
    });
    expect(stuck.body).toMatchObject({
      caseId,
      status: 'RUNNING',
      diagnosis: 'WAITING_PAST_DEADLINE',
      summary: { fa: expect.any(String), en: expect.any(String) },
      stage: 'UNDER_REVIEW',
      waitingOn: 'REVIEWER',
      sinceJalali: expect.any(String),
      liveAnswered: true,
      lastError: null,
      pendingActivities: [],
    });
    expect(stuck.body.overdueDeadlines).toEqual([
      expect.objectContaining({
        target: 'wholeCase',
        overdue: true,
        breachedAt: expect.any(String),
      }),
    ]);
    // Still ahead: the document review's own deadline, from when review began.
    expect(stuck.body.nextDeadline).toMatchObject({ target: 'documentReview', overdue: false });
    expect(Date.parse(stuck.body.nextDeadline.dueAt)).toBeGreaterThan(Date.now());
    await eventually(async () => {
      const again = await asOperator(`/operations/cases/${caseId}/stuck`).expect(200);
      return again.body.readModel?.slaBreached ? again.body : undefined;
    });
    // Nothing is failing: there is nothing to retry.
    const retry = await postAsOperator(`/operations/cases/${caseId}/retry`, { reason: 'آزمون' });
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('OPERATIONS.NOTHING_TO_RETRY');
  });

  it('explains a case whose activity keeps failing, and retries it by a safe reset once the cause is fixed', async () => {
    const agency = await newAgency('failing');
    // The read model refuses this agency's rows (only this agency's: other files are untouched).
    const trigger = `ops_test_refuse_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    triggers.push(trigger);
    await stack.dataSource.query(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'operations test: the read model refuses this row'; END $$`,
    );
    await stack.dataSource.query(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON cases FOR EACH ROW
       WHEN (NEW.agency_id = '${agency}') EXECUTE FUNCTION ${trigger}()`,
    );
    const caseId = await register(agency);
    const pending = await eventually(async () => {
      const res = await asOperator(`/operations/cases/${caseId}/pending`).expect(200);
      const activity = res.body.pendingActivities[0];
      return activity && activity.attempt >= 3 ? res.body : undefined;
    }, 30_000);
    expect(pending.pendingActivities[0]).toMatchObject({
      activityType: 'recordCaseRegistered',
      lastFailure: { message: expect.stringContaining('the read model refuses this row') },
      nextAttemptAtJalali: expect.any(String),
    });

    const stuck = await asOperator(`/operations/cases/${caseId}/stuck`).expect(200);
    expect(stuck.body).toMatchObject({
      diagnosis: 'ACTIVITY_FAILING',
      stage: 'REGISTERED',
      waitingOn: 'SYSTEM',
      readModel: null,
      lastError: {
        source: 'pending-activity',
        activityType: 'recordCaseRegistered',
        attempt: expect.any(Number),
        failure: { message: expect.stringContaining('the read model refuses this row') },
      },
    });
    expect(stuck.body.lastError.attempt).toBeGreaterThanOrEqual(3);

    // The cause is fixed; the operator does not wait for the back-off: retry now.
    await stack.dataSource.query(`DROP TRIGGER ${trigger} ON cases`);
    const before = await stack.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
    const retried = await postAsOperator(`/operations/cases/${caseId}/retry`, {
      reason: 'پایگاه داده درست شد؛ تلاش دوباره',
    }).expect(200);
    expect(retried.body).toMatchObject({
      workflowId: caseWorkflowId(caseId),
      previousRunId: before.runId,
      retriedActivities: ['recordCaseRegistered'],
    });
    expect(retried.body.runId).not.toBe(before.runId);
    const state = await eventually(async () => {
      const res = await asOperator(`/cases/${caseId}`).expect(200);
      return res.body.stage === 'UNDER_REVIEW' ? res.body : undefined;
    }, 10_000);
    expect(state.live.stage).toBe('UNDER_REVIEW');
    const after = await stack.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
    expect(after.runId).toBe(retried.body.runId);
    const oldRun = await stack.client.workflow
      .getHandle(caseWorkflowId(caseId), before.runId)
      .describe();
    expect(oldRun.status.name).toBe('TERMINATED');

    // The new run's history names the reset, with the operator's reason opened for operators…
    const history = await asOperator(`/operations/cases/${caseId}/history`).expect(200);
    const reset = history.body.events.find(
      (e: { reason?: string }) => e.reason === 'RESET_WORKFLOW',
    );
    expect(reset.failure.message).toContain('پایگاه داده درست شد');
    expect(reset.failure.message).toContain(operator.id);
    const recorded = history.body.events.find(
      (e: { type: string; activityType?: string }) =>
        e.type === 'ACTIVITY_TASK_COMPLETED' && e.activityType === 'recordCaseRegistered',
    );
    expect(recorded.attempt).toBe(1);
    // …and sealed in Temporal itself.
    const raw = new Client({
      connection: stack.temporalConnection,
      namespace: stack.config.temporal.namespace,
    });
    const json = historyToJSON(await raw.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory());
    expect(json).not.toContain('پایگاه داده درست شد');
    expect(json).not.toContain('the read model refuses this row');
    expect((await asOperator(`/operations/cases/${caseId}/stuck`).expect(200)).body.diagnosis).toBe(
      'WAITING_ON_PERSON',
    );
  });

  it('terminates a case’s workflow with a sealed reason, and refuses to act on it again', async () => {
    const agency = await newAgency('terminate');
    const caseId = await register(agency);
    await countBecomes(`agencyId=${agency}&stage=UNDER_REVIEW`, 1);
    await postAsOperator(`/operations/cases/${caseId}/terminate`, { reason: '' }).expect(400);
    const done = await postAsOperator(`/operations/cases/${caseId}/terminate`, {
      reason: 'گردش کار معیوب؛ پایان دستی',
    }).expect(200);
    expect(done.body.status).toBe('TERMINATED');
    const history = await asOperator(`/operations/cases/${caseId}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'WORKFLOW_EXECUTION_TERMINATED',
      reason: expect.stringContaining('گردش کار معیوب'),
    });
    const again = await postAsOperator(`/operations/cases/${caseId}/terminate`, {
      reason: 'دوباره',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OPERATIONS.WORKFLOW_CLOSED');
    const stuck = await asOperator(`/operations/cases/${caseId}/stuck`).expect(200);
    expect(stuck.body).toMatchObject({ status: 'TERMINATED', diagnosis: 'CLOSED' });
  });

  it('bulk-cancels exactly the set its dry run counted, and refuses when the set changed', async () => {
    const agency = await newAgency('bulk');
    const bystander = await newAgency('bulk bystander');
    for (let i = 0; i < 3; i++) await register(agency);
    const untouched = await register(bystander);
    await countBecomes(`agencyId=${agency}&status=running&stage=UNDER_REVIEW`, 3);

    // A bulk action needs a filter, and a dry run first.
    await postAsOperator('/operations/cases/bulk/dry-run', { action: 'CANCEL', filter: {} }).expect(
      400,
    );
    const filter = { agencyId: agency, stage: 'UNDER_REVIEW' };
    const first = await postAsOperator('/operations/cases/bulk/dry-run', {
      action: 'CANCEL',
      filter,
    }).expect(200);
    expect(first.body.count).toBe(3);
    expect(first.body.workflowIds).toHaveLength(3);

    // Another case arrives: the token no longer binds the set, nothing is cancelled.
    await register(agency);
    await countBecomes(`agencyId=${agency}&status=running&stage=UNDER_REVIEW`, 4);
    const refused = await postAsOperator('/operations/cases/bulk', {
      action: 'CANCEL',
      filter,
      token: first.body.token,
      reason: 'پاک‌سازی آزمون',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('OPERATIONS.BULK_SET_CHANGED');
    expect(await count(`agencyId=${agency}&status=running`)).toBe(4);

    const dry = await postAsOperator('/operations/cases/bulk/dry-run', {
      action: 'CANCEL',
      filter,
    }).expect(200);
    expect(dry.body.count).toBe(4);
    // The token is for this filter only.
    const otherFilter = await postAsOperator('/operations/cases/bulk', {
      action: 'CANCEL',
      filter: { agencyId: agency },
      token: dry.body.token,
      reason: 'پاک‌سازی آزمون',
    });
    expect(otherFilter.body.code).toBe('OPERATIONS.BULK_SET_CHANGED');
    const acted = await postAsOperator('/operations/cases/bulk', {
      action: 'CANCEL',
      filter,
      token: dry.body.token,
      reason: 'پاک‌سازی آزمون',
    }).expect(200);
    expect(acted.body.count).toBe(dry.body.count);
    expect(acted.body.done).toBe(dry.body.count);
    expect(acted.body.items.map((i: { workflowId: string }) => i.workflowId)).toEqual(
      dry.body.workflowIds,
    );
    await countBecomes(`agencyId=${agency}&stage=CANCELLED`, 4);
    expect(await count(`agencyId=${agency}&status=running`)).toBe(0);
    // The case of the other agency is untouched.
    const other = await asOperator(`/cases/${untouched}`).expect(200);
    expect(other.body.live.stage).toBe('UNDER_REVIEW');
  });
});
