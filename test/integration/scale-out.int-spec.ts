import { API_PREFIX } from '../../src/common/api-prefix';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { freePort } from '../../scripts/lib/processes';
import { eventually, TEST_JWT_SECRET, TEST_PAYLOAD_KEYS } from './harness/app-harness';
import { HARNESS_ENV } from './harness/harness-env';
import { createAgency, createUser, signIn } from './harness/identity';
import { killProcess, requireBuiltWorker, startWorkerProcess } from './harness/worker-process';

const API_SCRIPT = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const CASES = 16;

/** What the API and worker processes share: one database, one Temporal, one task queue, keys. */
function sharedEnv(taskQueue: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env[HARNESS_ENV.databaseUrl]!,
    TEMPORAL_ADDRESS: process.env[HARNESS_ENV.temporalAddress]!,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
    // Low, to show the two APIs count one limit together.
    RATE_LIMIT_TRACKING_PER_MINUTE: '6',
    RATE_LIMIT_TRACKING_PER_HOUR: '1000000',
  };
}

/** The real API process (dist/src/main.js) on a port of its own; resolves once it is ready. */
async function startApiProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_SCRIPT], {
    env: { ...process.env, ...env, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/${API_PREFIX}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`API exited (${code}):\n${output}`))),
  );
  try {
    await Promise.race([
      eventually(async () => {
        const res = await fetch(`${origin}/health/ready`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      }, 90_000),
      exited,
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`API did not get ready: ${(error as Error).message}\n${output}`);
  }
  return { child, url };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Two API processes and two worker processes against one Temporal dev server and one
 * PostgreSQL, cases driven concurrently through both APIs, and one API and one worker killed with
 * SIGKILL in the middle: every case reaches its end once, every acknowledged action holds,
 * tracking codes are unique, one Idempotency-Key means one case whichever API it reaches, and the
 * audit rows both APIs wrote form one valid chain.
 */
describe('scale-out: two APIs and two workers on one Temporal and one PostgreSQL', () => {
  const taskQueue = `scale-out-${randomUUID()}`;
  const spawned: ChildProcess[] = [];
  let dataSource: DataSource;
  let apis: { child: ChildProcess; url: string }[];
  let workers: ChildProcess[];
  const auth: Record<'clerk' | 'reviewer' | 'operator', string> = {
    clerk: '',
    reviewer: '',
    operator: '',
  };
  const alive = new Set<number>([0, 1]);
  let retried503 = 0;

  /**
   * A client that retries: sent to the preferred API, and — when that process is gone (the
   * connection fails) — again to the other with the same Idempotency-Key, as a load balancer
   * would; and again, a moment later, when the API answered 503 (not done, safe to retry).
   */
  async function send(
    prefer: number,
    method: 'GET' | 'POST',
    path: string,
    who: keyof typeof auth,
    body?: unknown,
    key?: string,
  ): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const answer = await sendOnce(prefer, method, path, who, body, key);
      // 503 SERVICE.WORKFLOW_UNAVAILABLE says "not done, retry with the same key": the case's
      // workflow was on the killed worker, and Temporal moves it on after a timeout.
      if (answer.status !== 503 || !key || attempt === 6) return answer;
      retried503++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  async function sendOnce(
    prefer: number,
    method: 'GET' | 'POST',
    path: string,
    who: keyof typeof auth,
    body?: unknown,
    key?: string,
  ): Promise<Answer> {
    const order = [prefer, 1 - prefer].filter((i) => alive.has(i) || i === prefer);
    let lastError: unknown;
    for (const index of order) {
      try {
        const res = await fetch(`${apis[index].url}${path}`, {
          method,
          headers: {
            authorization: auth[who],
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      } catch (error) {
        lastError = error; // the process is gone, or went while answering: try the other one
      }
    }
    throw lastError;
  }

  beforeAll(async () => {
    requireBuiltWorker();
    dataSource = await new DataSource(
      dataSourceOptions(process.env[HARNESS_ENV.databaseUrl]!, false),
    ).initialize();
    const env = sharedEnv(taskQueue);
    // One after another: each bundles the workflows or builds the app, and the machine has 2 cores.
    workers = [];
    for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(taskQueue, env));
    spawned.push(...workers);
    apis = [];
    for (let i = 0; i < 2; i++) apis.push(await startApiProcess(env));
    spawned.push(...apis.map((a) => a.child));
    const agencyId = await createAgency(dataSource, 'اداره کل آزمایش مقیاس');
    const users = {
      clerk: await createUser(dataSource, ['CLERK'], agencyId),
      reviewer: await createUser(dataSource, ['REVIEWER']),
      operator: await createUser(dataSource, ['OPERATOR']),
    };
    // Signed in through one API, used through both: the token is the cluster's, not a process's.
    for (const [who, user] of Object.entries(users) as [keyof typeof auth, { username: string }][])
      auth[who] = `Bearer ${(await signIn(apis[0].url, user.username)).accessToken}`;
  }, 400_000);

  afterAll(async () => {
    for (const child of spawned) await killProcess(child);
    await dataSource?.destroy();
  });

  it('drives every case to its end once while one API and one worker are killed', async () => {
    const form = (i: number) => ({
      requestType: 'SCRAP',
      justification: `خودروی شماره ${i} فرسوده است و هزینه تعمیر آن از ارزشش بیشتر است`,
      vehicles: [
        {
          plate: `${String(10 + i).padStart(2, '0')}ب${String(100 + i)}-15`,
          usageClass: 'SEDAN',
          modelYear: 1385,
        },
      ],
    });

    // 1. Registration: every case through one API, and half of them also sent at the same time
    //    through the other API with the same Idempotency-Key (a client retrying elsewhere).
    const keys = Array.from({ length: CASES }, () => randomUUID());
    const registered = await Promise.all(
      keys.map(async (key, i) => {
        const sends = [send(i % 2, 'POST', '/cases', 'clerk', form(i), key)];
        if (i % 2 === 0) sends.push(send(1 - (i % 2), 'POST', '/cases', 'clerk', form(i), key));
        const answers = await Promise.all(sends);
        for (const answer of answers) expect(answer.status).toBe(201);
        // One key, one case, whichever API took it.
        expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
        expect(new Set(answers.map((a) => a.body.trackingCode)).size).toBe(1);
        return answers[0].body as { id: string; trackingCode: string };
      }),
    );
    const ids = registered.map((r) => r.id);
    expect(new Set(ids).size).toBe(CASES);
    expect(new Set(registered.map((r) => r.trackingCode)).size).toBe(CASES);

    // The workflows take each case under review (recording it first); wait for that fact.
    await eventually(async () => {
      const states = await Promise.all(ids.map((id) => send(0, 'GET', `/cases/${id}`, 'clerk')));
      return states.every((s) => s.body.stage === 'UNDER_REVIEW') ? true : undefined;
    }, 60_000);

    // Rate limits are the cluster's: six look-ups spread over both APIs use up the minute's
    // allowance, and the seventh is refused by either.
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${apis[i % 2].url}/track/${registered[i].trackingCode}`);
      expect(res.status).toBe(200);
    }
    for (const api of apis)
      expect((await fetch(`${api.url}/track/${registered[0].trackingCode}`)).status).toBe(429);

    // 2. Corrections asked through the other API than the one that registered the case.
    for (const answer of await Promise.all(
      ids.map((id, i) =>
        send(
          1 - (i % 2),
          'POST',
          `/cases/${id}/corrections`,
          'reviewer',
          { deficiencies: [{ target: 'field:justification', note: 'توضیح بیشتری بنویسید' }] },
          randomUUID(),
        ),
      ),
    )) {
      expect(answer).toMatchObject({ status: 200, body: { stage: 'AWAITING_CORRECTIONS' } });
    }

    // 3. Resubmissions, all at once, and API 0 and worker 0 SIGKILLed while they are under way.
    const resubmitKeys = ids.map(() => randomUUID());
    const resubmitting = Promise.all(
      ids.map((id, i) =>
        send(
          i % 2,
          'POST',
          `/cases/${id}/resubmit`,
          'clerk',
          { note: 'توضیح افزوده شد', justification: `${form(i).justification} و توضیح بیشتر` },
          resubmitKeys[i],
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 150)); // let the first requests reach both processes
    alive.delete(0);
    await Promise.all([killProcess(apis[0].child), killProcess(workers[0])]);
    const resubmitted = await resubmitting;
    for (const [i, answer] of resubmitted.entries()) {
      // An action that API 0 took before it died and that the retry on API 1 then found done is
      // still answered as done: the same key replays the first result.
      expect({ i, status: answer.status, stage: answer.body.stage }).toEqual({
        i,
        status: 200,
        stage: 'UNDER_REVIEW',
      });
    }

    // 4. The reviewer rejects every case, through the API still standing.
    for (const answer of await Promise.all(
      ids.map((id) =>
        send(
          1,
          'POST',
          `/cases/${id}/reject`,
          'reviewer',
          { reasons: ['مشمول ضوابط نیست'] },
          randomUUID(),
        ),
      ),
    )) {
      expect(answer).toMatchObject({ status: 200, body: { stage: 'REJECTED' } });
    }

    // Every case reached its end once: closed in the read model, with one line for each step.
    await eventually(async () => {
      const rows = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND stage = 'REJECTED'`,
        [ids],
      );
      return rows[0].n === CASES ? true : undefined;
    }, 60_000);
    const stories = new Set<string>();
    for (const id of ids) {
      const timeline = await send(1, 'GET', `/cases/${id}/timeline`, 'clerk');
      expect(timeline.status).toBe(200);
      const lines = timeline.body as unknown as { seq: number; action: string }[];
      // (A notification's lines carry the seq of the step that caused them.)
      const stepLines = lines.filter((l) => !l.action.startsWith('NOTIFICATION'));
      const steps = stepLines.map((l) => l.action);
      // No step recorded twice, though a worker died with some of them in flight.
      expect(steps.length).toBe(new Set(steps).size);
      expect(new Set(stepLines.map((l) => l.seq)).size).toBe(stepLines.length);
      stories.add(steps.join(' → '));
    }
    // And every case tells the same story: the same steps, in the same order.
    expect(stories.size).toBe(1);
    const tracking = await dataSource.query<{ codes: number; cases: number }[]>(
      `SELECT count(DISTINCT tracking_code)::int AS codes, count(*)::int AS cases FROM cases WHERE id = ANY($1)`,
      [ids],
    );
    expect(tracking[0]).toEqual({ codes: CASES, cases: CASES });

    // Both APIs appended to one audit chain, and it verifies end to end.
    const verified = await send(1, 'GET', '/audit/verify', 'operator');
    expect(verified).toMatchObject({ status: 200, body: { valid: true } });
    const audited = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.resubmit'`,
    );
    // Every resubmission acknowledged is audited; one killed mid-answer may be audited by both.
    expect(audited[0].n).toBeGreaterThanOrEqual(CASES);
    process.stderr.write(
      `[scale-out] ${CASES} cases through 2 APIs and 2 workers; API 0 and worker 0 SIGKILLed ` +
        `during ${CASES} resubmissions; ${retried503} answers were 503 and retried with their key; ` +
        `audit chain valid over ${String((verified.body as { checkedRows?: number }).checkedRows)} rows\n`,
    );
  }, 300_000);
});
