import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opinions and complaints (docs/domain.md §4.2, نظرات و شکایات): the tracking codes the API reserves before
 * a complaint's workflow starts (unique, and the plan a retried filing finds again), the read
 * model the workflow's activities keep, and each complaint's history lines.
 */
export class Complaints1765000000000 implements MigrationInterface {
  name = 'Complaints1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "complaint_codes" (
        "code" varchar(12) PRIMARY KEY,
        "complaint_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "request_hash" char(64),
        "filed_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_complaint_codes_complaint" UNIQUE ("complaint_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "complaints" (
        "id" uuid PRIMARY KEY,
        "tracking_code" varchar(12) NOT NULL,
        "workflow_id" varchar(200) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "case_id" uuid,
        "case_agency_id" uuid,
        "subject" text NOT NULL,
        "text" text NOT NULL,
        "filed_by" uuid NOT NULL,
        "filer_agency_id" uuid,
        "filed_at" timestamptz NOT NULL,
        "status" varchar(16) NOT NULL,
        "status_since" timestamptz NOT NULL,
        "owner_id" uuid,
        "assigned_at" timestamptz,
        "due_at" timestamptz NOT NULL,
        "remind_at" timestamptz,
        "reminded_at" timestamptz,
        "escalated_at" timestamptz,
        "answer_text" text,
        "answered_by" uuid,
        "answered_at" timestamptz,
        "withdrawn_at" timestamptz,
        "withdraw_reason" text,
        "policy_version" varchar(32) NOT NULL,
        "last_seq" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_complaints_tracking_code" UNIQUE ("tracking_code"),
        CONSTRAINT "CHK_complaints_kind" CHECK ("kind" IN ('COMPLAINT', 'OPINION')),
        CONSTRAINT "CHK_complaints_status" CHECK (
          "status" IN ('OPEN', 'ASSIGNED', 'ANSWERED', 'WITHDRAWN'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_complaints_filed_by" ON "complaints" ("filed_by")`);
    await queryRunner.query(`CREATE INDEX "IDX_complaints_owner" ON "complaints" ("owner_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_complaints_case" ON "complaints" ("case_id") WHERE "case_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_complaints_filed_at" ON "complaints" ("filed_at")`);
    await queryRunner.query(`
      CREATE TABLE "complaint_events" (
        "id" varchar(200) PRIMARY KEY,
        "complaint_id" uuid NOT NULL REFERENCES "complaints" ("id"),
        "seq" integer NOT NULL,
        "kind" varchar(32) NOT NULL,
        "actor" varchar(64) NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "occurred_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_complaint_events_complaint" ON "complaint_events" ("complaint_id", "seq")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "complaint_events"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP TABLE "complaint_codes"`);
  }
}
