import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent registration (a retried submit never makes a second case) and the indexes the case
 * list's filters and sorts use.
 */
export class CaseApi1764691200000 implements MigrationInterface {
  name = 'CaseApi1764691200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_agency_registered" ON "cases" ("agency_id", "registered_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_next_deadline" ON "cases" ("next_deadline_at") WHERE "next_deadline_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_waiting_on" ON "cases" ("waiting_on", "next_deadline_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_cases_waiting_on"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_next_deadline"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_agency_registered"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
