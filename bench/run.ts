// `npm run bench`: the service's performance against its own raw Temporal calls and endpoints,
// side by side in one run on the same embedded servers (these machines are noisy: only ratios
// measured together mean anything). Prints the figures and the ratios against the goals, and
// writes bench/results/latest.json. A missed goal is reported, not failed: the process exits
// non-zero only when the benchmark itself could not run or an operation failed.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { API_PREFIX } from '../src/common/api-prefix';
import { PROJECT_ROOT } from '../src/config/configuration';
import { say, seconds, step } from '../scripts/lib/progress';
import { createAgency, signedInUser } from './identity';
import { LoadClient } from './load-client';
import type { LoadResult, Sample, Side } from './load-protocol';
import { PhaseProfiler, PROFILE_DIR } from './profile';
import { compare, type Comparison, formatReport } from './report';
import { startBenchStack, Teardown } from './stack';
import { figures } from './stats';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer (got "${raw}")`);
  }
  return value;
}

const settings = {
  /** Registrations per side. */
  registerN: positiveInt('BENCH_N', 200),
  /** Registrations in flight at once. */
  concurrency: positiveInt('BENCH_CONCURRENCY', 8),
  /** API and raw batches alternate this many times each. */
  rounds: positiveInt('BENCH_ROUNDS', 4),
  /** Accepts per side (one at a time, the sides interleaved). */
  acceptN: positiveInt('BENCH_ACCEPT_N', 200),
  trackClients: positiveInt('BENCH_TRACK_CLIENTS', 50),
  trackSeconds: positiveInt('BENCH_TRACK_SECONDS', 5),
  /** Untimed operations per path before measuring. */
  warmup: positiveInt('BENCH_WARMUP', 20),
  httpClient: httpClient(),
  /** BENCH_PROFILE=1: CPU profiles of the main thread per phase (see profile.ts). */
  profile: process.env.BENCH_PROFILE === '1',
};

function httpClient(): 'node-http' | 'fetch' {
  const raw = process.env.BENCH_HTTP_CLIENT ?? 'node-http';
  if (raw !== 'node-http' && raw !== 'fetch')
    throw new Error(`BENCH_HTTP_CLIENT must be node-http or fetch (got "${raw}")`);
  return raw;
}

const LABEL: Record<Side, { register: string; accept: string }> = {
  api: { register: 'API POST /cases', accept: 'API POST /cases/:id/accept' },
  raw: { register: 'raw workflow.start', accept: 'raw executeUpdate' },
};

interface Registered {
  id: string;
  trackingCode: string;
  side: Side;
}

function checked(result: LoadResult, what: string, failures: string[]): LoadResult {
  if (result.errors > 0)
    failures.push(`${what}: ${result.errors} failed, e.g. ${result.firstError ?? '?'}`);
  return result;
}

/** Waits until every case is in UNDER_REVIEW in the read model (the workflow got that far). */
async function untilUnderReview(dataSource: DataSource, ids: string[]): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const [{ n }] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND stage = 'UNDER_REVIEW'`,
      [ids],
    );
    if (n === ids.length) return;
    if (Date.now() > deadline)
      throw new Error(`only ${n} of ${ids.length} cases reached UNDER_REVIEW in 180 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Splits `total` into `parts` near-equal positive sizes. */
function split(total: number, parts: number): number[] {
  const n = Math.min(parts, total);
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

async function benchmark(teardown: Teardown, failures: string[]) {
  const started = Date.now();
  const stack = await startBenchStack(teardown);
  say(`API at ${stack.baseUrl}, task queue ${stack.config.temporal.taskQueue}`);

  const { clerk, reviewer } = await step('Creating an agency, a clerk and a reviewer', async () => {
    const agencyId = await createAgency(stack.dataSource);
    return {
      clerk: await signedInUser(stack.dataSource, stack.baseUrl, 'CLERK', agencyId),
      reviewer: await signedInUser(stack.dataSource, stack.baseUrl, 'REVIEWER'),
    };
  });
  const load = await step('Starting the load generator thread', () =>
    LoadClient.start({
      baseUrl: stack.baseUrl,
      httpClient: settings.httpClient,
      env: stack.env,
      clerk,
      reviewer,
    }),
  );
  teardown.add('load generator', () => load.stop());
  let profiler: PhaseProfiler | undefined;
  if (settings.profile) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    profiler = new PhaseProfiler(PROFILE_DIR);
    teardown.add('profiler', () => profiler?.close());
  }
  /** Runs `run`, profiled as `phase` when profiling (and a phase is named). */
  const profiled = async <T>(phase: string | undefined, run: () => Promise<T>): Promise<T> => {
    if (!profiler || !phase) return run();
    await profiler.start();
    try {
      return await run();
    } finally {
      const summary = await profiler.stop(phase);
      say(`profile ${phase} (${join(PROFILE_DIR, `${phase}.cpuprofile`)}):`);
      for (const line of summary) say(`  ${line}`);
    }
  };

  // ── register: API vs raw workflow.start, alternating batches ─────────────────────────────
  const pool: Registered[] = [];
  let drainMs = 0;
  const register = async (side: Side, count: number, what: string) => {
    const result = checked(
      await load.run({ op: 'register', side, count, concurrency: settings.concurrency }),
      what,
      failures,
    );
    const made = result.cases ?? [];
    pool.push(...made.map((c) => ({ ...c, side })));
    // Untimed: the worker finishes this batch's workflows, so the next batch (the other path's)
    // does not pay for this one's backlog.
    const drained = Date.now();
    await untilUnderReview(
      stack.dataSource,
      made.map((c) => c.id),
    );
    drainMs += Date.now() - drained;
    return result;
  };
  await step('Warming up registration (both paths)', async () => {
    await register('api', settings.warmup, 'register warm-up (API)');
    await register('raw', settings.warmup, 'register warm-up (raw)');
  });
  const registerRuns: Record<Side, { samples: Sample[]; wallMs: number; errors: number }> = {
    api: { samples: [], wallMs: 0, errors: 0 },
    raw: { samples: [], wallMs: 0, errors: 0 },
  };
  const batches = split(settings.registerN, settings.rounds);
  await step(
    `Registering ${settings.registerN} cases per path, ${settings.concurrency} at a time, ${batches.length} alternating rounds`,
    async () => {
      for (const [round, size] of batches.entries()) {
        const order: Side[] = round % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
        for (const side of order) {
          const result = await profiled(round === 0 ? `register-${side}` : undefined, () =>
            register(side, size, `register (${side})`),
          );
          registerRuns[side].samples.push(...result.samples);
          registerRuns[side].wallMs += result.wallMs;
          registerRuns[side].errors += result.errors;
        }
        say(
          `round ${round + 1}/${batches.length}: API ${registerRuns.api.samples.length}, raw ${registerRuns.raw.samples.length} so far (worker drained in ${(drainMs / 1000).toFixed(1)} s)`,
        );
        drainMs = 0;
      }
    },
  );

  // ── accept: API vs raw executeUpdate, one at a time, interleaved ─────────────────────────
  const needed = 2 * (settings.acceptN + settings.warmup);
  if (pool.length < needed) {
    await step(`Registering ${needed - pool.length} more cases to accept (untimed)`, () =>
      register('raw', needed - pool.length, 'register (extra, raw)'),
    );
  }
  const apiMade = pool.filter((c) => c.side === 'api');
  const rawMade = pool.filter((c) => c.side === 'raw');
  // Both sides accept cases of both origins alike: API-registered and raw-registered interleaved.
  const mixed: Registered[] = [];
  for (let i = 0; i < Math.max(apiMade.length, rawMade.length); i++) {
    if (i < apiMade.length) mixed.push(apiMade[i]);
    if (i < rawMade.length) mixed.push(rawMade[i]);
  }
  await step(`Waiting until all ${pool.length} cases are UNDER_REVIEW`, () =>
    untilUnderReview(
      stack.dataSource,
      pool.map((c) => c.id),
    ),
  );
  const acceptTasks = (pairs: number, offset: number) =>
    Array.from({ length: pairs }, (_, i) => {
      const [first, second]: Side[] = i % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
      return [
        { side: first, caseId: mixed[offset + 2 * i].id },
        { side: second, caseId: mixed[offset + 2 * i + 1].id },
      ];
    }).flat();
  await step('Warming up accepts (both paths)', async () => {
    checked(
      await load.run({ op: 'accept', tasks: acceptTasks(settings.warmup, 0) }),
      'accept warm-up',
      failures,
    );
  });
  const accepted = await step(
    `Accepting ${settings.acceptN} cases per path, one at a time, interleaved`,
    async () =>
      checked(
        await profiled('accept', () =>
          load.run({
            op: 'accept',
            tasks: acceptTasks(settings.acceptN, 2 * settings.warmup),
          }),
        ),
        'accept',
        failures,
      ),
  );

  // ── tracking: GET /track/<code> vs GET /health/live, 50 clients, A B B A ─────────────────
  // Every case registered above is looked up in turn (hundreds of codes, as many people tracking
  // their own cases), never one code again and again.
  const trackPaths = pool.map((c) => `/${API_PREFIX}/track/${c.trackingCode}`);
  const trackPath = '/track/:code';
  const livePath = '/health/live';
  const pathsOf = (path: string) => (path === trackPath ? trackPaths : [path]);
  const hammer = (path: string, durationMs: number) =>
    load.run({ op: 'hammer', paths: pathsOf(path), clients: settings.trackClients, durationMs });
  await step('Warming up tracking and liveness', async () => {
    checked(await hammer(trackPath, 1000), 'tracking warm-up', failures);
    checked(await hammer(livePath, 1000), 'liveness warm-up', failures);
  });
  const hammered: Record<string, { samples: Sample[]; wallMs: number; errors: number }> = {
    [trackPath]: { samples: [], wallMs: 0, errors: 0 },
    [livePath]: { samples: [], wallMs: 0, errors: 0 },
  };
  await step(
    `Public tracking (${trackPaths.length} codes) vs liveness, ${settings.trackClients} clients, ${settings.trackSeconds} s each, A B B A`,
    async () => {
      for (const [i, path] of [trackPath, livePath, livePath, trackPath].entries()) {
        const phase = i < 2 ? (path === trackPath ? 'tracking' : 'liveness') : undefined;
        const result = checked(
          await profiled(phase, () => hammer(path, settings.trackSeconds * 1000)),
          `GET ${path}`,
          failures,
        );
        hammered[path].samples.push(...result.samples);
        hammered[path].wallMs += result.wallMs;
        hammered[path].errors += result.errors;
        say(`GET ${path}: ${((result.samples.length / result.wallMs) * 1000).toFixed(0)} req/s`);
      }
    },
  );

  // ── figures ───────────────────────────────────────────────────────────────────────────────
  const ms = (samples: Sample[]) => samples.map((s) => s.ms);
  const registerFigures = (side: Side) =>
    figures(ms(registerRuns[side].samples), registerRuns[side].wallMs, registerRuns[side].errors);
  const acceptFigures = (side: Side) => {
    const own = ms(accepted.samples.filter((s) => s.side === side));
    // One at a time: the path's own busy time is its wall time.
    return figures(
      own,
      own.reduce((a, b) => a + b, 0),
      accepted.errorsBySide[side] ?? 0,
    );
  };
  const hammerFigures = (path: string) =>
    figures(ms(hammered[path].samples), hammered[path].wallMs, hammered[path].errors);
  /** The API path and the raw Temporal call it is measured against, in compare()'s order. */
  const apiVsRaw = (
    operation: 'register' | 'accept',
    figuresOf: (side: Side) => ReturnType<typeof figures>,
  ) =>
    [
      { label: LABEL.api[operation], figures: figuresOf('api') },
      { label: LABEL.raw[operation], figures: figuresOf('raw') },
    ] as const;

  const comparisons: Comparison[] = [
    compare(
      'register a case',
      `${settings.concurrency} concurrent, ${settings.registerN} per path in ${batches.length} alternating rounds`,
      ...apiVsRaw('register', registerFigures),
      'throughput',
      { op: '>=', value: 0.7 },
    ),
    compare(
      'review accept',
      `one at a time, ${settings.acceptN} per path, interleaved`,
      ...apiVsRaw('accept', acceptFigures),
      'p99',
      { op: '<=', value: 1.3 },
    ),
    compare(
      'public tracking',
      `${settings.trackClients} concurrent clients, ${trackPaths.length} codes in turn, 2 × ${settings.trackSeconds} s per path (A B B A)`,
      { label: 'GET /track/:code', figures: hammerFigures(trackPath) },
      { label: 'GET /health/live', figures: hammerFigures(livePath) },
      'throughput',
      { op: '>=', value: 0.5 },
    ),
  ];
  return { comparisons, durationS: (Date.now() - started) / 1000 };
}

async function main(): Promise<number> {
  const teardown = new Teardown();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      say('still stopping, please wait');
      return;
    }
    interrupted = true;
    say(`${signal}: stopping everything the benchmark started …`);
    void teardown.stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const failures: string[] = [];
  let exitCode = 0;
  try {
    say(
      `benchmark settings: ${Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (override with BENCH_* variables)`,
    );
    const { comparisons, durationS } = await benchmark(teardown, failures);
    process.stdout.write(`${formatReport(comparisons)}\n`);
    const dir = join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'latest.json');
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: {
            node: process.version,
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model,
            memoryGiB: Math.round(totalmem() / 2 ** 30),
          },
          settings,
          durationSeconds: Math.round(durationS),
          comparisons,
          failures,
        },
        null,
        2,
      )}\n`,
    );
    say(`figures written to ${file}`);
    if (failures.length > 0) {
      say('some operations failed; the figures above exclude them:');
      for (const failure of failures) say(`  ${failure}`);
      exitCode = 1;
    }
  } catch (error) {
    // When interrupted, what failed is only the measurement the stop pulled the servers from under.
    if (!interrupted)
      say(
        `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    exitCode = 1;
  }
  const stopping = Date.now();
  if (!interrupted) say('stopping the API, the worker, Temporal and PostgreSQL …');
  await teardown.stopAll(); // the same stop a signal started, if one did: exit only once it is done
  say(`all stopped in ${seconds(stopping)}`);
  return interrupted ? 130 : exitCode;
}

void main().then((code) => process.exit(code));
