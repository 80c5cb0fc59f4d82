import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planned maintenance windows operators announce ahead of time (docs/domain.md §4.3). A notice is
 * never deleted: cancelling one (withdrawing it, or ending its window early) records who, when
 * and why.
 */
export class MaintenanceNotices1764900000000 implements MigrationInterface {
  name = 'MaintenanceNotices1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "maintenance_notices" (
        "id" uuid PRIMARY KEY,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "message_fa" text NOT NULL,
        "message_en" text NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "cancelled_at" timestamptz,
        "cancelled_by" uuid,
        "cancel_reason" text,
        CONSTRAINT "CHK_maintenance_notices_window" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "CHK_maintenance_notices_cancel" CHECK (
          ("cancelled_at" IS NULL AND "cancelled_by" IS NULL AND "cancel_reason" IS NULL) OR
          ("cancelled_at" IS NOT NULL AND "cancelled_by" IS NOT NULL AND "cancel_reason" IS NOT NULL)
        )
      )`);
    // What the API reads every few seconds: the windows still to come or under way.
    await queryRunner.query(
      `CREATE INDEX "IDX_maintenance_notices_open" ON "maintenance_notices" ("ends_at") ` +
        `WHERE "cancelled_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "maintenance_notices"`);
  }
}
