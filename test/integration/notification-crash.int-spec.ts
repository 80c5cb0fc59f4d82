import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { eventually } from './harness/app-harness';
import { LoopbackSmtp } from './harness/fake-channels';
import { HARNESS_ENV } from './harness/harness-env';
import { killProcess, requireBuiltWorker, startWorkerProcess } from './harness/worker-process';
import { createUser } from './harness/identity';

/**
 * The real worker process (dist/src/worker.main.js: dispatcher, delivery workflow, SMTP
 * channel) killed with SIGKILL while it is in the middle of sending an e-mail — the SMTP server
 * holds its RCPT TO unanswered — and started again: the e-mail arrives exactly once.
 */
describe('a worker killed while it delivers a notification', () => {
  const taskQueue = `notify-crash-${randomUUID()}`;
  let dataSource: DataSource;
  let smtp: LoopbackSmtp;
  const spawned: ChildProcess[] = [];

  const startWorker = async (): Promise<ChildProcess> => {
    const child = await startWorkerProcess(taskQueue, {
      SMTP_URL: smtp.url(),
      NOTIFICATION_RETRY_INITIAL_MS: '200',
      // The killed attempt's lease runs out 45 s after it began; the retry waits for that.
      NOTIFICATION_SEND_LEASE_SECONDS: '45',
    });
    spawned.push(child);
    return child;
  };
  const kill = killProcess;

  beforeAll(async () => {
    requireBuiltWorker();
    dataSource = await new DataSource(
      dataSourceOptions(process.env[HARNESS_ENV.databaseUrl]!, false),
    ).initialize();
    smtp = await new LoopbackSmtp().start();
  });
  afterAll(async () => {
    for (const child of spawned) await kill(child);
    await dataSource?.destroy();
    await smtp?.stop();
  });

  it('delivers the e-mail exactly once after SIGKILL mid-send and a restart', async () => {
    const user = await createUser(dataSource, ['SECRETARY']);
    const email = `${user.username}@directorate.test`;
    await dataSource.query(`UPDATE users SET email = $2 WHERE id = $1`, [user.id, email]);
    smtp.behaviour = { kind: 'stall' };
    let worker = await startWorker();
    const intentId = `test/${randomUUID()}/SESSION_INVITATION`;
    await dataSource.query(
      `INSERT INTO notification_intents (id, event, recipient, data, due_at) VALUES ($1, $2, $3, $4, now())`,
      [
        intentId,
        'SESSION_INVITATION',
        JSON.stringify({ userId: user.id }),
        JSON.stringify({ sessionAt: new Date().toISOString() }),
      ],
    );
    // The worker is inside the SMTP transaction for this intent's recipient: the server has its
    // RCPT TO and says nothing. (Counting only this recipient: a RCPT for anyone else is not
    // this delivery's.)
    await eventually(() => (smtp.rcptAttemptsFor(email) === 1 ? true : undefined), 30_000);
    await kill(worker);
    const [inFlight] = await dataSource.query<{ status: string; attempts: number }[]>(
      `SELECT status, attempts FROM notification_deliveries WHERE intent_id = $1 AND channel = 'EMAIL'`,
      [intentId],
    );
    expect(inFlight).toEqual({ status: 'QUEUED', attempts: 1 });
    expect(smtp.to(email)).toEqual([]);

    smtp.behaviour = { kind: 'accept' };
    worker = await startWorker();
    // Temporal retries the attempt once its 40-second start-to-close timeout has passed, and the
    // retry sends once the killed attempt's lease has run out.
    const sent = await eventually(async () => {
      const [row] = await dataSource.query<{ status: string; attempts: number }[]>(
        `SELECT status, attempts FROM notification_deliveries WHERE intent_id = $1 AND channel = 'EMAIL'`,
        [intentId],
      );
      return row?.status === 'SENT' ? row : undefined;
    }, 90_000);
    expect(sent.attempts).toBe(2);
    expect(smtp.to(email)).toHaveLength(1);
    // Nothing else went out for it after the restart either.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(smtp.to(email)).toHaveLength(1);
    const inbox = await dataSource.query<unknown[]>(
      `SELECT 1 FROM notifications WHERE intent_id = $1`,
      [intentId],
    );
    expect(inbox).toHaveLength(1);
    await kill(worker);
  }, 150_000);
});
