import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of notification intents: each intent is handed once (dispatched_at) to a delivery
 * workflow, which writes one inbox row per recipient and one delivery row per recipient and
 * channel (unique, so a retried plan writes nothing twice); users choose their channels.
 */
export class NotificationDelivery1765100000000 implements MigrationInterface {
  name = 'NotificationDelivery1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_intents" ADD COLUMN "dispatched_at" timestamptz`,
    );
    // Intents recorded before delivery existed are history, not news: they are not sent now.
    await queryRunner.query(`UPDATE "notification_intents" SET "dispatched_at" = now()`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_intents_undispatched" ON "notification_intents" ("recorded_at")
       WHERE "dispatched_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "notifications" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "intent_id" varchar(200) NOT NULL REFERENCES "notification_intents" ("id"),
        "user_id" uuid NOT NULL REFERENCES "users" ("id"),
        "event" varchar(64) NOT NULL,
        "case_id" uuid,
        "session_id" uuid,
        "title_fa" text NOT NULL,
        "title_en" text NOT NULL,
        "body_fa" text NOT NULL,
        "body_en" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "read_at" timestamptz,
        CONSTRAINT "UQ_notifications_intent_user" UNIQUE ("intent_id", "user_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user" ON "notifications" ("user_id", "created_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_unread" ON "notifications" ("user_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification_deliveries" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "notification_id" uuid NOT NULL REFERENCES "notifications" ("id"),
        "intent_id" varchar(200) NOT NULL,
        "case_id" uuid,
        "user_id" uuid NOT NULL,
        "channel" varchar(8) NOT NULL,
        "status" varchar(8) NOT NULL DEFAULT 'QUEUED',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "provider_ref" varchar(200),
        "queued_at" timestamptz NOT NULL DEFAULT now(),
        "sent_at" timestamptz,
        "failed_at" timestamptz,
        CONSTRAINT "UQ_notification_deliveries" UNIQUE ("notification_id", "channel"),
        CONSTRAINT "CHK_notification_deliveries_channel" CHECK ("channel" IN ('IN_APP', 'EMAIL', 'SMS')),
        CONSTRAINT "CHK_notification_deliveries_status" CHECK ("status" IN ('QUEUED', 'SENT', 'FAILED'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_deliveries_case" ON "notification_deliveries" ("case_id")
       WHERE "case_id" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "notification_preferences" (
        "user_id" uuid PRIMARY KEY REFERENCES "users" ("id"),
        "email" boolean NOT NULL DEFAULT true,
        "sms" boolean NOT NULL DEFAULT true,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "IDX_notification_intents_undispatched"`);
    await queryRunner.query(`ALTER TABLE "notification_intents" DROP COLUMN "dispatched_at"`);
  }
}
