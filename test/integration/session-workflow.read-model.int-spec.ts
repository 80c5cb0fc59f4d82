import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createSessionActivities, SessionSnapshot } from '../../activities/session.activities';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { SessionRecordEntity } from '../../src/sessions/entities/session-record.entity';
import { HARNESS_ENV } from './harness/harness-env';

/** The session workflow's read model on the real PostgreSQL, migrated by the harness. */
describe('recordSessionState on PostgreSQL', () => {
  let dataSource: DataSource;
  let recordSessionState: (snapshot: SessionSnapshot) => Promise<void>;

  beforeAll(async () => {
    const url = process.env[HARNESS_ENV.databaseUrl];
    if (!url) throw new Error('integration harness is not running (global-setup)');
    dataSource = await new DataSource(dataSourceOptions(url, false)).initialize();
    ({ recordSessionState } = createSessionActivities({ dataSource }));
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const snapshot = (id: string, version: number, overrides: Partial<SessionSnapshot> = {}) =>
    ({
      sessionId: id,
      stage: 'PLANNED',
      stageSince: '2026-01-01T06:00:00.000Z',
      sessionAt: '2026-01-10T06:30:00.000Z',
      place: 'Room 2',
      members: [
        { userId: 'sec', role: 'SECRETARY' },
        { userId: 'm1', role: 'MEMBER' },
      ],
      quorum: { kind: 'ALL_PRESENT' },
      agenda: [],
      pastMinutesRounds: [],
      deadlines: [],
      breaches: [],
      version,
      ...overrides,
    }) satisfies SessionSnapshot;

  const row = (id: string) => dataSource.getRepository(SessionRecordEntity).findOneByOrFail({ id });

  it('inserts, then keeps only newer versions: retries and late arrivals change nothing', async () => {
    const id = randomUUID();
    const agenda = [
      { caseId: randomUUID(), addedAt: '2026-01-02T06:00:00.000Z', conflictedMemberIds: [] },
    ];
    await recordSessionState(snapshot(id, 1));
    await recordSessionState(snapshot(id, 3, { stage: 'HELD', agenda, place: 'Room 5' }));
    // Version 2 arrives late, and version 3 is retried with different (stale) content.
    await recordSessionState(snapshot(id, 2, { stage: 'CANCELLED' }));
    await recordSessionState(snapshot(id, 3, { stage: 'PLANNED' }));

    const stored = await row(id);
    expect(stored).toMatchObject({
      id,
      stage: 'HELD',
      place: 'Room 5',
      version: 3,
      agenda,
      members: snapshot(id, 1).members,
      minutes: [],
    });
    expect(stored.sessionAt.toISOString()).toBe('2026-01-10T06:30:00.000Z');
  });

  it('stores every round of the minutes, oldest first', async () => {
    const id = randomUUID();
    const round = (n: number) => ({
      round: n,
      draftedBy: 'sec',
      draftedAt: `2026-01-1${n}T06:00:00.000Z`,
      approvals: [],
      objections: n === 1 ? [{ userId: 'm1', at: '2026-01-11T08:00:00.000Z', comment: 'no' }] : [],
    });
    await recordSessionState(
      snapshot(id, 7, {
        stage: 'MINUTES_UNDER_APPROVAL',
        minutes: round(2),
        pastMinutesRounds: [round(1)],
      }),
    );
    expect((await row(id)).minutes).toEqual([round(1), round(2)]);
  });
});
