import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap/create-app';
import {
  connectDatabase,
  connectTemporalClient,
  connectTemporalWorker,
} from '../src/bootstrap/dependencies';
import { type AppConfig, loadConfig } from '../src/config/configuration';
import { generatePayloadKey } from '../src/config/payload-keys';
import { temporalClient } from '../src/temporal/temporal-connection';
import { createCaseWorker } from '../src/worker/case-worker';
import { runMigrations } from '../scripts/lib/migrate';
import { freePort } from '../scripts/lib/processes';
import { say, step } from '../scripts/lib/progress';
import { registerSearchAttributes } from '../scripts/lib/search-attributes';
import { startEmbeddedPostgres } from '../scripts/provision/embedded-postgres';
import { ensureTemporalCli } from '../scripts/provision/temporal-cli';
import { startTemporalDevServer } from '../scripts/provision/temporal-dev-server';

/** Things to undo, last started first; each runs once even if stop is asked twice. */
export class Teardown {
  private readonly parts: { name: string; stop: () => Promise<void> | void }[] = [];
  private stopping: Promise<void> | undefined;

  add(name: string, stop: () => Promise<void> | void): void {
    this.parts.push({ name, stop });
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const part of this.parts.reverse()) {
        try {
          await part.stop();
        } catch (error) {
          say(`${part.name} did not stop cleanly: ${String(error)}`);
        }
      }
      this.parts.length = 0;
    })();
    return this.stopping;
  }
}

export interface BenchStack {
  config: AppConfig;
  /** The variables the stack was configured with (the load generator reads the same ones). */
  env: Record<string, string>;
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
}

/**
 * The servers and the service under test, exactly as the integration harness makes them:
 * a throw-away PostgreSQL and Temporal dev server on free ports, migrations, search attributes,
 * then the real worker and API in this process. Everything is registered with `teardown`.
 */
export async function startBenchStack(teardown: Teardown): Promise<BenchStack> {
  const provisioning = loadConfig({
    CACHE_DIR: process.env.CACHE_DIR,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
  });
  const cliPath = await step('Finding the Temporal CLI', () =>
    ensureTemporalCli({ cliPath: provisioning.temporal.cliPath, cacheDir: provisioning.cacheDir }),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'vehicle-permit-bench-'));
  chmodSync(scratch, 0o755); // as root PostgreSQL runs as `postgres` and must reach its data
  teardown.add('scratch directory', () => rmSync(scratch, { recursive: true, force: true }));

  const pgPort = await freePort();
  const postgres = await step(`Starting PostgreSQL on :${pgPort}`, () =>
    startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: pgPort }),
  );
  teardown.add('PostgreSQL', () => postgres.stop());

  const temporalPort = await freePort();
  const temporal = await step(`Starting the Temporal dev server on :${temporalPort}`, () =>
    startTemporalDevServer({
      cliPath,
      port: temporalPort,
      uiPort: 0,
      headless: true,
      namespace: 'default',
      retentionDays: 1,
    }),
  );
  teardown.add('Temporal dev server', () => temporal.stop());

  const migrations = await step('Running migrations', () => runMigrations(postgres.url, false));
  say(`${migrations.length} migrations applied`);

  const env: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    // A fresh key each run: both sides encrypt every payload, as the service always does.
    TEMPORAL_PAYLOAD_KEYS: generatePayloadKey('bench-1'),
    AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
    // One client address hammers the API: the per-address limits must not be what is measured
    // (the highest values the configuration accepts; ~11 s of tracking stays far below them).
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
    RATE_LIMIT_TRACKING_PER_MINUTE: '100000',
    RATE_LIMIT_TRACKING_PER_HOUR: '1000000',
  };
  const config = loadConfig(env);

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = await connectDatabase(config, postgres.url);
  const temporalConnection = await connectTemporalClient(config, temporal.address);
  const workerConnection = await connectTemporalWorker(config, temporal.address);
  const added = await registerSearchAttributes(temporalConnection, config.temporal.namespace);
  say(`search attributes: ${added.length === 0 ? 'all present' : `added ${added.join(', ')}`}`);

  // Stopped in reverse: the worker first (its activities use the data source), then the API,
  // which closes the data source and the client connection (the fallback below covers a failed start).
  teardown.add('connections', async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await temporalConnection.close().catch(() => undefined);
  });
  teardown.add('worker connection', () => workerConnection.close());
  const started: { app?: INestApplication } = {};
  teardown.add('API', () => started.app?.close());
  const worker = await step('Starting the case worker (bundles the workflows)', () =>
    createCaseWorker({
      config,
      connection: workerConnection,
      dataSource,
      client: temporalClient(config.temporal, temporalConnection),
    }),
  );
  const running = worker.run();
  running.catch((error: unknown) => say(`the case worker failed: ${String(error)}`));
  teardown.add('case worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
  });
  const app = await step('Starting the API', async () => {
    started.app = await createApp(config, { dataSource, temporalConnection });
    await started.app.listen(0, '127.0.0.1');
    return started.app;
  });
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { config, env, app, baseUrl: `http://127.0.0.1:${port}`, dataSource };
}
