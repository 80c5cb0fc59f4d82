import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { generateTrackingCode } from '../common/tracking-code';

/** A tracking code reserved in `tracking_codes` together with the id of the case that gets it. */
export interface Reservation {
  code: string;
  caseId: string;
}

/** Codes (with their case ids) reserved by one round trip. */
export const TRACKING_CODE_BATCH = 32;
/** Refills in a row that may come back empty before a registration gives up (a 503). */
const REFILL_ATTEMPTS = 5;

/**
 * Reserves `candidates` in one statement; answers those that were free (a clash with a code or
 * case id already there is skipped, not an error). The rows are committed when this returns.
 */
export async function reserveTrackingCodes(
  manager: EntityManager,
  candidates: readonly Reservation[],
): Promise<Reservation[]> {
  const rows = await manager.query<{ code: string; case_id: string }[]>(
    `INSERT INTO tracking_codes (code, case_id)
     SELECT * FROM unnest($1::varchar[], $2::uuid[])
     ON CONFLICT DO NOTHING
     RETURNING code, case_id`,
    [candidates.map((c) => c.code), candidates.map((c) => c.caseId)],
  );
  return rows.map((row) => ({ code: row.code, caseId: row.case_id }));
}

/**
 * Tracking codes reserved ahead, handed out from memory. When none is left, one round trip
 * reserves a batch of fresh random codes, each with a fresh case id (requests waiting meanwhile
 * share that refill). The codes stay random and unique — uniqueness is still the primary key's
 * job, randomness `generateTrackingCode`'s; the order they are handed out in says nothing. Codes
 * reserved but never handed out (the process stopped) are simply never used: no case carries
 * them, so a look-up finds nothing, as for any other unused code.
 */
export class TrackingCodePool {
  private readonly ready: Reservation[] = [];
  private refilling: Promise<void> | undefined;

  constructor(
    private readonly reserve: (candidates: readonly Reservation[]) => Promise<Reservation[]>,
    private readonly batchSize: number = TRACKING_CODE_BATCH,
    private readonly draw: () => Reservation = () => ({
      code: generateTrackingCode(),
      caseId: randomUUID(),
    }),
  ) {}

  /** Codes reserved and not yet handed out. */
  get available(): number {
    return this.ready.length;
  }

  /** A reserved code and case id nobody else has or will get. Throws when none can be reserved. */
  async take(): Promise<Reservation> {
    for (let attempt = 0; ; attempt++) {
      const next = this.ready.pop();
      if (next) return next;
      if (attempt >= REFILL_ATTEMPTS) throw new AppError('CASE.TRACKING_CODE_EXHAUSTED');
      this.refilling ??= this.refill().finally(() => {
        this.refilling = undefined;
      });
      await this.refilling;
    }
  }

  private async refill(): Promise<void> {
    const candidates = Array.from({ length: this.batchSize }, () => this.draw());
    const reserved = await this.reserve(candidates);
    this.ready.push(...reserved);
  }
}
