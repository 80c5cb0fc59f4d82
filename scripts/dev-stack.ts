// `npm start`: the whole service on one machine. Embedded PostgreSQL and Temporal dev server unless
// DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; then migrations, the worker and the API as
// separate processes, exactly as they run in production. Ctrl-C stops everything in order.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  AppConfig,
  ConfigurationError,
  loadConfig,
  PROJECT_ROOT,
} from '../src/config/configuration';
import { randomBytes } from 'node:crypto';
import { generatePayloadKey } from '../src/config/payload-keys';
import { firstStartAccounts, formatCredentials } from './lib/first-start';
import { runMigrations } from './lib/migrate';
import { ProvisioningError, say, seconds, step } from './lib/progress';
import { ManagedProcess, pipeOutput, startProcess, waitUntil } from './lib/processes';
import { terminalLogWriter } from './lib/terminal-log';
import { startEmbeddedPostgres } from './provision/embedded-postgres';
import { ensureTemporalCli } from './provision/temporal-cli';
import { startTemporalDevServer } from './provision/temporal-dev-server';

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

const stack: Stoppable[] = [];
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) {
    say('still stopping, in order; please wait');
    return;
  }
  if (stack.length > 0) {
    shuttingDown = true;
    say('stopping: API and worker first, then Temporal, then PostgreSQL');
    // Reverse start order: the API and worker (started together) before the servers they use.
    for (const part of [...stack].reverse()) {
      try {
        await part.stop();
        say(`${part.name} stopped`);
      } catch (error) {
        say(`${part.name} did not stop cleanly: ${String(error)}`);
      }
    }
    rmSync(pidFile(), { force: true });
    say('all stopped');
  }
  process.exit(exitCode);
}

let config: AppConfig | undefined;
const pidFile = () => join(config?.dataDir ?? '.data', 'dev-stack.pids');

/** Marks every process this stack starts (they inherit it), so leftovers are recognised as ours. */
const STACK_MARKER = 'VEHICLE_PERMIT_STACK';

function isOurs(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`${STACK_MARKER}=${dataDir}\0`);
  } catch {
    return false;
  }
}

/**
 * Processes a previous `npm start` left behind (it was killed, not stopped) would hold ports.
 * A recorded pid is killed only if that process still carries this stack's marker: after a
 * reboot the same number may belong to something else.
 */
function stopLeftovers(dataDir: string): void {
  if (!existsSync(pidFile())) return;
  for (const pid of readFileSync(pidFile(), 'utf8').split(/\s+/).filter(Boolean).map(Number)) {
    if (!isOurs(pid, dataDir)) continue;
    try {
      process.kill(-pid, 'SIGKILL'); // each child runs in its own process group
      say(`stopped process group ${pid} left over from an earlier run`);
    } catch {
      /* already gone */
    }
  }
  rmSync(pidFile(), { force: true });
}

const started: ManagedProcess[] = [];

/** Records each child as soon as it starts, so a run killed at any point leaves a full list. */
function remember(processes: ManagedProcess[]): void {
  started.push(...processes);
  writeFileSync(pidFile(), started.map((p) => p.child.pid).join('\n'));
}

/**
 * The embedded stack encrypts payloads too, with a key made on first start and kept beside the
 * data it protects (a restart must read its earlier histories). Never used outside development.
 */
function developmentPayloadKeys(dataDir: string): string {
  const file = join(dataDir, 'payload-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const spec = generatePayloadKey('dev-1');
  writeFileSync(file, spec, { mode: 0o600 });
  return spec;
}

/** Likewise the key that signs access tokens: made once, kept in DATA_DIR, development only. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The children's JSON logs, as short pretty lines when a person is watching the terminal. */
const terminalLog = terminalLogWriter(process.stdout);

function child(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  watch?: (line: string) => void,
): ManagedProcess {
  // Own process group: Ctrl-C reaches only this orchestrator, which stops children in order.
  const managed = startProcess(
    name,
    process.execPath,
    [join(PROJECT_ROOT, 'dist', 'src', script)],
    {
      env,
      detached: true,
    },
  );
  pipeOutput(managed, (line) => {
    watch?.(line);
    terminalLog(line);
  });
  void managed.exited.then((code) => {
    if (!shuttingDown) {
      say(`${name} exited unexpectedly (${code}); stopping the stack`);
      void shutdown(1);
    }
  });
  return managed;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loaded = loadConfig(); // throws ConfigurationError (one line) before anything starts
  config = loaded; // for shutdown()
  // Ctrl-C, a kill, or the terminal closing: stop everything in order.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(0));
  mkdirSync(loaded.dataDir, { recursive: true });
  stopLeftovers(loaded.dataDir);
  process.env[STACK_MARKER] = loaded.dataDir; // inherited by every child started below
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js'))) {
    throw new ProvisioningError(
      'dist/ is missing: run `npm run build` (npm start does this for you)',
    );
  }

  let databaseUrl = loaded.database.url;
  if (databaseUrl) {
    say('using the external PostgreSQL from DATABASE_URL');
  } else {
    const { dataDir, port } = loaded.database.embedded;
    const postgres = await step(
      `Starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`,
      () => startEmbeddedPostgres({ dataDir, port }),
    );
    stack.push({ name: 'PostgreSQL', stop: () => postgres.stop() });
    databaseUrl = postgres.url;
  }

  let temporalAddress = loaded.temporal.address;
  let temporalUi: string | undefined;
  if (temporalAddress) {
    say(
      `using the external Temporal at ${temporalAddress} (namespace ${loaded.temporal.namespace})`,
    );
  } else {
    const cliPath = await step('Locating the Temporal CLI', () =>
      ensureTemporalCli({ cliPath: loaded.temporal.cliPath, cacheDir: loaded.cacheDir }),
    );
    const { port, uiPort, dbFile, retentionDays } = loaded.temporal.embedded;
    const temporal = await step(
      `Starting the Temporal dev server on 127.0.0.1:${port} (SQLite ${dbFile})`,
      () =>
        startTemporalDevServer({
          cliPath,
          port,
          uiPort,
          dbFile,
          namespace: loaded.temporal.namespace,
          retentionDays,
        }),
    );
    stack.push({ name: 'Temporal dev server', stop: () => temporal.stop() });
    remember([temporal.process]);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const url = databaseUrl;
  const migrations = await step('Applying database migrations', () =>
    runMigrations(url, loaded.database.ssl),
  );
  say(migrations.length ? `applied: ${migrations.join(', ')}` : 'database schema is up to date');
  const credentials = await step('Checking first-start accounts', () =>
    firstStartAccounts(url, loaded.database.ssl, loaded.demoData),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
  };
  if (!loaded.temporal.payloadKeys) {
    if (loaded.temporal.address) {
      say('WARNING: TEMPORAL_PAYLOAD_KEYS is not set: payloads reach Temporal unencrypted');
    } else {
      env.TEMPORAL_PAYLOAD_KEYS = developmentPayloadKeys(loaded.dataDir);
      say(
        `payloads are encrypted with a development key kept in ${join(loaded.dataDir, 'payload-keys')}`,
      );
    }
  }
  if (!loaded.auth.jwtSecret) {
    env.AUTH_JWT_SECRET = developmentJwtSecret(loaded.dataDir);
    say(
      `access tokens are signed with a development key kept in ${join(loaded.dataDir, 'jwt-secret')}`,
    );
  }
  // Ready means both: an API whose worker is still bundling the workflows could answer a case's
  // read without its live state for the first seconds.
  let workerStarted!: () => void;
  const workerReady = new Promise<void>((resolve) => (workerStarted = resolve));
  const worker = child('worker', 'worker.main.js', env, (line) => {
    if (line.includes('worker started')) workerStarted();
  });
  const api = child('api', 'main.js', env);
  remember([worker, api]);
  stack.push({
    name: 'API and worker',
    stop: async () => {
      await Promise.all([
        api.stop('SIGTERM', loaded.shutdownTimeoutMs),
        worker.stop('SIGTERM', loaded.shutdownTimeoutMs),
      ]);
    },
  });

  const base = `http://${loaded.http.host === '0.0.0.0' ? '127.0.0.1' : loaded.http.host}:${loaded.http.port}`;
  await step('Waiting for the API to report ready', () =>
    waitUntil(
      'API /health/ready',
      async () => (await fetch(`${base}/health/ready`)).ok,
      120000,
      Promise.race([api.exited, worker.exited]),
    ),
  );
  // The worker says so in an info line; at a quieter LOG_LEVEL there is nothing to wait for.
  if (['trace', 'debug', 'info'].includes(loaded.logLevel))
    await step('Waiting for the worker to poll its task queue', () =>
      Promise.race([
        workerReady,
        worker.exited.then((code) => {
          throw new ProvisioningError(`the worker exited (${code}) before it started`);
        }),
      ]),
    );
  const lines = [
    '',
    `Vehicle permit service is running — سامانه صدور مجوز اسقاط، خرید و فروش خودرو دولتی (started in ${seconds(started)})`,
    `  Web app       ${base}/`,
    `  API           ${base}/api/v1`,
    `  OpenAPI docs  ${base}/api/docs   (JSON: ${base}/api/docs-json)`,
    `  Health        ${base}/health/ready`,
    temporalUi ? `  Temporal UI   ${temporalUi}` : `  Temporal      ${temporalAddress}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stderr.write(lines.join('\n'));
  // Printed once, to the terminal only: never through a logger, never stored in clear.
  if (credentials.length > 0) process.stdout.write(formatCredentials(credentials));
}

main().catch((error: unknown) => {
  const oneLine = error instanceof ConfigurationError || error instanceof ProvisioningError;
  say(
    oneLine
      ? (error as Error).message
      : `start failed: ${error instanceof Error ? error.stack : String(error)}`,
  );
  void shutdown(oneLine && error instanceof ConfigurationError ? 78 : 1);
});
