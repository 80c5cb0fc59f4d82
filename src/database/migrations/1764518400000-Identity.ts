import { MigrationInterface, QueryRunner } from 'typeorm';

/** Agencies, users with their roles, and refresh tokens (stored as hashes only). */
export class Identity1764518400000 implements MigrationInterface {
  name = 'Identity1764518400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agencies" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "national_id" char(11) NOT NULL,
        "province" text NOT NULL,
        "contact_phone" text,
        "contact_email" text,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_agencies_national_id" UNIQUE ("national_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "username" varchar(64) NOT NULL,
        "display_name" text NOT NULL,
        "email" text,
        "mobile" varchar(16),
        "national_code" char(10),
        "roles" text[] NOT NULL,
        "agency_id" uuid REFERENCES "agencies" ("id"),
        "password_hash" text NOT NULL,
        "must_change_password" boolean NOT NULL DEFAULT true,
        "password_changed_at" timestamptz,
        "failed_sign_ins" integer NOT NULL DEFAULT 0,
        "last_failed_sign_in_at" timestamptz,
        "locked_until" timestamptz,
        "disabled" boolean NOT NULL DEFAULT false,
        "token_version" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_users_roles" CHECK (
          cardinality("roles") > 0 AND "roles" <@ ARRAY['CLERK','REVIEWER','SECRETARY','MEMBER','OPERATOR','ADMINISTRATOR']::text[]
        ),
        CONSTRAINT "CHK_users_clerk_agency" CHECK (NOT ('CLERK' = ANY ("roles")) OR "agency_id" IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_users_username" ON "users" (lower("username"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_users_agency" ON "users" ("agency_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_users_roles" ON "users" USING gin ("roles")`);
    await queryRunner.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "family_id" uuid NOT NULL,
        "token_hash" char(64) NOT NULL,
        "issued_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "replaced_by" uuid,
        CONSTRAINT "UQ_refresh_tokens_hash" UNIQUE ("token_hash")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_user" ON "refresh_tokens" ("user_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens" ("family_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
  }
}
