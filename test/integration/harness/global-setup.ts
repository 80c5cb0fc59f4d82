import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/configuration';
import { runMigrations } from '../../../scripts/lib/migrate';
import { freePort } from '../../../scripts/lib/processes';
import { say, step } from '../../../scripts/lib/progress';
import { startEmbeddedPostgres } from '../../../scripts/provision/embedded-postgres';
import { ensureTemporalCli } from '../../../scripts/provision/temporal-cli';
import { ensureTemporalTestServer } from '../../../scripts/provision/temporal-test-server';
import { startTemporalDevServer } from '../../../scripts/provision/temporal-dev-server';
import { HARNESS_ENV, type HarnessState } from './harness-env';

/**
 * Starts the real servers the integration tests use, on free ports, with throw-away data:
 * PostgreSQL (embedded binaries) and the Temporal dev server. Provisions (once, cached) the
 * Temporal CLI and the Java time-skipping test server. Teardown stops them, pass or fail.
 */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  const [cliPath, testServerPath] = await step('Provisioning Temporal servers for the tests', () =>
    Promise.all([
      ensureTemporalCli({ cliPath: config.temporal.cliPath, cacheDir: config.cacheDir }),
      ensureTemporalTestServer({
        testServerPath: config.temporal.testServerPath,
        cacheDir: config.cacheDir,
      }),
    ]),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'vehicle-permit-test-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as the unprivileged `postgres` user and must reach its data
  const pgPort = await freePort();
  const postgres = await step('Starting PostgreSQL for the tests', () =>
    startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: pgPort }),
  );
  const port = await freePort();
  const temporal = await step('Starting the Temporal dev server for the tests', () =>
    startTemporalDevServer({
      cliPath,
      port,
      uiPort: 0,
      headless: true,
      namespace: 'default',
      retentionDays: 1,
    }),
  );
  await runMigrations(postgres.url, false);
  const state: HarnessState = { scratch, stop: [() => temporal.stop(), () => postgres.stop()] };
  (globalThis as { __harness?: HarnessState }).__harness = state;
  // The migrated database is only a template: each test file gets a copy of its own
  // (per-file-database.ts), so no file sees what another left behind.
  process.env[HARNESS_ENV.templateDatabaseUrl] = postgres.url;
  process.env[HARNESS_ENV.temporalAddress] = temporal.address;
  process.env[HARNESS_ENV.testServerPath] = testServerPath;
  process.env[HARNESS_ENV.cliPath] = cliPath;
  say(`test servers ready: PostgreSQL :${pgPort}, Temporal ${temporal.address}`);
}
