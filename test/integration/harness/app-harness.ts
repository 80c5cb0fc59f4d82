import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApp } from '../../../src/bootstrap/create-app';
import { API_PREFIX } from '../../../src/common/api-prefix';
import {
  connectDatabase,
  connectTemporalClient,
  connectTemporalWorker,
} from '../../../src/bootstrap/dependencies';
import { AppConfig, loadConfig } from '../../../src/config/configuration';
import { NotificationDispatcher } from '../../../src/notifications/dispatcher';
import { safeMeta } from '../../../src/worker/temporal-logger';
import { createCaseWorker } from '../../../src/worker/case-worker';
import { temporalClient } from '../../../src/temporal/temporal-connection';
import { HARNESS_ENV } from './harness-env';

let runtimeInstalled = false;

/** Test-only payload key (never used outside tests). */
export const TEST_PAYLOAD_KEYS = 'test-1:dGVzdC1vbmx5LXBheWxvYWQta2V5LTMyLWJ5dGVzISE=';

/** Test-only token signing key. */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-at-least-32-characters-long';

/** Configuration for one test file: the harness's servers and a task queue of its own. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const databaseUrl = process.env[HARNESS_ENV.databaseUrl];
  const temporalAddress = process.env[HARNESS_ENV.temporalAddress];
  if (!databaseUrl || !temporalAddress)
    throw new Error('integration harness is not running (global-setup)');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    // A fixed, test-only key: histories these tests record stay replayable (test/replay-corpus).
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    // Sign-in back-off in milliseconds rather than seconds, so lockout tests stay quick.
    AUTH_BACKOFF_BASE_MS: '50',
    // Every test signs in from 127.0.0.1; the rate-limit tests lower these again.
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
    RATE_LIMIT_TRACKING_PER_MINUTE: '100000',
    RATE_LIMIT_TRACKING_PER_HOUR: '1000000',
    ...overrides,
  });
}

export interface RunningStack {
  config: AppConfig;
  temporalConnection: Connection;
  app: INestApplication;
  /** The API's base, `http://127.0.0.1:<port>/api/v1`: request paths are relative to it. */
  baseUrl: string;
  /** The server's origin, `http://127.0.0.1:<port>`: the web app, /health/*, /metrics, /api/docs. */
  origin: string;
  dataSource: DataSource;
  client: Client;
  worker: Worker;
  close(): Promise<void>;
}

/** The real API and a real worker, in this process, against the harness's servers. */
export async function startStack(config = testConfig()): Promise<RunningStack> {
  if (!runtimeInstalled) {
    // Warnings only, with errors reduced as the worker's own log does (no query parameters).
    Runtime.install({
      logger: new DefaultLogger('WARN', (entry) =>
        console.warn(`[${entry.level}] ${entry.message}`, safeMeta(entry.meta)),
      ),
    });
    runtimeInstalled = true;
  }
  const dataSource = await connectDatabase(config, config.database.url!);
  const temporalConnection: Connection = await connectTemporalClient(
    config,
    config.temporal.address!,
  );
  const workerConnection: NativeConnection = await connectTemporalWorker(
    config,
    config.temporal.address!,
  );
  const client = temporalClient(config.temporal, temporalConnection);
  const worker = await createCaseWorker({
    config,
    connection: workerConnection,
    dataSource,
    client,
  });
  const running = worker.run();
  const dispatcher = new NotificationDispatcher({
    dataSource,
    client,
    config,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  }).start();
  const app = await createApp(config, { dataSource, temporalConnection });
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };

  return {
    config,
    temporalConnection,
    app,
    baseUrl: `http://127.0.0.1:${address.port}/${API_PREFIX}`,
    origin: `http://127.0.0.1:${address.port}`,
    dataSource,
    client,
    worker,
    async close() {
      await dispatcher.stop();
      worker.shutdown();
      await running;
      await workerConnection.close();
      await app.close();
    },
  };
}

/** Polls (in real time) until `probe` returns a value that is not undefined. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A second API process, as another replica would be: its own app and database pool, the same servers. */
export interface ApiReplica {
  app: INestApplication;
  /** The API's base, as RunningStack's: http://127.0.0.1:<port>/api/v1. */
  baseUrl: string;
  origin: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Another API instance beside `stack` (no worker), against the same database and Temporal. */
export async function startApiReplica(
  stack: RunningStack,
  config: AppConfig = stack.config,
): Promise<ApiReplica> {
  const dataSource = await connectDatabase(config, config.database.url!);
  const app = await createApp(config, { dataSource, temporalConnection: stack.temporalConnection });
  app.useLogger(false);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}/${API_PREFIX}`,
    origin: `http://127.0.0.1:${address.port}`,
    dataSource,
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * A client address of the documentation range (2001:db8::/32), new each call: rate-limit tests
 * send it as X-Forwarded-For to a stack with TRUST_PROXY=loopback, so that their counters are
 * their own (the counters are in the database every stack of the file shares, and every test
 * connects from 127.0.0.1).
 */
export function testClientAddress(): string {
  const hex = randomUUID().replace(/-/g, '');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}::${hex.slice(8, 12)}`;
}
