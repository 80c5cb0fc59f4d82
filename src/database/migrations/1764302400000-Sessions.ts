import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1764302400000 implements MigrationInterface {
  name = 'Sessions1764302400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "id" uuid PRIMARY KEY,
        "stage" varchar(32) NOT NULL,
        "session_at" timestamptz NOT NULL,
        "place" text NOT NULL,
        "members" jsonb NOT NULL,
        "agenda" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "minutes" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "version" integer NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_stage" ON "sessions" ("stage")`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_session_at" ON "sessions" ("session_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
