import { spawnSync } from 'node:child_process';
import { isExecutable } from '../lib/executables';
import { ProvisioningError, say, step } from '../lib/progress';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    throw new ProvisioningError(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
}

/**
 * The Chromium the browser tests drive (playwright-core cannot download its own browsers here):
 * CHROMIUM_PATH, else Debian's /usr/bin/chromium, else — when running as root, as CI does —
 * installed with apt-get (waiting for another apt-get holding the lock). Otherwise it says what
 * to run. Returns the executable's path.
 */
export async function ensureChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured))
      throw new ProvisioningError(`CHROMIUM_PATH=${configured} is not an executable file`);
    return configured;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new ProvisioningError(
      'The browser tests need Chromium: run `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  await step('Installing Chromium for the browser tests (apt-get install chromium)', () => {
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    run('apt-get', [...lock, 'update', '-qq']);
    run('apt-get', [...lock, 'install', '-y', '-qq', 'chromium']);
    return Promise.resolve();
  });
  if (!isExecutable(DEBIAN_CHROMIUM))
    throw new ProvisioningError(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing`);
  say(`Chromium at ${DEBIAN_CHROMIUM}`);
  return DEBIAN_CHROMIUM;
}
