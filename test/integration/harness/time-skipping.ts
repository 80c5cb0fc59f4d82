import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { registerSearchAttributes } from '../../../scripts/lib/search-attributes';
import { HARNESS_ENV } from './harness-env';

export interface TimeSkippingRig {
  env: TestWorkflowEnvironment;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Temporal's Java time-skipping test server (provisioned by the harness) with the workflows'
 * search attributes registered and a running worker for `workflowsPath` and `activities`.
 */
export async function startTimeSkippingRig(options: {
  taskQueue: string;
  workflowsPath: string;
  activities: object;
}): Promise<TimeSkippingRig> {
  const path = process.env[HARNESS_ENV.testServerPath];
  if (!path) throw new Error('harness did not provision the test server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  const worker = await Worker.create({ connection: env.nativeConnection, ...options });
  const running = worker.run();
  return {
    env,
    worker,
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
