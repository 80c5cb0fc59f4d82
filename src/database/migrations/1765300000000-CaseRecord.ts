import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case record (docs/case-record.md): everything a person reads about a case or a session
 * lives in PostgreSQL, not only in Temporal, whose namespace forgets closed workflows after its
 * retention. Written by the workflows' idempotent activities, each row keyed by the workflow
 * event it records; filled for existing cases by `npm run record:backfill`.
 */
export class CaseRecord1765300000000 implements MigrationInterface {
  name = 'CaseRecord1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The case's state as the workflow answered it after its newest timeline line.
    await queryRunner.query(`
      CREATE TABLE "case_states" (
        "case_id" uuid PRIMARY KEY REFERENCES "cases" ("id") ON DELETE CASCADE,
        "seq" integer NOT NULL,
        "view" jsonb NOT NULL,
        "directorate_clock" jsonb,
        "calendar" jsonb,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // Every decision a session recorded for the case (a revision is a row of its own).
    await queryRunner.query(`
      CREATE TABLE "case_decisions" (
        "event_id" varchar(200) PRIMARY KEY,
        "case_id" uuid NOT NULL REFERENCES "cases" ("id") ON DELETE CASCADE,
        "seq" integer NOT NULL,
        "session_id" uuid,
        "outcome" varchar(32) NOT NULL,
        "conditions" jsonb,
        "reasons" jsonb,
        "deficiencies" jsonb,
        "recorded_by" varchar(64),
        "recorded_at" timestamptz,
        "revision" boolean NOT NULL DEFAULT false,
        "took_effect_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_case_decisions_case" ON "case_decisions" ("case_id", "seq")`,
    );
    // The result the agency was told: the permit (number, validity, conditions) or the refusal.
    await queryRunner.query(`
      CREATE TABLE "case_results" (
        "case_id" uuid PRIMARY KEY REFERENCES "cases" ("id") ON DELETE CASCADE,
        "event_id" varchar(200) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "permit_number" varchar(32) UNIQUE,
        "valid_from" timestamptz,
        "valid_until" timestamptz,
        "conditions" jsonb,
        "reasons" jsonb,
        "session_id" uuid,
        "minutes_approved_at" timestamptz,
        "announced_at" timestamptz NOT NULL,
        "announced_by" varchar(64) NOT NULL
      )`);
    // Each round of corrections: what was asked (at review or by a session) and the answer.
    await queryRunner.query(`
      CREATE TABLE "case_correction_rounds" (
        "case_id" uuid NOT NULL REFERENCES "cases" ("id") ON DELETE CASCADE,
        "round" integer NOT NULL,
        "event_id" varchar(200) NOT NULL,
        "source" varchar(16) NOT NULL,
        "session_id" uuid,
        "requested_at" timestamptz NOT NULL,
        "requested_by" varchar(64) NOT NULL,
        "deficiencies" jsonb NOT NULL,
        "comment" text,
        "answer_event_id" varchar(200),
        "answered_at" timestamptz,
        "answered_by" varchar(64),
        "answer_note" text,
        "document_ids" jsonb,
        "changed_fields" jsonb,
        PRIMARY KEY ("case_id", "round")
      )`);
    // The session's full state (the `live` answer of GET /sessions/:id).
    await queryRunner.query(`ALTER TABLE "sessions" ADD COLUMN "view" jsonb`);
    // Each case's decision as the session holds it; `final` once the minutes are approved.
    await queryRunner.query(`
      CREATE TABLE "session_decisions" (
        "session_id" uuid NOT NULL REFERENCES "sessions" ("id") ON DELETE CASCADE,
        "case_id" uuid NOT NULL,
        "outcome" varchar(32) NOT NULL,
        "conditions" jsonb,
        "reasons" jsonb,
        "deficiencies" jsonb,
        "recorded_by" varchar(64) NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "final" boolean NOT NULL DEFAULT false,
        PRIMARY KEY ("session_id", "case_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_session_decisions_case" ON "session_decisions" ("case_id")`,
    );
    // Every version (round) of the minutes, and what became of it.
    await queryRunner.query(`
      CREATE TABLE "minutes_versions" (
        "session_id" uuid NOT NULL REFERENCES "sessions" ("id") ON DELETE CASCADE,
        "round" integer NOT NULL,
        "drafted_by" varchar(64) NOT NULL,
        "drafted_at" timestamptz NOT NULL,
        "status" varchar(16) NOT NULL,
        PRIMARY KEY ("session_id", "round")
      )`);
    // Each member's vote on a version: an approval, or an objection with its comment.
    await queryRunner.query(`
      CREATE TABLE "minutes_votes" (
        "session_id" uuid NOT NULL,
        "round" integer NOT NULL,
        "user_id" varchar(64) NOT NULL,
        "vote" varchar(16) NOT NULL,
        "at" timestamptz NOT NULL,
        "comment" text,
        PRIMARY KEY ("session_id", "round", "user_id", "vote", "at"),
        FOREIGN KEY ("session_id", "round")
          REFERENCES "minutes_versions" ("session_id", "round") ON DELETE CASCADE
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "minutes_votes"`);
    await queryRunner.query(`DROP TABLE "minutes_versions"`);
    await queryRunner.query(`DROP TABLE "session_decisions"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "view"`);
    await queryRunner.query(`DROP TABLE "case_correction_rounds"`);
    await queryRunner.query(`DROP TABLE "case_results"`);
    await queryRunner.query(`DROP INDEX "IDX_case_decisions_case"`);
    await queryRunner.query(`DROP TABLE "case_decisions"`);
    await queryRunner.query(`DROP TABLE "case_states"`);
  }
}
