import { createHash } from 'node:crypto';
import {
  AuditChainRow,
  AuditHashedFields,
  CHAIN_START,
  computeAuditHash,
  GENESIS_HASH,
  verifyChain,
} from './audit-chain';
import { canonicalJson } from '../common/canonical-json';

function chain(count: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields: AuditHashedFields = {
      seq,
      occurredAt: new Date(Date.UTC(2025, 11, 1, 8, 0, 0, seq)).toISOString(),
      actorUserId: '6f1c1f9e-5b0a-4d3e-9a51-0c7f2b8d4e11',
      actorRoles: ['OPERATOR'],
      action: 'case.read',
      resourceType: 'case',
      resourceId: `case-${seq}`,
      outcome: 'success',
      status: 200,
      ip: '127.0.0.1',
      requestId: `req-${seq}`,
      details: { n: seq, nested: { b: 1, a: [2, { d: 1, c: 0 }] } },
    };
    const hash = computeAuditHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, drops undefined like JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
    expect(canonicalJson('سلام "x"')).toBe(JSON.stringify('سلام "x"'));
    expect(canonicalJson(new Date('2025-12-01T08:00:00.123Z'))).toBe('"2025-12-01T08:00:00.123Z"');
  });
});

describe('audit hash', () => {
  const [row] = chain(1);

  it('is sha256 hex of "<previous hash>:<seq>:<sha256 of the canonical JSON of the other fields>"', () => {
    const { prevHash: _p, hash: _h, seq, ...fields } = row;
    const content = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    const expected = createHash('sha256').update(`${GENESIS_HASH}:${seq}:${content}`).digest('hex');
    expect(row.hash).toBe(expected);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order or on extra properties, but on every field and the link', () => {
    const reordered = Object.fromEntries(Object.entries(row).reverse()) as AuditChainRow;
    expect(computeAuditHash(GENESIS_HASH, reordered)).toBe(row.hash);
    expect(computeAuditHash(GENESIS_HASH, { ...row, details: { ...row.details } })).toBe(row.hash);
    const changes: Partial<AuditHashedFields>[] = [
      { seq: 2 },
      { occurredAt: '2025-12-01T08:00:00.002Z' },
      { actorUserId: null },
      { actorRoles: ['ADMINISTRATOR'] },
      { action: 'case.register' },
      { resourceType: 'document' },
      { resourceId: 'case-9' },
      { outcome: 'denied' },
      { status: 403 },
      { ip: '10.0.0.1' },
      { requestId: null },
      { details: { n: 1, nested: { b: 1, a: [2, { d: 1, c: 1 }] } } },
    ];
    for (const change of changes) {
      expect(computeAuditHash(GENESIS_HASH, { ...row, ...change })).not.toBe(row.hash);
    }
    expect(computeAuditHash('f'.repeat(64), row)).not.toBe(row.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and returns where it ended', () => {
    const rows = chain(5);
    expect(verifyChain(rows, CHAIN_START)).toEqual({
      checkedRows: 5,
      cursor: { seq: 5, hash: rows[4].hash },
    });
  });

  it('continues from a cursor, batch after batch', () => {
    const rows = chain(6);
    const first = verifyChain(rows.slice(0, 3), CHAIN_START);
    expect(verifyChain(rows.slice(3), first.cursor)).toEqual({
      checkedRows: 3,
      cursor: { seq: 6, hash: rows[5].hash },
    });
  });

  it('names a modified row by its seq (hash-mismatch)', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], resourceId: 'case-other' };
    expect(verifyChain(rows, CHAIN_START)).toEqual({
      checkedRows: 3,
      cursor: { seq: 2, hash: rows[1].hash },
      firstBroken: { seq: 3, reason: 'hash-mismatch' },
    });
  });

  it('names a row whose hash was recomputed after a change at the next row (chain-broken)', () => {
    const rows = chain(5);
    const changed = { ...rows[2], resourceId: 'case-other' };
    rows[2] = { ...changed, hash: computeAuditHash(changed.prevHash, changed) };
    expect(verifyChain(rows, CHAIN_START).firstBroken).toEqual({ seq: 4, reason: 'chain-broken' });
  });

  it('names the row after a deleted one (gap), also when the first rows are missing', () => {
    const rows = chain(5);
    expect(verifyChain([...rows.slice(0, 2), ...rows.slice(3)], CHAIN_START).firstBroken).toEqual({
      seq: 4,
      reason: 'gap',
    });
    expect(verifyChain(rows.slice(1), CHAIN_START).firstBroken).toEqual({ seq: 2, reason: 'gap' });
  });

  it('refuses a row that is not linked to the first row of the chain', () => {
    const rows = chain(2);
    rows[0] = { ...rows[0], prevHash: 'a'.repeat(64) };
    expect(verifyChain(rows, CHAIN_START).firstBroken).toEqual({ seq: 1, reason: 'chain-broken' });
  });
});
