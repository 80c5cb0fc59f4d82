import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every `Idempotency-Key` is now a row of `action_keys`, of an action or of a create: a create's
 * row carries the plan a retry answers with (`plan`). The case registrations' own table
 * (`idempotency_keys`) is copied in, key for key, and dropped; a complaint's request hash, kept
 * beside its tracking code until now, is no longer needed (a keyed complaint's id still comes
 * from its key, so a retry of a filing made before this migration finds its code again).
 * Session creates already kept their fingerprint in `action_keys` under another id; a retry of
 * one made before this migration is recognised by its key-derived session id, as before.
 */
export class OneIdempotencyKeyTable1765640000000 implements MigrationInterface {
  name = 'OneIdempotencyKeyTable1765640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_keys" ADD COLUMN "plan" jsonb`);
    await queryRunner.query(`
      INSERT INTO "action_keys" ("user_id", "update_id", "request_hash", "plan", "created_at")
      SELECT "user_id", 'create:case/' || "key", "request_hash",
             jsonb_build_object(
               'caseId', "case_id",
               'trackingCode', "tracking_code",
               'registeredAt', to_char("registered_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
             ),
             "created_at"
      FROM "idempotency_keys"
      ON CONFLICT ("user_id", "update_id") DO NOTHING`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`ALTER TABLE "complaint_codes" DROP COLUMN "request_hash"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_codes" ADD COLUMN "request_hash" char(64)`);
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" uuid NOT NULL,
        "key" varchar(100) NOT NULL,
        "request_hash" char(64) NOT NULL,
        "case_id" uuid NOT NULL,
        "tracking_code" varchar(16) NOT NULL,
        "registered_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("user_id", "key")
      )`);
    await queryRunner.query(`
      INSERT INTO "idempotency_keys"
        ("user_id", "key", "request_hash", "case_id", "tracking_code", "registered_at", "created_at")
      SELECT "user_id", substr("update_id", length('create:case/') + 1), "request_hash",
             ("plan"->>'caseId')::uuid, "plan"->>'trackingCode',
             ("plan"->>'registeredAt')::timestamptz, "created_at"
      FROM "action_keys" WHERE "update_id" LIKE 'create:case/%'`);
    await queryRunner.query(`DELETE FROM "action_keys" WHERE "update_id" LIKE 'create:%'`);
    await queryRunner.query(`ALTER TABLE "action_keys" DROP COLUMN "plan"`);
  }
}
