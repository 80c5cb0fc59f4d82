import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startProcess } from '../lib/processes';
import { ProvisioningError, say, step } from '../lib/progress';

/** v1.5.1 is the newest tag `go install` accepts (later tags carry replace directives). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  return pathVariable
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command))
    .find(isExecutable);
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project's cache;
 * failing those, builds the pinned version with `go install` into the cache (once).
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
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;

  const installDir = join(options.cacheDir, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const cached = join(installDir, 'temporal');
  if (isExecutable(cached)) return cached;

  const go = onPath('go') ?? ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find(isExecutable);
  if (!go) {
    throw new ProvisioningError(
      'No Temporal CLI found and no Go toolchain to build one: install Go (https://go.dev/dl) ' +
        'or put a `temporal` binary on PATH, or set TEMPORAL_CLI_PATH',
    );
  }
  await step(
    `Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first run only; a few minutes)`,
    () => buildWithGo(go, installDir),
  );
  return cached;
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
