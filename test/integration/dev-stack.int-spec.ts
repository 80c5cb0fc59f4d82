import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/processes';
import { eventually } from './harness/app-harness';
import { HARNESS_ENV } from './harness/harness-env';

const root = join(__dirname, '..', '..');
const devStack = join(root, 'dist', 'scripts', 'dev-stack.js');
const api = join(root, 'dist', 'src', 'main.js');

interface Run {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Runs a built entry point in its own process group, the way a terminal runs `npm start`. */
function run(script: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [script], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Every process on this machine whose environment carries `marker` (our DATA_DIR). */
function processesMarkedWith(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) found.push(pid);
    } catch {
      /* gone or not ours to read */
    }
  }
  return found;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'NODE_ENV', 'HTTP_PORT', 'DATA_DIR'])
    delete env[name];
  return env;
}

describe('npm start (dist/scripts/dev-stack.js) as a newcomer uses it', () => {
  beforeAll(() => {
    if (!existsSync(devStack))
      throw new Error('dist/ is missing: npm test builds it (npm run build:ts) before jest');
  });

  it('starts everything, keeps a case across Ctrl-C and a second start, and leaves no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vehicle-permit-devstack-'));
    chmodSync(dataDir, 0o755);
    const httpPort = await freePort();
    const env = {
      ...baseEnv(),
      DATA_DIR: dataDir,
      HTTP_PORT: String(httpPort),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      EMBEDDED_TEMPORAL_PORT: String(await freePort()),
      EMBEDDED_TEMPORAL_UI_PORT: String(await freePort()),
      TEMPORAL_CLI_PATH: process.env[HARNESS_ENV.cliPath],
      LOG_LEVEL: 'warn',
    };
    const base = `http://127.0.0.1:${httpPort}/api/v1`;
    const startAndWait = async () => {
      const stack = run(devStack, env);
      await eventually(
        () => (stack.stderr().includes('Press Ctrl-C to stop.') ? true : undefined),
        120000,
      );
      return stack;
    };
    const stopLikeCtrlC = async (stack: Run) => {
      process.kill(-stack.child.pid!, 'SIGINT'); // the whole foreground group, as a terminal does
      expect(await stack.exited).toBe(0);
      expect(stack.stderr()).toContain('all stopped');
      expect(processesMarkedWith(dataDir)).toEqual([]);
    };

    try {
      const first = await startAndWait();
      expect(first.stderr()).toMatch(/OpenAPI docs +http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
      expect(first.stderr()).toMatch(/Temporal UI +http:\/\/127\.0\.0\.1:\d+/);
      // First start on an empty database: one administrator, its one-time password printed once.
      const adminPassword = /^ {2}admin +(\S+) +ADMINISTRATOR$/m.exec(first.stdout())?.[1];
      expect(adminPassword).toBeDefined();
      const call = async (path: string, token: string | undefined, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked below
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      const signInAndChange = async (username: string, password: string) => {
        const signedIn = await call('/auth/sign-in', undefined, { username, password });
        expect(signedIn.body.mustChangePassword).toBe(true);
        const changed = await call('/auth/change-password', signedIn.body.accessToken, {
          currentPassword: password,
          newPassword: 'Changed-Pass-1405',
        });
        expect(changed.status).toBe(200);
        return changed.body.accessToken as string;
      };
      const admin = await signInAndChange('admin', adminPassword!);
      const agency = await call('/agencies', admin, {
        name: 'اداره کل آزمایشی',
        nationalId: '10380284790',
        province: 'آذربایجان شرقی',
      });
      expect(agency.status).toBe(201);
      const created = await call('/admin/users', admin, {
        username: 'clerk.restart',
        displayName: 'کارمند آزمایشی',
        roles: ['CLERK'],
        agencyId: agency.body.id,
      });
      expect(created.status).toBe(201);
      const clerk = await signInAndChange('clerk.restart', created.body.temporaryPassword);

      const registered = await call('/cases', clerk, {
        requestType: 'SALE',
        justification: 'فروش خودروی مازاد بر نیاز اداره',
        vehicles: [{ plate: '45ج678-15', usageClass: 'PICKUP' }],
      });
      expect(registered.status).toBe(201);
      const { id, trackingCode } = registered.body as { id: string; trackingCode: string };
      await eventually(async () => {
        const { body } = await call(`/cases/${id}`, clerk);
        return body.stage === 'UNDER_REVIEW' ? true : undefined;
      });
      await stopLikeCtrlC(first);

      const second = await startAndWait();
      expect(second.stdout()).not.toContain('one-time passwords');
      // The token from before the restart still works: the signing key is kept in DATA_DIR.
      const again = await call(`/cases/${id}`, clerk);
      expect(again.body).toMatchObject({
        id,
        trackingCode,
        stage: 'UNDER_REVIEW',
        live: { stage: 'UNDER_REVIEW' },
      });
      await stopLikeCtrlC(second);
    } finally {
      for (const pid of processesMarkedWith(dataDir)) process.kill(Number(pid), 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      { TEMPORAL_ADDRESS: 'nonsense' },
      /^\[vehicle-permit\] Invalid configuration: TEMPORAL_ADDRESS must be host:port.*"nonsense"/,
    ],
    [{ HTTP_PORT: '80x' }, /^\[vehicle-permit\] Invalid configuration: HTTP_PORT /],
  ])('refuses bad configuration %p in one line, before starting anything', async (bad, message) => {
    const stack = run(devStack, { ...baseEnv(), ...bad });
    expect(await stack.exited).toBe(78);
    const lines = stack
      .stderr()
      .trim()
      .split('\n')
      .filter((l) => !/stopping|all stopped/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('stops the API process with one line when PostgreSQL cannot be reached', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    const apiRun = run(api, {
      ...baseEnv(),
      DATABASE_URL: `postgres://u:secret@127.0.0.1:${closedPort}/nothing`,
      TEMPORAL_ADDRESS: process.env[HARNESS_ENV.temporalAddress],
    });
    expect(await apiRun.exited).toBe(78);
    expect(apiRun.stderr().trim()).toMatch(
      new RegExp(
        `^api: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${closedPort}/nothing: .*ECONNREFUSED`,
      ),
    );
    expect(apiRun.stderr()).not.toContain('secret');
    expect(apiRun.stderr().trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(30000);
  });
});
