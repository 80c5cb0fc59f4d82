import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS_ENV } from './harness-env';

/** The built worker entry: `npm test` builds dist/ before jest runs. */
export const WORKER_SCRIPT = join(__dirname, '..', '..', '..', 'dist', 'src', 'worker.main.js');

export function requireBuiltWorker(): void {
  if (!existsSync(WORKER_SCRIPT))
    throw new Error('dist/ is missing: npm test builds it before jest');
}

/**
 * Starts the real worker process against the harness's Temporal and PostgreSQL on its own task
 * queue, and resolves once it has logged 'worker started'.
 */
export async function startWorkerProcess(
  taskQueue: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info', // start-up is recognised by its 'worker started' line
      DATABASE_URL: process.env[HARNESS_ENV.databaseUrl],
      TEMPORAL_ADDRESS: process.env[HARNESS_ENV.temporalAddress],
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    // Bundling the workflows takes seconds; on a very busy machine a while longer, not forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start within 120 s:\n${output.slice(-4000)}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.WORKER_PROCESS_LOG === '1') process.stderr.write(chunk);
      if (output.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before starting:\n${output}`));
    });
  });
  return child;
}

/** SIGKILL: no shutdown hook runs, in-flight work is simply lost. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
