import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log: who read or changed what, when and from where. Each row's hash
 * covers its fields and the previous row's hash (AuditService); the trigger below refuses
 * UPDATE, DELETE and TRUNCATE, so rows can only be added.
 */
export class AuditLog1764561600000 implements MigrationInterface {
  name = 'AuditLog1764561600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "seq" bigint PRIMARY KEY,
        -- Milliseconds, as the hash covers them: a sub-millisecond change could not be seen.
        "occurred_at" timestamptz NOT NULL
          CHECK ("occurred_at" = date_trunc('milliseconds', "occurred_at")),
        "actor_user_id" uuid,
        "actor_roles" text[] NOT NULL DEFAULT '{}',
        "action" text NOT NULL,
        "resource_type" text NOT NULL,
        "resource_id" text,
        "outcome" text NOT NULL CHECK ("outcome" IN ('success', 'denied', 'failed')),
        "status" integer,
        "ip" text,
        "request_id" text,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "prev_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_actor" ON "audit_log" ("actor_user_id", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_resource" ON "audit_log" ("resource_type", "resource_id", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_occurred_at" ON "audit_log" ("occurred_at")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_action" ON "audit_log" ("action", "seq")`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_log_append_only"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
