import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseProgressAndPermits1764388800000 implements MigrationInterface {
  name = 'CaseProgressAndPermits1764388800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "cases" ADD "sla_breached" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "cases" ADD "next_deadline_at" timestamptz`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_sla_breached" ON "cases" ("sla_breached")`);
    // Permit numbers run per Jalali year; two concurrent issues of the same number collide on
    // the unique key and the activity retries.
    await queryRunner.query(`
      CREATE TABLE "permit_numbers" (
        "case_id" uuid PRIMARY KEY,
        "jalali_year" integer NOT NULL,
        "seq" integer NOT NULL,
        "issued_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_permit_numbers_year_seq" UNIQUE ("jalali_year", "seq")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "permit_numbers"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_sla_breached"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "next_deadline_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "sla_breached"`);
  }
}
