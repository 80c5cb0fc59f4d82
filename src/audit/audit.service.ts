import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import {
  AuditChainRow,
  AuditOutcome,
  ChainBreak,
  ChainCursor,
  CHAIN_START,
  auditContentFields,
  auditContentHash,
  verifyChain,
} from './audit-chain';
import { AuditLogEntity } from './audit-log.entity';
import { GroupCommit, type Outcome } from '../common/group-commit';

/**
 * The key of the transaction-scoped advisory lock that serialises audit writes, so that seq and
 * prev_hash are taken from the row committed just before ('audit' in ASCII).
 */
export const AUDIT_LOCK_KEY = '418581342580';
/** Rows read per round trip while verifying. */
export const VERIFY_BATCH_SIZE = 1000;
export const QUERY_DEFAULT_LIMIT = 50;
export const QUERY_MAX_LIMIT = 200;
/** Most rows one group commit appends in one statement (see `record`). */
export const AUDIT_BATCH_MAX = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a caller records; the service adds seq, occurredAt and the hashes. */
export interface AuditEntry {
  /** Dotted verb, e.g. `case.read`, `user.create`, `auth.sign-in-failed`, `access.denied`. */
  action: string;
  /** e.g. `case`, `document`, `session`, `user`, `agency`, `audit`, `codec`. */
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  /** HTTP status answered, when the event is a request. */
  status?: number | null;
  /** A user id (UUID); null or absent when nobody is signed in. */
  actorUserId?: string | null;
  actorRoles?: readonly string[];
  ip?: string | null;
  requestId?: string | null;
  /** Ids and codes only, never personal data (names, plates, national ids, passwords…). */
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  actorUserId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
  /** Keyset pagination: only rows with a smaller seq (pass the previous page's nextBeforeSeq). */
  beforeSeq?: number;
  /** 1…200, default 50. */
  limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditChainRow[];
  /** Pass as `beforeSeq` for the next (older) page; null on the last page. */
  nextBeforeSeq: number | null;
}

export interface AuditVerification {
  valid: boolean;
  checkedRows: number;
  /** The last row that verified, null when none did. */
  lastSeq: number | null;
  firstBroken?: { seq: number; reason: ChainBreak };
}

type UnlinkedRow = Omit<AuditChainRow, 'seq' | 'prevHash' | 'hash'>;

@Injectable()
export class AuditService {
  /** Rows recorded on their own, appended together while an append is in flight. */
  private readonly groupCommit = new GroupCommit<UnlinkedRow, AuditChainRow>(
    (rows) => this.appendMany(rows),
    AUDIT_BATCH_MAX,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AuditLogEntity) private readonly rows: Repository<AuditLogEntity>,
  ) {}

  /**
   * Appends one row. Writes are serialised by an advisory lock held to the end of the
   * transaction. Pass `manager` (inside a transaction) to commit the row atomically with the
   * change it describes — audit writes then wait for that transaction, so keep it short.
   * Without `manager`, rows recorded while another append is in flight are appended together
   * (group commit: one statement, one transaction, one commit); the promise resolves only once
   * the statement that carried this row has committed. Throws when the row cannot be written;
   * callers must not swallow that.
   */
  async record(
    entry: AuditEntry,
    options: { manager?: EntityManager } = {},
  ): Promise<AuditChainRow> {
    const base = normalise(entry);
    const manager = options.manager;
    // Inside the caller's transaction, or with the rows of other callers (committed at once).
    if (manager) return this.append(manager, base);
    return this.groupCommit.submit({ ...base, occurredAt: new Date().toISOString() });
  }

  /**
   * One round trip for a batch: `audit_append_many` takes the chain's lock, reads the last row
   * and links and inserts the batch's rows in order (see the AuditAppendMany migration); the
   * statement is its own transaction, so when it returns every row of the batch is committed,
   * and when it fails none is. A row the database refuses as data (SQLSTATE class 22 or 23, e.g.
   * text it cannot store) must not fail the rows batched with it by chance: then each row is
   * appended on its own and only the refused one fails.
   */
  private async appendMany(rows: readonly UnlinkedRow[]): Promise<Array<Outcome<AuditChainRow>>> {
    try {
      return (await this.appendBatch(rows)).map((value) => ({ ok: true, value }));
    } catch (error) {
      if (rows.length === 1 || !isDataError(error)) throw error;
      const outcomes: Array<Outcome<AuditChainRow>> = [];
      for (const row of rows) {
        try {
          const [value] = await this.appendBatch([row]);
          outcomes.push({ ok: true, value });
        } catch (alone) {
          outcomes.push({ ok: false, error: alone });
        }
      }
      return outcomes;
    }
  }

  private async appendBatch(rows: readonly UnlinkedRow[]): Promise<AuditChainRow[]> {
    const payload = rows.map((row) => ({
      occurred_at: row.occurredAt,
      actor_user_id: row.actorUserId,
      actor_roles: row.actorRoles,
      action: row.action,
      resource_type: row.resourceType,
      resource_id: row.resourceId,
      outcome: row.outcome,
      status: row.status,
      ip: row.ip,
      request_id: row.requestId,
      details: row.details,
      content_hash: auditContentHash(row),
    }));
    const linked = await this.dataSource.query<
      { ord: string; seq: string; prev_hash: string; hash: string }[]
    >(`SELECT ord, seq, prev_hash, hash FROM audit_append_many($1::jsonb) ORDER BY ord`, [
      JSON.stringify(payload),
    ]);
    if (linked.length !== rows.length) {
      throw new Error(`audit_append_many linked ${linked.length} of ${rows.length} rows`);
    }
    return linked.map((l) => {
      const row = rows[Number(l.ord) - 1];
      return { ...row, seq: Number(l.seq), prevHash: l.prev_hash, hash: l.hash };
    });
  }

  /**
   * One round trip: `audit_append` takes the chain's lock, reads the last row, links and
   * inserts this one (see the AuditAppendFunction migration). The lock lasts until the
   * surrounding transaction commits, so the chain has no forks.
   */
  private async append(
    tx: EntityManager,
    base: Omit<AuditChainRow, 'seq' | 'occurredAt' | 'prevHash' | 'hash'>,
  ): Promise<AuditChainRow> {
    const occurredAt = new Date().toISOString();
    const contentHash = auditContentHash({ ...base, occurredAt });
    const [linked] = await tx.query<{ seq: string; prev_hash: string; hash: string }[]>(
      `SELECT seq, prev_hash, hash FROM audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
      [
        occurredAt,
        base.actorUserId,
        base.actorRoles,
        base.action,
        base.resourceType,
        base.resourceId,
        base.outcome,
        base.status,
        base.ip,
        base.requestId,
        JSON.stringify(base.details),
        contentHash,
      ],
    );
    return {
      ...base,
      occurredAt,
      seq: Number(linked.seq),
      prevHash: linked.prev_hash,
      hash: linked.hash,
    };
  }

  /** Rows matching every given filter, newest first, one page at a time. */
  async query(filters: AuditFilters = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(filters.limit ?? QUERY_DEFAULT_LIMIT, 1), QUERY_MAX_LIMIT);
    const qb = this.rows
      .createQueryBuilder('a')
      .orderBy('a.seq', 'DESC')
      .limit(limit + 1);
    const equal = ['actorUserId', 'resourceType', 'resourceId', 'action', 'outcome'] as const;
    for (const key of equal) {
      const value = filters[key];
      if (value !== undefined) qb.andWhere(`a.${key} = :${key}`, { [key]: value });
    }
    if (filters.from) qb.andWhere('a.occurredAt >= :from', { from: new Date(filters.from) });
    if (filters.to) qb.andWhere('a.occurredAt < :to', { to: new Date(filters.to) });
    if (filters.beforeSeq !== undefined) {
      qb.andWhere('a.seq < :beforeSeq', { beforeSeq: filters.beforeSeq });
    }
    const found = await qb.getMany();
    const items = found.slice(0, limit).map(toChainRow);
    return {
      items,
      nextBeforeSeq: found.length > limit ? items[items.length - 1].seq : null,
    };
  }

  /**
   * Recomputes every hash and link from `fromSeq` to `toSeq` (default: the whole log as it is
   * when the check starts), in batches. The first row of the range is linked to the stored hash
   * of the row before it. Stops at the first broken row and names it. `batchSize` (rows per
   * round trip, default 1000) is for tests.
   */
  async verify(
    range: { fromSeq?: number; toSeq?: number; batchSize?: number } = {},
  ): Promise<AuditVerification> {
    const batchSize = range.batchSize ?? VERIFY_BATCH_SIZE;
    const max: Array<{ max: string | null }> = await this.dataSource.query(
      'SELECT max(seq) AS max FROM audit_log',
    );
    const upTo = Math.min(range.toSeq ?? Infinity, Number(max[0]?.max ?? 0));
    let cursor = CHAIN_START;
    if (range.fromSeq !== undefined && range.fromSeq > 1) {
      const before = await this.rows
        .createQueryBuilder('a')
        .where('a.seq < :fromSeq', { fromSeq: range.fromSeq })
        .orderBy('a.seq', 'DESC')
        .limit(1)
        .getOne();
      if (before) cursor = { seq: before.seq, hash: before.hash };
    }
    const start: ChainCursor = cursor;
    let checkedRows = 0;
    for (;;) {
      const batch = await this.rows
        .createQueryBuilder('a')
        .where('a.seq > :after AND a.seq <= :upTo', { after: cursor.seq, upTo })
        .orderBy('a.seq', 'ASC')
        .limit(batchSize)
        .getMany();
      const check = verifyChain(batch.map(toChainRow), cursor);
      checkedRows += check.checkedRows;
      cursor = check.cursor;
      const lastSeq = cursor === start ? null : cursor.seq;
      if (check.firstBroken) {
        return { valid: false, checkedRows, lastSeq, firstBroken: check.firstBroken };
      }
      if (batch.length < batchSize) return { valid: true, checkedRows, lastSeq };
    }
  }
}

function normalise(
  entry: AuditEntry,
): Omit<AuditChainRow, 'seq' | 'occurredAt' | 'prevHash' | 'hash'> {
  if (!entry.action || !entry.resourceType) {
    throw new Error('audit entry needs an action and a resource type');
  }
  const actorUserId = entry.actorUserId ?? null;
  if (actorUserId !== null && !UUID.test(actorUserId)) {
    throw new Error('audit entry: actorUserId must be a UUID');
  }
  return {
    actorUserId,
    actorRoles: [...(entry.actorRoles ?? [])],
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome,
    status: entry.status ?? null,
    ip: entry.ip ?? null,
    requestId: entry.requestId ?? null,
    // Exactly what jsonb will give back: no undefined, no functions, dates as ISO strings.
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
  };
}

/** PostgreSQL refused the data itself (class 22 data exception, class 23 constraint violation). */
function isDataError(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

function toChainRow(row: AuditLogEntity): AuditChainRow {
  return {
    seq: row.seq,
    ...auditContentFields({ ...row, occurredAt: row.occurredAt.toISOString() }),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
