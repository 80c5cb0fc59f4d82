import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/configuration';
import { startProcess } from '../lib/processes';
import { ProvisioningError, say, step } from '../lib/progress';

/** The API fuzzer of the test suite's fuzz stage (PyPI), pinned with hashes in the list below. */
export const SCHEMATHESIS_VERSION = '4.32.5';
export const SCHEMATHESIS_REQUIREMENTS = join(
  PROJECT_ROOT,
  'scripts',
  'provision',
  'schemathesis.requirements.txt',
);

/**
 * A Python virtualenv in the cache directory holding the pinned schemathesis; made once (pip
 * install --require-hashes, progress printed) and reused while the requirements list is unchanged.
 * Returns the virtualenv's python: run the fuzzer as `<python> -m schemathesis.cli`.
 */
export async function ensureSchemathesis(options: {
  cacheDir: string;
  python?: string;
}): Promise<string> {
  const requirements = readFileSync(SCHEMATHESIS_REQUIREMENTS);
  const digest = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  const home = join(options.cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}-${digest}`);
  const python = join(home, 'bin', 'python');
  if (existsSync(join(home, '.complete'))) return python;

  const base = options.python ?? findPython();
  await step(
    `Installing schemathesis ${SCHEMATHESIS_VERSION} into a virtualenv in ${options.cacheDir} (first run only)`,
    () => install(base, home),
  );
  return python;
}

function findPython(): string {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, venv; print(sys.version_info[:2])'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return candidate;
  }
  throw new ProvisioningError(
    'No Python 3 with the venv module found: the fuzz stage needs Python 3.11 (python3 on PATH)',
  );
}

async function install(basePython: string, home: string): Promise<void> {
  // Built beside its final place and renamed: an interrupted install never looks complete, and
  // two runs at once do not write into one folder. (A venv's own python finds its packages by
  // its pyvenv.cfg, so the renamed venv works when run as `<venv>/bin/python -m …`.)
  const scratch = `${home}.partial-${randomUUID().slice(0, 8)}`;
  try {
    await run('python -m venv', basePython, ['-m', 'venv', scratch]);
    await run('pip install', join(scratch, 'bin', 'python'), [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--progress-bar',
      'off',
      '--require-hashes',
      '--only-binary=:all:',
      '-r',
      SCHEMATHESIS_REQUIREMENTS,
    ]);
    await run('schemathesis --version', join(scratch, 'bin', 'python'), [
      '-m',
      'schemathesis.cli',
      '--version',
    ]);
    const done = join(scratch, '.complete');
    writeFileSync(done, `${SCHEMATHESIS_VERSION}\n`);
    if (existsSync(join(home, '.complete'))) return; // another run finished first
    rmSync(home, { recursive: true, force: true });
    renameSync(scratch, home);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs one install step, passing its output through as progress lines. */
function run(name: string, command: string, args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const { child } = startProcess(name, command, args, {
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n').filter((l) => l.trim())) say(`  ${line.trim()}`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) =>
      reject(new ProvisioningError(`cannot run ${name}: ${error.message}`)),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new ProvisioningError(`${name} failed (exit ${code}):\n${tail}`)),
    );
  });
}
