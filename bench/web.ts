// The callback given to addInitScript runs in the browser: it sees the DOM.
/// <reference lib="dom" />
// `npm run bench:web`: the web application's measures (issue 16). Not a timed test: it reports.
// 1. The initial JavaScript a first visit downloads (the entry chunk and what index.html
//    preloads), gzip -9, against the goal of 300 KB; the CSS beside it.
// 2. How long the clerk's case list takes to become interactive on loopback — from navigation
//    to the first row drawn and the filter form usable — in a real Chromium with an empty cache,
//    against a real stack (PostgreSQL, Temporal dev server, worker, the API serving web/dist);
//    goal < 1 s. Median and worst of RUNS cold loads.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { API_PREFIX } from '../src/common/api-prefix';
import { PROJECT_ROOT } from '../src/config/configuration';
import { UserEntity } from '../src/identity/entities/user.entity';
import { hashPassword } from '../src/identity/passwords';
import { ensureChromium } from '../scripts/provision/chromium';
import { say, step } from '../scripts/lib/progress';
import { createAgency } from './identity';
import { startBenchStack, Teardown } from './stack';

const RUNS = 7;
const INITIAL_JS_GOAL_KB = 300;
const INTERACTIVE_GOAL_MS = 1000;
const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The files index.html makes the browser fetch before the first page can run. */
export function initialAssets(indexHtml: string): { js: string[]; css: string[] } {
  const js = [...indexHtml.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]);
  const preloads = [...indexHtml.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
  const css = [...indexHtml.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)];
  return { js: [...js, ...preloads.map((m) => m[1])], css: css.map((m) => m[1]) };
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(join(WEB_DIST, path)), { level: 9 }).length;
}

async function main(): Promise<number> {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) {
    say(`${index} is missing: run npm run build:web first`);
    return 1;
  }
  const assets = initialAssets(readFileSync(index, 'utf8'));
  const jsBytes = assets.js.reduce((sum, file) => sum + gzipSize(file), 0);
  const cssBytes = assets.css.reduce((sum, file) => sum + gzipSize(file), 0);

  const teardown = new Teardown();
  process.once('SIGINT', () => void teardown.stopAll().finally(() => process.exit(130)));
  const times: number[] = [];
  /** The public home page, loaded the same way: the shell's own cost, for comparison. */
  const shellTimes: number[] = [];
  try {
    const stack = await startBenchStack(teardown);
    const origin = stack.baseUrl; // the bench stack's base is the server's origin
    const api = `${origin}/${API_PREFIX}`;
    const { refreshToken } = await step('A clerk with three cases', async () => {
      const agencyId = await createAgency(stack.dataSource);
      const username = `bench.web.${randomBytes(3).toString('hex')}`;
      const password = `Bench-${randomBytes(12).toString('base64url')}`;
      await stack.dataSource.getRepository(UserEntity).insert({
        username,
        displayName: 'کارمند آزمون کارایی',
        roles: ['CLERK'],
        agencyId,
        passwordHash: await hashPassword(password),
        mustChangePassword: false,
      });
      const signIn = async () => {
        const res = await fetch(`${api}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        return (await res.json()) as { accessToken: string; refreshToken: string };
      };
      const { accessToken } = await signIn();
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${api}/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({
            requestType: 'SCRAP',
            justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
            vehicles: [
              {
                plate: '12ب345-15',
                vin: 'NAAM01E07HK123456',
                usageClass: 'SEDAN',
                modelYear: 1385,
              },
            ],
          }),
        });
        if (res.status !== 201) throw new Error(`registering a case: ${res.status}`);
      }
      // One refresh token per run: each cold load signs in from the tab's storage, as a reload does.
      const tokens: string[] = [];
      for (let i = 0; i < RUNS; i++) tokens.push((await signIn()).refreshToken);
      return { refreshToken: tokens };
    });

    const browser = await chromium.launch({
      executablePath: await ensureChromium(),
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    teardown.add('Chromium', () => browser.close());
    await step(`Loading the case list ${RUNS} times, each with an empty cache`, async () => {
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        await context.addInitScript((token) => {
          sessionStorage.setItem('vp.refresh', token);
        }, refreshToken[i]);
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${origin}/cases`);
        await page.locator('tbody tr').first().waitFor();
        await page.locator('form button[type="submit"]').first().waitFor();
        times.push(Date.now() - started);
        await context.close();
        const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const home = await fresh.newPage();
        const homeStarted = Date.now();
        await home.goto(`${origin}/`);
        await home.locator('h1').waitFor();
        await home.locator('a[href="/track"]').first().waitFor();
        shellTimes.push(Date.now() - homeStarted);
        await fresh.close();
      }
    });
  } finally {
    await teardown.stopAll();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const shell = [...shellTimes].sort((a, b) => a - b)[Math.floor(shellTimes.length / 2)];
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  const lines = [
    '',
    'Web application',
    `  initial JavaScript (gzip -9)  ${kb(jsBytes)} in ${assets.js.length} file(s)   goal ≤ ${INITIAL_JS_GOAL_KB} KB   ${jsBytes / 1024 <= INITIAL_JS_GOAL_KB ? 'met' : 'MISSED'}`,
    `  initial CSS (gzip -9)         ${kb(cssBytes)}`,
    `  case list interactive         median ${median} ms, worst ${sorted[sorted.length - 1]} ms over ${RUNS} cold loads   goal < ${INTERACTIVE_GOAL_MS} ms   ${median < INTERACTIVE_GOAL_MS ? 'met' : 'MISSED'}`,
    `  public home page drawn        median ${shell} ms (the shell alone; the case list adds the session's restoration and its data)`,
    `  machine load (1 min)          ${load} on ${(await import('node:os')).cpus().length} cores: figures from a busy machine are inflated`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return 0;
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:web failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
