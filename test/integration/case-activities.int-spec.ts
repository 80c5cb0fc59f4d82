import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCaseActivities } from '../../activities/case.activities';
import { createNotificationActivities } from '../../activities/notification.activities';
import { dataSourceOptions } from '../../src/database/data-source-options';
import type { CaseRegistration, TimelineEntry } from '../../workflows/case/case.types';
import { HARNESS_ENV } from './harness/harness-env';

/** The case activities against real PostgreSQL: retried, concurrent and out-of-order calls. */
describe('case activities on PostgreSQL', () => {
  let dataSource: DataSource;
  let activities: ReturnType<typeof createCaseActivities> &
    ReturnType<typeof createNotificationActivities>;

  beforeAll(async () => {
    dataSource = await new DataSource(
      dataSourceOptions(process.env[HARNESS_ENV.databaseUrl]!, false),
    ).initialize();
    activities = {
      ...createCaseActivities({ dataSource }),
      ...createNotificationActivities({ dataSource }),
    };
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const registration = (
    trackingCode = String(Math.floor(1e11 + Math.random() * 8e11)),
  ): CaseRegistration => ({
    caseId: randomUUID(),
    trackingCode,
    requestType: 'SALE',
    agencyId: 'agency-act',
    justification: 'فروش خودروی مازاد',
    vehicles: [{ plate: '11الف111-11' }],
    registeredAt: new Date().toISOString(),
  });
  const entry = (seq: number, action: string): TimelineEntry => ({
    seq,
    at: new Date().toISOString(),
    by: 'system',
    action,
    clock: 'DIRECTORATE',
  });

  it('records a registration once however often it is retried, and refuses a clashing tracking code', async () => {
    const r = registration();
    await activities.recordCaseRegistered(r);
    await activities.recordCaseRegistered(r);
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM cases WHERE id = $1', [
      r.caseId,
    ]);
    expect(rows[0].n).toBe(1);
    await expect(
      activities.recordCaseRegistered({ ...registration(), trackingCode: r.trackingCode }),
    ).rejects.toThrow(/duplicate key/);
  });

  it('never moves the record back when an older timeline line is retried after a newer one', async () => {
    const r = registration();
    await activities.recordCaseRegistered(r);
    const progress = (seq: number, stage: 'UNDER_REVIEW' | 'AWAITING_SESSION') => ({
      caseId: r.caseId,
      eventId: `${r.caseId}/${seq}`,
      entry: entry(seq, stage),
      stage,
      waitingOn: 'REVIEWER' as const,
      stageSince: new Date().toISOString(),
      slaBreached: false,
    });
    await activities.recordCaseProgress(progress(2, 'AWAITING_SESSION'));
    await activities.recordCaseProgress(progress(1, 'UNDER_REVIEW')); // the older write, arriving late
    await activities.recordCaseProgress(progress(2, 'AWAITING_SESSION')); // and a retry
    const [row] = await dataSource.query('SELECT stage, last_seq FROM cases WHERE id = $1', [
      r.caseId,
    ]);
    expect(row).toEqual({ stage: 'AWAITING_SESSION', last_seq: 2 });
    const events = await dataSource.query(
      'SELECT count(*)::int AS n FROM case_events WHERE case_id = $1',
      [r.caseId],
    );
    expect(events[0].n).toBe(3); // registration + two distinct lines
  });

  it('numbers permits per year without gaps or duplicates under concurrency, once per case', async () => {
    const year = 1300 + Math.floor(Math.random() * 90); // a year no other test uses
    const caseIds = Array.from({ length: 12 }, () => randomUUID());
    const numbers = await Promise.all(
      caseIds.map((caseId) => activities.issuePermitNumber({ caseId, jalaliYear: year })),
    );
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const again = await Promise.all([
      activities.issuePermitNumber({ caseId: caseIds[3], jalaliYear: year }),
      activities.issuePermitNumber({ caseId: caseIds[3], jalaliYear: year }),
    ]);
    expect(again).toEqual([numbers[3], numbers[3]]);
  });

  it('records a notification intent once per key', async () => {
    const key = `test/${randomUUID()}`;
    const intent = {
      key,
      event: 'CASE_REGISTERED',
      recipient: { role: 'CLERK' },
      at: new Date().toISOString(),
    };
    await Promise.all([
      activities.recordNotificationIntent(intent),
      activities.recordNotificationIntent(intent),
    ]);
    const rows = await dataSource.query(
      'SELECT count(*)::int AS n FROM notification_intents WHERE id = $1',
      [key],
    );
    expect(rows[0].n).toBe(1);
  });
});
