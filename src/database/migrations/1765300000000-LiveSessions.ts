import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every authenticated request asks whether its token's session (refresh-token family) still has
 * a live refresh token, in the same query that reads the user: this index answers that from the
 * one or two unrevoked rows of the family rather than every token the family ever rotated through.
 */
export class LiveSessions1765300000000 implements MigrationInterface {
  name = 'LiveSessions1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_live_family" ON "refresh_tokens" ("family_id")
       WHERE "revoked_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_refresh_tokens_live_family"`);
  }
}
