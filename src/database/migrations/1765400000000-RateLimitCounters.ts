import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate limits' counters, shared by every API replica (src/auth/rate-limit-store.ts): one row
 * per limit and subject (the key is the SHA-256 of both), counted with an atomic upsert.
 * Unlogged: a counter is worth a minute or an hour, and a crash that empties the table only
 * restarts the windows; it spares the write-ahead log a record per limited request.
 */
export class RateLimitCounters1765400000000 implements MigrationInterface {
  name = 'RateLimitCounters1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "rate_limit_counters" (
        "key" text PRIMARY KEY,
        "bucket" text NOT NULL,
        "window_seconds" integer NOT NULL CHECK ("window_seconds" > 0),
        "window_started_at" timestamptz NOT NULL,
        "hits" integer NOT NULL CHECK ("hits" > 0)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
