import { createHash } from 'node:crypto';
import { GroupCommit } from '../common/group-commit';

/**
 * One counter a request is counted on: `bucket` names the limit (e.g. `tracking:hour`), `subject`
 * whom it counts (a client address, an account), `limit` hits are allowed per `windowSeconds`.
 */
export interface Bucket {
  bucket: string;
  subject: string;
  limit: number;
  windowSeconds: number;
}

/** What counting a request answered: allowed, or refused until `retryAfterSeconds` from now. */
export type RateDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

/** One counter as the database answers it after counting a batch. */
export interface CounterRow {
  key: string;
  hits: number;
  retry_after: number;
}

/** Most requests one statement counts. */
const MAX_REQUESTS_PER_STATEMENT = 200;

/**
 * The counters' key: SHA-256 of bucket and subject, so the table shows no client addresses or
 * usernames in plain text (an address is still guessable from its hash; the rows last a window).
 */
export function counterKey(bucket: string, subject: string): string {
  return createHash('sha256').update(`${bucket}\n${subject}`).digest('hex');
}

/**
 * Counts a batch of requests on their counters in ONE statement: hits on the same counter are
 * added up first (a statement may touch a row once), the counters are locked in key order (no
 * deadlock between replicas), and each window restarts, atomically, at its first hit after it
 * ran out (a fixed window per counter: at most `limit` hits from its first hit until
 * `windowSeconds` later). The database's clock decides, the same for every replica.
 */
export const COUNT_HITS_SQL = {
  name: 'rate-limit-count-hits',
  text: `INSERT INTO rate_limit_counters AS c (key, bucket, window_seconds, window_started_at, hits)
         SELECT t.key, t.bucket, t.window_seconds, now(), t.n
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(key, bucket, window_seconds, n)
         ORDER BY t.key
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN c.window_started_at + make_interval(secs => c.window_seconds) <= now()
                       THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
           window_started_at = CASE WHEN c.window_started_at + make_interval(secs => c.window_seconds) <= now()
                                    THEN now() ELSE c.window_started_at END,
           window_seconds = EXCLUDED.window_seconds
         RETURNING c.key, c.hits,
           GREATEST(1, ceil(extract(epoch FROM
             c.window_started_at + make_interval(secs => c.window_seconds) - now())))::int AS retry_after`,
};

/** Drops counters whose window has run out (a later hit would restart them anyway). */
export const SWEEP_SQL = `DELETE FROM rate_limit_counters
  WHERE window_started_at + make_interval(secs => window_seconds) < now()`;

export type CountHits = (values: [string[], string[], number[], number[]]) => Promise<CounterRow[]>;

/**
 * The shared rate-limit counters, in PostgreSQL so that every API replica counts on the same
 * ones. Requests counted while a statement is in flight go together in the next one (as the
 * tracking look-up batches its reads): one round trip per batch, whatever the number of limits
 * a request is under. A failed statement fails exactly the requests it carried.
 */
export class RateLimitStore {
  private readonly batches: GroupCommit<Bucket[], RateDecision>;

  constructor(countHits: CountHits) {
    this.batches = new GroupCommit(async (requests) => {
      const { values, keysOf } = aggregate(requests);
      const rows = await countHits(values);
      return decide(requests, keysOf, values, rows).map((value) => ({ ok: true as const, value }));
    }, MAX_REQUESTS_PER_STATEMENT);
  }

  /** Counts one request on each of its buckets; limited when any is over its limit. */
  hit(buckets: Bucket[]): Promise<RateDecision> {
    if (buckets.length === 0) return Promise.resolve({ limited: false });
    return this.batches.submit(buckets);
  }
}

/** The statement's arrays: each counter once, with the number of hits the batch brings it. */
export function aggregate(requests: readonly Bucket[][]): {
  values: [string[], string[], number[], number[]];
  keysOf: string[][];
} {
  const index = new Map<string, number>();
  const values: [string[], string[], number[], number[]] = [[], [], [], []];
  const keysOf = requests.map((buckets) =>
    buckets.map((b) => {
      const key = counterKey(b.bucket, b.subject);
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, values[0].length);
        values[0].push(key);
        values[1].push(b.bucket);
        values[2].push(b.windowSeconds);
        values[3].push(1);
      } else {
        values[3][at]++;
      }
      return key;
    }),
  );
  return { values, keysOf };
}

/**
 * Each request's own hit number on each counter, in submission order: a counter now at `hits`
 * after the batch's `n` hits gave them numbers hits − n + 1 … hits. A request over any limit is
 * refused until the latest of those windows ends.
 */
export function decide(
  requests: readonly Bucket[][],
  keysOf: string[][],
  values: [string[], string[], number[], number[]],
  rows: readonly CounterRow[],
): RateDecision[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const next = new Map<string, number>();
  values[0].forEach((key, i) => {
    const row = byKey.get(key);
    if (!row) throw new Error(`rate limit: no counter answered for ${values[1][i]}`);
    next.set(key, row.hits - values[3][i] + 1);
  });
  return requests.map((buckets, r) => {
    let retryAfterSeconds = 0;
    buckets.forEach((bucket, b) => {
      const key = keysOf[r][b];
      const number = next.get(key)!;
      next.set(key, number + 1);
      if (number > bucket.limit)
        retryAfterSeconds = Math.max(retryAfterSeconds, byKey.get(key)!.retry_after);
    });
    return retryAfterSeconds > 0 ? { limited: true, retryAfterSeconds } : { limited: false };
  });
}
