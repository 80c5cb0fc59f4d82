import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { CaseActivities, CaseStageChange } from '../../activities/case.activities';
import { caseWorkflowId, getCaseStateQuery } from '../../workflows/case.messages';
import type { CaseRegistration } from '../../workflows/case.types';
import { caseWorkflow } from '../../workflows/case.workflow';
import { HARNESS_ENV } from './harness/harness-env';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';

/**
 * Timer paths run on Temporal's Java time-skipping test server (provisioned by the harness):
 * `env.sleep` moves the server's clock, so days pass in milliseconds.
 */
describe('case workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    const path = process.env[HARNESS_ENV.testServerPath];
    if (!path) throw new Error('harness did not provision the test server');
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('records the registration, hands the case to review, and is still waiting on the reviewer 30 days later', async () => {
    const registered: CaseRegistration[] = [];
    const stages: CaseStageChange[] = [];
    const activities: CaseActivities = {
      recordCaseRegistered: (registration) => {
        registered.push(registration);
        return Promise.resolve();
      },
      recordCaseStage: (change) => {
        stages.push(change);
        return Promise.resolve();
      },
    };
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    const caseId = randomUUID();
    const registration: CaseRegistration = {
      caseId,
      trackingCode: '123456789018',
      requestType: 'PURCHASE',
      agencyId: 'agency-1',
      justification: 'نیاز به خودروی خدمت برای واحد بهداشت',
      vehicles: [{ usageClass: 'PICKUP', count: 2 }],
      registeredAt: '2026-11-26T05:00:00.000Z',
    };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(caseWorkflow, {
        workflowId: caseWorkflowId(caseId),
        taskQueue,
        args: [registration],
      });
      await env.sleep('30 days');
      const after = await handle.query(getCaseStateQuery);
      expect(after).toMatchObject({
        stage: 'UNDER_REVIEW',
        waitingOn: 'REVIEWER',
        trackingCode: '123456789018',
      });
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
    expect(registered).toEqual([registration]);
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({ caseId, stage: 'UNDER_REVIEW', waitingOn: 'REVIEWER' });
  });
});
