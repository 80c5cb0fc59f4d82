import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data an administrator edits: worn-out ages by usage class (seeded) and one-off
 * calendar closures. The seed is written out here rather than imported, so that this migration
 * stays what it was when it ran, whatever the code later says.
 */
const DECISION_1387 = 'Cabinet decision of 1387 on worn-out government vehicles (design.md §5)';
const WORN_OUT_AGE_SEED: readonly [usageClass: string, years: number, source: string][] = [
  ['SEDAN', 15, `${DECISION_1387}: government sedans 15 years`],
  ['PICKUP', 15, `${DECISION_1387}: pickups 15 years`],
  ['MINIBUS', 15, `${DECISION_1387}: minibuses 15 years`],
  [
    'BUS',
    15,
    `${DECISION_1387}: buses 10 or 15 years, distinguished by type; 15 entered here — ` +
      'set the figure for the type this directorate handles',
  ],
  ['TRUCK', 25, `${DECISION_1387}: trucks 25 years`],
  ['MOTORCYCLE', 10, `${DECISION_1387}: motorcycles 10 years`],
  ['VAN', 15, 'assumed — verify'],
  ['OTHER', 15, 'assumed — verify'],
];

export class ReferenceData1764734400000 implements MigrationInterface {
  name = 'ReferenceData1764734400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "worn_out_ages" (
        "usage_class" varchar(16) PRIMARY KEY,
        "years" integer NOT NULL,
        "source" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" uuid,
        CONSTRAINT "CHK_worn_out_ages_years" CHECK ("years" BETWEEN 1 AND 60)
      )`);
    for (const [usageClass, years, source] of WORN_OUT_AGE_SEED) {
      await queryRunner.query(
        `INSERT INTO "worn_out_ages" ("usage_class", "years", "source") VALUES ($1, $2, $3)`,
        [usageClass, years, source],
      );
    }
    // The shape only; that the day exists (1404/12/30 does not) is checked by the API.
    await queryRunner.query(`
      CREATE TABLE "calendar_closures" (
        "date" char(10) PRIMARY KEY,
        "reason" text NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_calendar_closures_date" CHECK ("date" ~ '^[0-9]{4}/[0-9]{2}/[0-9]{2}$')
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_closures"`);
    await queryRunner.query(`DROP TABLE "worn_out_ages"`);
  }
}
