import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group commit of audit rows: `audit_append_many` appends a batch in one round trip and one
 * transaction, exactly as `audit_append` appends one row — under the chain's advisory lock it
 * reads the last row, then links and inserts each row of the batch in order, each
 * hash = sha256('<previous hash>:<seq>:<content hash>') with the content hash computed by the
 * service. The batch is a JSON array of objects with the row's columns and `content_hash`; the
 * answer names each row by its 1-based position (`ord`).
 */
export class AuditAppendMany1764800000000 implements MigrationInterface {
  name = 'AuditAppendMany1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "audit_append_many"(p_rows jsonb)
      RETURNS TABLE (ord bigint, seq bigint, prev_hash char(64), hash char(64))
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_seq bigint;
        v_prev char(64);
        v_hash char(64);
        r record;
      BEGIN
        PERFORM pg_advisory_xact_lock(418581342580);
        SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF v_seq IS NULL THEN
          v_seq := 0;
          v_prev := repeat('0', 64);
        END IF;
        FOR r IN
          SELECT e.ord AS row_ord, x.*
          FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS e(value, ord),
            jsonb_to_record(e.value) AS x(occurred_at timestamptz, actor_user_id uuid,
              actor_roles text[], action text, resource_type text, resource_id text, outcome text,
              status integer, ip text, request_id text, details jsonb, content_hash text)
          ORDER BY e.ord
        LOOP
          IF r.content_hash IS NULL OR r.content_hash !~ '^[0-9a-f]{64}$' THEN
            RAISE EXCEPTION 'audit_append_many: row % has no content hash', r.row_ord
              USING ERRCODE = 'invalid_parameter_value';
          END IF;
          v_seq := v_seq + 1;
          v_hash := encode(sha256(convert_to(v_prev || ':' || v_seq::text || ':' || r.content_hash, 'UTF8')), 'hex');
          INSERT INTO audit_log (seq, occurred_at, actor_user_id, actor_roles, action, resource_type,
            resource_id, outcome, status, ip, request_id, details, prev_hash, hash)
          VALUES (v_seq, r.occurred_at, r.actor_user_id, COALESCE(r.actor_roles, '{}'), r.action,
            r.resource_type, r.resource_id, r.outcome, r.status, r.ip, r.request_id,
            COALESCE(r.details, '{}'::jsonb), v_prev, v_hash);
          ord := r.row_ord;
          seq := v_seq;
          prev_hash := v_prev;
          hash := v_hash;
          RETURN NEXT;
          v_prev := v_hash;
        END LOOP;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "audit_append_many"(jsonb)`);
  }
}
