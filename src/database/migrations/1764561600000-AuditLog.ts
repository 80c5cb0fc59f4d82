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
    // Appends one row in one round trip: under the chain's advisory lock (held to the end of
    // the caller's transaction) it reads the last row, links the new one —
    // hash = sha256('<previous hash>:<seq>:<content hash>'), the content hash computed by the
    // service over every other field — and inserts it. Each statement of a PL/pgSQL function
    // takes a fresh snapshot, so the row read after the lock is the latest committed one.
    await queryRunner.query(`
      CREATE FUNCTION "audit_append"(
        p_occurred_at timestamptz, p_actor_user_id uuid, p_actor_roles text[], p_action text,
        p_resource_type text, p_resource_id text, p_outcome text, p_status integer, p_ip text,
        p_request_id text, p_details jsonb, p_content_hash text)
      RETURNS TABLE (seq bigint, prev_hash char(64), hash char(64))
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_seq bigint;
        v_prev char(64);
        v_hash char(64);
      BEGIN
        PERFORM pg_advisory_xact_lock(418581342580);
        SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF v_seq IS NULL THEN
          v_seq := 0;
          v_prev := repeat('0', 64);
        END IF;
        v_seq := v_seq + 1;
        v_hash := encode(sha256(convert_to(v_prev || ':' || v_seq::text || ':' || p_content_hash, 'UTF8')), 'hex');
        INSERT INTO audit_log (seq, occurred_at, actor_user_id, actor_roles, action, resource_type,
          resource_id, outcome, status, ip, request_id, details, prev_hash, hash)
        VALUES (v_seq, p_occurred_at, p_actor_user_id, p_actor_roles, p_action, p_resource_type,
          p_resource_id, p_outcome, p_status, p_ip, p_request_id, p_details, v_prev, v_hash);
        RETURN QUERY SELECT v_seq, v_prev, v_hash;
      END
      $$`);
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
    await queryRunner.query(`DROP FUNCTION "audit_append"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
