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
  const env = await createTimeSkippingEnvironment(path);
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

/**
 * The SDK gives the test server a fixed five seconds to answer (sdk-core's ephemeral server
 * polls 50 × 100 ms; no option changes it). A JVM on a loaded two-core machine can take longer,
 * and the file then failed before any test ran. A start that timed out is tried again, at most
 * three times in all, and each retry is said; every other failure is final.
 */
async function createTimeSkippingEnvironment(path: string): Promise<TestWorkflowEnvironment> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path } },
      });
    } catch (error) {
      const timedOut = /did not start within/.test(String(error));
      if (!timedOut || attempt === attempts) throw error;
      process.stderr.write(
        `[vehicle-permit] the time-skipping test server did not answer within the SDK's 5 s ` +
          `(attempt ${attempt} of ${attempts}); starting it again\n`,
      );
    }
  }
}
