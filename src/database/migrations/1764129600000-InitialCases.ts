import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialCases1764129600000 implements MigrationInterface {
  name = 'InitialCases1764129600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tracking_codes" (
        "code" varchar(16) PRIMARY KEY,
        "case_id" uuid NOT NULL UNIQUE,
        "reserved_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "cases" (
        "id" uuid PRIMARY KEY,
        "tracking_code" varchar(16) NOT NULL,
        "workflow_id" varchar(64) NOT NULL,
        "request_type" varchar(16) NOT NULL,
        "agency_id" varchar(64) NOT NULL,
        "justification" text NOT NULL,
        "vehicles" jsonb NOT NULL,
        "stage" varchar(32) NOT NULL,
        "waiting_on" varchar(16) NOT NULL,
        "stage_since" timestamptz NOT NULL,
        "registered_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_cases_tracking_code" ON "cases" ("tracking_code")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cases_request_type" ON "cases" ("request_type")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_agency_id" ON "cases" ("agency_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_stage" ON "cases" ("stage")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_registered_at" ON "cases" ("registered_at")`);
    await queryRunner.query(`
      CREATE TABLE "case_events" (
        "id" varchar(200) PRIMARY KEY,
        "case_id" uuid NOT NULL,
        "kind" varchar(64) NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "occurred_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_case_events_case_occurred" ON "case_events" ("case_id", "occurred_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP TABLE "tracking_codes"`);
  }
}
