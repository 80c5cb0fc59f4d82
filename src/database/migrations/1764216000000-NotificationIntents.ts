import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationIntents1764216000000 implements MigrationInterface {
  name = 'NotificationIntents1764216000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification_intents" (
        "id" varchar(200) PRIMARY KEY,
        "case_id" uuid,
        "session_id" uuid,
        "event" varchar(64) NOT NULL,
        "recipient" jsonb NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "due_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_intents_case" ON "notification_intents" ("case_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_intents_session" ON "notification_intents" ("session_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_intents"`);
  }
}
