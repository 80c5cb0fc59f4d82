import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sequence number of the last timeline line applied to a case record (older writes are ignored). */
export class CaseRecordSequence1764475200000 implements MigrationInterface {
  name = 'CaseRecordSequence1764475200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "last_seq" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "last_seq"`);
  }
}
