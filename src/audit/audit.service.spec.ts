import { createHash } from 'node:crypto';
import { QueryFailedError, type DataSource, type Repository } from 'typeorm';
import { computeAuditHash, GENESIS_HASH, verifyChain, CHAIN_START } from './audit-chain';
import type { AuditLogEntity } from './audit-log.entity';
import { type AuditEntry, AuditService } from './audit.service';

interface BatchRow {
  occurred_at: string;
  resource_id: string | null;
  content_hash: string;
}

/**
 * A stand-in for PostgreSQL's `audit_append_many`: links the batch to the chain kept here, as
 * the function does, when the test lets the statement return (`commit`) — or fails it.
 */
function fakeDatabase() {
  const chain: { seq: number; hash: string }[] = [];
  const statements: { rows: BatchRow[]; commit: () => void; fail: (e: unknown) => void }[] = [];
  const query = jest.fn((sql: string, params: [string]) => {
    expect(sql).toMatch(/audit_append_many\(\$1::jsonb\)/);
    const rows = JSON.parse(params[0]) as BatchRow[];
    return new Promise((resolve, reject) => {
      statements.push({
        rows,
        fail: reject,
        commit: () => {
          if (rows.some((r) => r.resource_id?.includes('\u0000'))) {
            const driverError = Object.assign(new Error('invalid byte sequence'), {
              code: '22021',
            });
            reject(new QueryFailedError(sql, params, driverError));
            return;
          }
          resolve(
            rows.map((r, i) => {
              const prev = chain[chain.length - 1] ?? { seq: 0, hash: GENESIS_HASH };
              const seq = prev.seq + 1;
              const hash = computeAuditHashFromContent(prev.hash, seq, r.content_hash);
              chain.push({ seq, hash });
              return { ord: String(i + 1), seq: String(seq), prev_hash: prev.hash, hash };
            }),
          );
        },
      });
    });
  });
  return { chain, statements, dataSource: { query } as unknown as DataSource, query };
}

/** The link `audit_append_many` computes, from the content hash the service sends. */
function computeAuditHashFromContent(prev: string, seq: number, contentHash: string): string {
  // computeAuditHash hashes `${prev}:${seq}:${auditContentHash(row)}`; the fake gets the content
  // hash already computed, so it hashes the same text directly.
  return createHash('sha256').update(`${prev}:${seq}:${contentHash}`, 'utf8').digest('hex');
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

const entry = (resourceId: string): AuditEntry => ({
  action: 'case.read',
  resourceType: 'case',
  resourceId,
  outcome: 'success',
  status: 200,
  actorUserId: '6f1c1f9e-5b0a-4d3e-9a51-0c7f2b8d4e11',
  actorRoles: ['OPERATOR'],
  ip: '127.0.0.1',
  requestId: `req-${resourceId}`,
  details: { b: 1, a: [2] },
});

describe('AuditService group commit', () => {
  const service = (db: ReturnType<typeof fakeDatabase>) =>
    new AuditService(db.dataSource, {} as Repository<AuditLogEntity>);

  it('appends rows recorded together in one statement, chained, each resolved only after it returned', async () => {
    const db = fakeDatabase();
    const audit = service(db);
    const resolved: string[] = [];
    const first = audit.record(entry('r0')).then((row) => (resolved.push('r0'), row));
    await tick();
    // r0 is in flight; these wait for it and then go together.
    const rest = ['r1', 'r2', 'r3'].map((id) =>
      audit.record(entry(id)).then((row) => (resolved.push(id), row)),
    );
    await tick();
    expect(db.statements).toHaveLength(1);
    expect(resolved).toEqual([]);
    db.statements[0].commit();
    await first;
    await tick();
    expect(db.statements).toHaveLength(2);
    expect(db.statements[1].rows.map((r) => r.resource_id)).toEqual(['r1', 'r2', 'r3']);
    expect(resolved).toEqual(['r0']);
    db.statements[1].commit();
    const rows = [await first, ...(await Promise.all(rest))];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    // What the callers got back is a valid chain over exactly what they recorded.
    expect(verifyChain(rows, CHAIN_START)).toEqual({
      checkedRows: 4,
      cursor: { seq: 4, hash: rows[3].hash },
    });
    for (const row of rows) expect(row.hash).toBe(computeAuditHash(row.prevHash, row));
  });

  it('fails every caller of a failed statement (none of its rows was written)', async () => {
    const db = fakeDatabase();
    const audit = service(db);
    const calls = ['a', 'b', 'c'].map((id) => audit.record(entry(id)));
    await tick();
    expect(db.statements).toHaveLength(1);
    const down = new Error('connection terminated');
    db.statements[0].fail(down);
    for (const call of calls) await expect(call).rejects.toBe(down);
    expect(db.chain).toHaveLength(0);
  });

  it('when the database refuses one row as data, appends the others alone and fails only that one', async () => {
    const db = fakeDatabase();
    const audit = service(db);
    const calls = ['ok1', 'bad\u0000', 'ok2'].map((id) => audit.record(entry(id)));
    await tick();
    db.statements[0].commit(); // the batch fails as a whole: nothing written
    for (let i = 1; i <= 3; i++) {
      await tick();
      expect(db.statements[i].rows).toHaveLength(1);
      db.statements[i].commit();
    }
    await expect(calls[0]).resolves.toMatchObject({ resourceId: 'ok1', seq: 1 });
    await expect(calls[1]).rejects.toBeInstanceOf(QueryFailedError);
    await expect(calls[2]).resolves.toMatchObject({ resourceId: 'ok2', seq: 2 });
  });
});
