import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import request from 'supertest';
import { RunningStack, startStack, testConfig } from './harness/app-harness';
import { workerTelemetryOptions } from '../../src/worker/temporal-logger';
import { HARNESS_ENV } from './harness/harness-env';
import { createAgency, signedIn } from './harness/identity';

/**
 * GET /metrics on the real API: Prometheus's static bearer token, request latency labelled by
 * route template (never a raw URL), gauges read from the read model at scrape time, and no
 * personal data anywhere in the text.
 */

const TOKEN = 'metrics-token-for-tests-only-0123456789abcdef';

describe('Prometheus metrics (GET /metrics)', () => {
  let stack: RunningStack;
  let operator: string;
  let caseId: string;
  let trackingCode: string;
  let agencyId: string;
  const api = () => request(stack.baseUrl);
  const scrape = () =>
    request(stack.origin).get('/metrics').set('authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    stack = await startStack(testConfig({ METRICS_TOKEN: TOKEN }));
    operator = (await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR'])).auth;
    agencyId = await createAgency(stack.dataSource, 'اداره کل آزمون شاخص‌ها');
    caseId = randomUUID();
    trackingCode = String(randomInt(1e11, 1e12 - 1));
    await stack.dataSource.query(
      `INSERT INTO cases (id, tracking_code, workflow_id, request_type, agency_id, justification,
         vehicles, stage, waiting_on, stage_since, sla_breached, registered_at, last_seq)
       VALUES ($1, $2, $3, 'SALE', $4, 'آزمون شاخص‌ها', '[{"plate":"12ب345-15"}]',
         'AWAITING_SESSION', 'SECRETARY', now(), true, now(), 1)`,
      [caseId, trackingCode, `case-${caseId}`, agencyId],
    );
  });

  afterAll(async () => {
    if (stack && caseId) await stack.dataSource.query(`DELETE FROM cases WHERE id = $1`, [caseId]);
    await stack?.close();
  });

  it('is refused without the metrics token, and with a user’s token', async () => {
    const none = await request(stack.origin).get('/metrics').expect(401);
    expect(none.body.code).toBe('AUTH.UNAUTHENTICATED');
    const wrong = await request(stack.origin)
      .get('/metrics')
      .set('authorization', 'Bearer not-the-token')
      .expect(403);
    expect(wrong.body.code).toBe('ACCESS.FORBIDDEN');
    await request(stack.origin).get('/metrics').set('authorization', operator).expect(403);
  });

  it('labels request latency by route template, and reads the read model at scrape time', async () => {
    await api().get('/cases?limit=1').set('authorization', operator).expect(200);
    await api().get(`/cases/${randomUUID()}`).set('authorization', operator).expect(404);
    await api().get(`/track/${trackingCode}`); // a valid-looking code: 400 or 404, never a label
    await request(stack.origin).get('/health/live').expect(200);
    await api().get(`/no/such/${trackingCode}`).expect(404);

    const res = await scrape().expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.text;
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cases",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cases\/:id",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/track\/:code",status="\d+"\} \d+$/m,
    );
    expect(text).toMatch(/route="\/health\/live",status="200"/);
    expect(text).toMatch(/route="UNMATCHED",status="404"/);

    const gauge = (name: string, labels: string) =>
      Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(
      gauge('vehicle_permit_cases', 'stage="AWAITING_SESSION",request_type="SALE"'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      gauge('vehicle_permit_cases', 'stage="CLOSED",request_type="PURCHASE"'),
    ).toBeGreaterThanOrEqual(0);
    expect(
      gauge('vehicle_permit_open_breached_cases', 'stage="AWAITING_SESSION",request_type="SALE"'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# TYPE vehicle_permit_notification_deliveries gauge');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).not.toMatch(/^vehicle_permit_metrics_collect_failures_total [1-9]/m);

    // No ids, tracking codes, plates or names: only templates and closed sets of codes.
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(trackingCode);
    expect(text).not.toContain(agencyId);
    expect(text).not.toContain('12ب345');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('counts notification deliveries by channel and status when their table exists', async () => {
    const [{ exists }] = await stack.dataSource.query<{ exists: boolean }[]>(
      `SELECT to_regclass('public.notification_deliveries') IS NOT NULL AS exists`,
    );
    const text = (await scrape().expect(200)).text;
    if (!exists) {
      expect(text).not.toMatch(/^vehicle_permit_notification_deliveries\{/m);
      return;
    }
    const [{ n }] = await stack.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification_deliveries`,
    );
    const series = [
      ...text.matchAll(
        /^vehicle_permit_notification_deliveries\{channel="(\w+)",status="(\w+)"\} (\d+)$/gm,
      ),
    ];
    expect(series.reduce((sum, m) => sum + Number(m[3]), 0)).toBe(n);
  });

  it('the worker serves the Temporal SDK’s metrics at WORKER_METRICS_PORT (its own process)', async () => {
    // The SDK's runtime is installed once per process (this one has the harness's), so a child
    // installs it with the worker's options and runs a worker polling a task queue of its own.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const script = `
      const { NativeConnection, Runtime, Worker } = require('@temporalio/worker');
      (async () => {
        Runtime.install({ telemetryOptions: JSON.parse(process.env.TELEMETRY) });
        const connection = await NativeConnection.connect({ address: process.env.ADDRESS });
        const worker = await Worker.create({
          connection, taskQueue: 'metrics-' + process.pid, activities: { noop: async () => 1 },
        });
        const running = worker.run();
        // Scraped until the worker's own series are there (it is polling), for at most 30 s.
        const deadline = Date.now() + 30000;
        let text = '';
        for (;;) {
          try {
            text = await (await fetch('http://127.0.0.1:' + process.env.PORT + '/metrics')).text();
          } catch {
            // not serving yet
          }
          const served =
            text.includes('temporal_worker_task_slots_available{') &&
            text.includes('task_queue="metrics-' + process.pid + '"');
          if (served || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        worker.shutdown();
        await running;
        await connection.close();
        process.stdout.write(text);
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: `${__dirname}/../..`,
      env: {
        ...process.env,
        PORT: String(port),
        // The options the worker installs (src/worker/temporal-logger.ts), as it builds them.
        TELEMETRY: JSON.stringify(workerTelemetryOptions(port)),
        ADDRESS: process.env[HARNESS_ENV.temporalAddress],
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the worker process failed (${code}): ${err.slice(-2000)}`);
    expect(out).toMatch(/^temporal_\w+/m);
    expect(out).toMatch(/temporal_worker_task_slots_available\{/);
    expect(out).toMatch(/task_queue="metrics-\d+"/);
  });
});
