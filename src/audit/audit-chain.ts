import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/** The `prev_hash` of the first row: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Every field of a row that the hash covers (all of them but `prev_hash` and `hash`). */
export interface AuditHashedFields {
  seq: number;
  /** ISO 8601 with milliseconds, as `Date.toISOString()` writes it. */
  occurredAt: string;
  actorUserId: string | null;
  actorRoles: string[];
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  status: number | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditChainRow extends AuditHashedFields {
  prevHash: string;
  hash: string;
}

/** The fields the content hash covers, in the order a row lists them. */
const CONTENT_FIELDS = [
  'occurredAt',
  'actorUserId',
  'actorRoles',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'status',
  'ip',
  'requestId',
  'details',
] as const satisfies readonly (keyof AuditHashedFields)[];

export type AuditContentFields = Pick<AuditHashedFields, (typeof CONTENT_FIELDS)[number]>;

/** Just the hashed fields of `row` (not `seq`, nor a stored row's `prev_hash` and `hash`). */
export function auditContentFields(row: AuditContentFields): AuditContentFields {
  return Object.fromEntries(
    CONTENT_FIELDS.map((field) => [field, row[field]]),
  ) as unknown as AuditContentFields;
}

/** sha256 (hex) of the canonical JSON of a row's fields other than `seq`. */
export function auditContentHash(row: Omit<AuditHashedFields, 'seq'>): string {
  const fields = auditContentFields(row);
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}

/**
 * A row's hash: sha256 (hex) of `<previous row's hash>:<seq>:<content hash>`. The content hash
 * is computed by the service, the link in PostgreSQL (`audit_append`, one round trip under the
 * chain's lock); both sides compute the same text, and verification recomputes it all here.
 */
export function computeAuditHash(prevHash: string, row: AuditHashedFields): string {
  return createHash('sha256')
    .update(`${prevHash}:${row.seq}:${auditContentHash(row)}`, 'utf8')
    .digest('hex');
}

export type ChainBreak = 'hash-mismatch' | 'chain-broken' | 'gap';

/** Where a verification stands: the last row accepted (seq 0 and the genesis hash before any). */
export interface ChainCursor {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainCursor = { seq: 0, hash: GENESIS_HASH };

export interface ChainCheck {
  checkedRows: number;
  /** The last row that passed; the cursor to continue from with the next batch. */
  cursor: ChainCursor;
  firstBroken?: { seq: number; reason: ChainBreak };
}

/**
 * Checks rows (in seq order) against the row before them and against their own hash. A row
 * whose fields changed fails `hash-mismatch`; a row that no longer links to its predecessor fails
 * `chain-broken`; a missing seq (a deleted row) fails `gap` at the next row that exists.
 * Stops at the first broken row, which is counted as checked.
 */
export function verifyChain(rows: readonly AuditChainRow[], start: ChainCursor): ChainCheck {
  let cursor = start;
  let checkedRows = 0;
  for (const row of rows) {
    checkedRows++;
    const reason: ChainBreak | undefined =
      row.seq !== cursor.seq + 1
        ? 'gap'
        : row.prevHash !== cursor.hash
          ? 'chain-broken'
          : computeAuditHash(row.prevHash, row) !== row.hash
            ? 'hash-mismatch'
            : undefined;
    if (reason) return { checkedRows, cursor, firstBroken: { seq: row.seq, reason } };
    cursor = { seq: row.seq, hash: row.hash };
  }
  return { checkedRows, cursor };
}
