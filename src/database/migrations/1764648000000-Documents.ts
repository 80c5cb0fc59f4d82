import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case documents: metadata in `documents` (listed without loading bytes), bytes in
 * `document_contents` (the PostgreSQL DocumentStorage). An acknowledged upload is never lost:
 * triggers refuse deleting either, changing bytes, and changing metadata except setting
 * `superseded_by` once, when a newer upload to the same slot replaces a document.
 */
export class Documents1764648000000 implements MigrationInterface {
  name = 'Documents1764648000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "documents" (
        "id" uuid PRIMARY KEY,
        "case_id" uuid NOT NULL REFERENCES "cases" ("id"),
        "slot" varchar(64) NOT NULL,
        "file_name" text NOT NULL CHECK (char_length("file_name") BETWEEN 1 AND 255),
        "content_type" varchar(100) NOT NULL,
        "size_bytes" integer NOT NULL CHECK ("size_bytes" > 0),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "uploaded_by" uuid NOT NULL,
        "uploaded_at" timestamptz NOT NULL DEFAULT now(),
        -- Deferred: the replaced row is marked before the new row is inserted, so that at most
        -- one current document per slot holds at every statement (UQ_documents_current_slot).
        "superseded_by" uuid REFERENCES "documents" ("id") DEFERRABLE INITIALLY DEFERRED,
        CHECK ("superseded_by" IS NULL OR "superseded_by" <> "id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_documents_case_uploaded" ON "documents" ("case_id", "uploaded_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_documents_current_slot" ON "documents" ("case_id", "slot") WHERE "superseded_by" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "document_contents" (
        "document_id" uuid PRIMARY KEY REFERENCES "documents" ("id"),
        "content" bytea NOT NULL
      )`);
    // PDF, PNG and JPEG are compressed already: store out of line without trying again.
    await queryRunner.query(
      `ALTER TABLE "document_contents" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "documents_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD."superseded_by" IS NULL AND NEW."superseded_by" IS NOT NULL
             AND (NEW."id", NEW."case_id", NEW."slot", NEW."file_name", NEW."content_type",
                  NEW."size_bytes", NEW."sha256", NEW."uploaded_by", NEW."uploaded_at")
                 IS NOT DISTINCT FROM
                 (OLD."id", OLD."case_id", OLD."slot", OLD."file_name", OLD."content_type",
                  OLD."size_bytes", OLD."sha256", OLD."uploaded_by", OLD."uploaded_at") THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '% is kept: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "documents_kept"
        BEFORE UPDATE OR DELETE ON "documents"
        FOR EACH ROW EXECUTE FUNCTION "documents_kept"()`);
    await queryRunner.query(`
      CREATE TRIGGER "documents_kept_truncate"
        BEFORE TRUNCATE ON "documents"
        FOR EACH STATEMENT EXECUTE FUNCTION "documents_kept"()`);
    await queryRunner.query(`
      CREATE FUNCTION "document_contents_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'document_contents is kept: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "document_contents_kept"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "document_contents"
        FOR EACH STATEMENT EXECUTE FUNCTION "document_contents_kept"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_contents"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP FUNCTION "document_contents_kept"()`);
    await queryRunner.query(`DROP FUNCTION "documents_kept"()`);
  }
}
