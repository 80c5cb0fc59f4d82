import { randomUUID } from 'node:crypto';
import { AuditController } from '../../src/audit/audit.controller';
import { AuditChainRow, computeAuditHash } from '../../src/audit/audit-chain';
import { AuditEntry, AuditService } from '../../src/audit/audit.service';
import { AuditLog1764561600000 } from '../../src/database/migrations/1764561600000-AuditLog';
import request from 'supertest';
import { RunningStack, startStack } from './harness/app-harness';
import { createUser, signIn } from './harness/identity';

const TRIGGER = 'audit_log_append_only';
const OPERATOR = '6f1c1f9e-5b0a-4d3e-9a51-0c7f2b8d4e11';

interface StoredRow {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_roles: string[];
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: string;
  status: number | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The append-only, hash-chained audit log on the real PostgreSQL (migrated by the harness). */
describe('audit log', () => {
  let stack: RunningStack;
  let audit: AuditService;
  /** Rows of this file are told apart from other files' rows by this resource type. */
  const resourceType = `test-${randomUUID().slice(0, 8)}`;

  const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
    action: 'case.read',
    resourceType,
    resourceId: randomUUID(),
    outcome: 'success',
    status: 200,
    actorUserId: OPERATOR,
    actorRoles: ['OPERATOR'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
    details: { code: 'X', nested: { b: 2, a: [1, 'two'] } },
    ...overrides,
  });
  const recordThree = async () => [
    await audit.record(entry()),
    await audit.record(
      entry({ actorUserId: null, actorRoles: [], outcome: 'denied', status: 401 }),
    ),
    await audit.record(entry({ action: 'case.register', status: 201 })),
  ];
  const stored = async (seq: number): Promise<StoredRow> =>
    (await stack.dataSource.query('SELECT * FROM audit_log WHERE seq = $1', [seq]))[0];
  /** Runs `sql` with the append-only trigger off, as the database superuser a tamperer would be. */
  const tamper = async (sql: string, params: unknown[]) => {
    await stack.dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER ${TRIGGER}`);
    try {
      await stack.dataSource.query(sql, params);
    } finally {
      await stack.dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER ${TRIGGER}`);
    }
  };
  const reinsert = (row: StoredRow) =>
    stack.dataSource.query(
      `INSERT INTO audit_log (seq, occurred_at, actor_user_id, actor_roles, action, resource_type,
         resource_id, outcome, status, ip, request_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
      [
        row.seq,
        row.occurred_at,
        row.actor_user_id,
        row.actor_roles,
        row.action,
        row.resource_type,
        row.resource_id,
        row.outcome,
        row.status,
        row.ip,
        row.request_id,
        JSON.stringify(row.details),
        row.prev_hash,
        row.hash,
      ],
    );
  const range = (rows: AuditChainRow[]) => ({
    fromSeq: rows[0].seq,
    toSeq: rows[rows.length - 1].seq,
  });

  beforeAll(async () => {
    stack = await startStack();
    audit = stack.app.get(AuditService);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('appends rows with consecutive seqs, each chained to the one before, and stores exactly what it hashed', async () => {
    const rows = await recordThree();
    expect(rows.map((r) => r.seq)).toEqual([rows[0].seq, rows[0].seq + 1, rows[0].seq + 2]);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    for (const row of rows) {
      const db = await stored(row.seq);
      expect(db.occurred_at.toISOString()).toBe(row.occurredAt);
      expect(db).toMatchObject({
        actor_user_id: row.actorUserId,
        actor_roles: row.actorRoles,
        resource_id: row.resourceId,
        details: row.details,
        prev_hash: row.prevHash,
        hash: row.hash,
      });
    }
    expect(await audit.verify(range(rows))).toEqual({
      valid: true,
      checkedRows: 3,
      lastSeq: rows[2].seq,
    });
  });

  it('starts the chain with 64 zeros', async () => {
    const first = await stored(1);
    expect(first.prev_hash).toBe('0'.repeat(64));
  });

  it('serialises concurrent writers: no seq is taken twice or skipped, and the chain holds', async () => {
    const rows = await Promise.all(Array.from({ length: 25 }, () => audit.record(entry())));
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(await audit.verify({ fromSeq: seqs[0], toSeq: seqs[seqs.length - 1] })).toMatchObject({
      valid: true,
      checkedRows: 25,
    });
  });

  it('group-commits concurrent appends: fewer statements than rows, each row committed before its caller hears of it', async () => {
    const spy = jest.spyOn(stack.dataSource, 'query');
    try {
      const rows = await Promise.all(
        Array.from({ length: 60 }, () =>
          audit.record(entry()).then(async (row) => {
            // Read on the pool, not the appending statement's connection: only a committed row shows.
            const [seen] = await stack.dataSource.query<{ hash: string }[]>(
              'SELECT hash FROM audit_log WHERE seq = $1',
              [row.seq],
            );
            expect(seen?.hash).toBe(row.hash);
            return row;
          }),
        ),
      );
      const statements = spy.mock.calls.filter(([sql]) => sql.includes('audit_append_many'));
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.length).toBeLessThan(rows.length);
      const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
      expect(await audit.verify({ fromSeq: seqs[0], toSeq: seqs[seqs.length - 1] })).toEqual({
        valid: true,
        checkedRows: 60,
        lastSeq: seqs[seqs.length - 1],
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('fails only the caller whose row the database refuses, not the rows batched with it', async () => {
    const results = await Promise.allSettled([
      audit.record(entry()),
      audit.record(entry({ resourceId: 'nul\u0000byte' })), // text PostgreSQL cannot store
      audit.record(entry()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const written = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(written[1].seq).toBe(written[0].seq + 1);
    expect(await audit.verify(range(written))).toMatchObject({ valid: true, checkedRows: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    const [row] = await recordThree();
    await expect(
      stack.dataSource.query(`UPDATE audit_log SET resource_id = 'x' WHERE seq = $1`, [row.seq]),
    ).rejects.toThrow(/append-only/);
    await expect(
      stack.dataSource.query('DELETE FROM audit_log WHERE seq = $1', [row.seq]),
    ).rejects.toThrow(/append-only/);
    await expect(stack.dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await stored(row.seq)).resource_id).toBe(row.resourceId);
  });

  it('names a modified row by its seq (hash-mismatch), and is valid again once it is restored', async () => {
    const rows = await recordThree();
    const victim = rows[1];
    await tamper('UPDATE audit_log SET resource_id = $2 WHERE seq = $1', [victim.seq, 'forged']);
    try {
      expect(await audit.verify(range(rows))).toEqual({
        valid: false,
        checkedRows: 2,
        lastSeq: rows[0].seq,
        firstBroken: { seq: victim.seq, reason: 'hash-mismatch' },
      });
      // The whole log names the same row, however it is read in batches.
      for (const batchSize of [undefined, 1, 2, 7]) {
        expect((await audit.verify({ batchSize })).firstBroken).toEqual({
          seq: victim.seq,
          reason: 'hash-mismatch',
        });
      }
    } finally {
      await tamper('UPDATE audit_log SET resource_id = $2 WHERE seq = $1', [
        victim.seq,
        victim.resourceId,
      ]);
    }
    expect(await audit.verify(range(rows))).toMatchObject({ valid: true, checkedRows: 3 });
  });

  it('detects a row rewritten with a recomputed hash at the next row (chain-broken)', async () => {
    const rows = await recordThree();
    const victim = rows[1];
    const forged = { ...victim, details: { code: 'FORGED' } };
    await tamper(`UPDATE audit_log SET details = $2::jsonb, hash = $3 WHERE seq = $1`, [
      victim.seq,
      JSON.stringify(forged.details),
      computeAuditHash(victim.prevHash, forged),
    ]);
    try {
      expect((await audit.verify(range(rows))).firstBroken).toEqual({
        seq: rows[2].seq,
        reason: 'chain-broken',
      });
    } finally {
      await tamper(`UPDATE audit_log SET details = $2::jsonb, hash = $3 WHERE seq = $1`, [
        victim.seq,
        JSON.stringify(victim.details),
        victim.hash,
      ]);
    }
    expect((await audit.verify(range(rows))).valid).toBe(true);
  });

  it('detects a deleted row at the next seq (gap), and is valid again once it is re-inserted', async () => {
    const rows = await recordThree();
    const victim = await stored(rows[1].seq);
    await tamper('DELETE FROM audit_log WHERE seq = $1', [rows[1].seq]);
    try {
      expect(await audit.verify(range(rows))).toEqual({
        valid: false,
        checkedRows: 2,
        lastSeq: rows[0].seq,
        firstBroken: { seq: rows[2].seq, reason: 'gap' },
      });
    } finally {
      await reinsert(victim);
    }
    expect(await audit.verify(range(rows))).toMatchObject({ valid: true, checkedRows: 3 });
  });

  it('refuses a sub-millisecond change of the time (which the hash could not see)', async () => {
    const [row] = await recordThree();
    await expect(
      tamper(
        `UPDATE audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = $1`,
        [row.seq],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('queries by every filter, newest first, page by page', async () => {
    const caseId = randomUUID();
    const actor = randomUUID();
    const a = await audit.record(entry({ resourceId: caseId, actorUserId: actor }));
    const b = await audit.record(
      entry({ resourceId: caseId, action: 'case.register', outcome: 'failed', status: 500 }),
    );
    const c = await audit.record(
      entry({ resourceId: caseId, actorUserId: actor, outcome: 'denied' }),
    );
    const seqs = (page: { items: AuditChainRow[] }) => page.items.map((r) => r.seq);

    expect(seqs(await audit.query({ resourceType, resourceId: caseId }))).toEqual([
      c.seq,
      b.seq,
      a.seq,
    ]);
    expect(seqs(await audit.query({ actorUserId: actor }))).toEqual([c.seq, a.seq]);
    expect(seqs(await audit.query({ resourceId: caseId, action: 'case.register' }))).toEqual([
      b.seq,
    ]);
    expect(seqs(await audit.query({ resourceId: caseId, outcome: 'denied' }))).toEqual([c.seq]);
    expect(
      seqs(await audit.query({ resourceId: caseId, from: b.occurredAt, to: c.occurredAt })),
    ).toEqual([b.seq]);

    const first = await audit.query({ resourceId: caseId, limit: 2 });
    expect(seqs(first)).toEqual([c.seq, b.seq]);
    expect(first.nextBeforeSeq).toBe(b.seq);
    const second = await audit.query({
      resourceId: caseId,
      limit: 2,
      beforeSeq: first.nextBeforeSeq!,
    });
    expect(seqs(second)).toEqual([a.seq]);
    expect(second.nextBeforeSeq).toBeNull();
    expect(second.items[0]).toEqual(a);
  });

  it('answers through the controller with Jalali times and the hashes', async () => {
    const row = await audit.record(entry());
    const controller = stack.app.get(AuditController);
    const page = await controller.list({ resourceType, resourceId: row.resourceId! });
    expect(page.items).toEqual([
      { ...row, occurredAtJalali: expect.stringMatching(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/) },
    ]);
    expect(await controller.verify({ fromSeq: row.seq, toSeq: row.seq })).toEqual({
      valid: true,
      checkedRows: 1,
      lastSeq: row.seq,
    });
  });

  it('has a migration whose down() removes the table and whose up() restores it', async () => {
    const migration = new AuditLog1764561600000();
    const runner = stack.dataSource.createQueryRunner();
    const exists = async (query: (sql: string) => Promise<Array<{ e: boolean }>>) =>
      (await query(`SELECT to_regclass('audit_log') IS NOT NULL AS e`))[0].e;
    const inTransaction = (sql: string) => runner.query(sql);
    await runner.startTransaction();
    try {
      await migration.down(runner);
      expect(await exists(inTransaction)).toBe(false);
      await migration.up(runner);
      expect(await exists(inTransaction)).toBe(true);
    } finally {
      await runner.rollbackTransaction(); // PostgreSQL DDL is transactional: the real table stays
      await runner.release();
    }
    expect(await exists((sql) => stack.dataSource.query(sql))).toBe(true);
    expect((await audit.verify()).valid).toBe(true);
  });

  it('records an @Audited request through the real app: actor, ip and request id', async () => {
    const operator = await createUser(stack.dataSource, ['OPERATOR']);
    const { accessToken } = await signIn(stack.baseUrl, operator.username);
    await request(stack.baseUrl)
      .get('/audit/verify')
      .query({ fromSeq: 1, toSeq: 1 })
      .set('authorization', `Bearer ${accessToken}`)
      .expect(200);
    const [row] = (await audit.query({ actorUserId: operator.id, action: 'audit.verify' })).items;
    expect(row).toMatchObject({
      resourceType: 'audit',
      outcome: 'success',
      status: 200,
      actorRoles: ['OPERATOR'],
      ip: expect.stringMatching(/127\.0\.0\.1/),
      requestId: expect.any(String),
    });
  });

  it('leaves the whole log valid for the other test files, read in one batch or many', async () => {
    const result = await audit.verify();
    expect(result).toMatchObject({ valid: true });
    expect(result.checkedRows).toBe(result.lastSeq);
    expect(await audit.verify({ batchSize: 3 })).toEqual(result);
  });
});
