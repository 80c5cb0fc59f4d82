import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worn-out ages' sources, as first entered, cited a design document that the repository
 * does not carry; they now cite the project's own docs/domain.md §5.3, where the rule is written.
 * Only rows that still hold the first text change (an administrator's own wording stays).
 */
const BEFORE = '(design.md §5)';
const AFTER = '(docs/domain.md §5.3)';

export class WornOutAgeSources1765500000000 implements MigrationInterface {
  name = 'WornOutAgeSources1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "worn_out_ages" SET "source" = replace("source", $1, $2) WHERE strpos("source", $1) > 0`,
      [BEFORE, AFTER],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "worn_out_ages" SET "source" = replace("source", $1, $2) WHERE strpos("source", $1) > 0`,
      [AFTER, BEFORE],
    );
  }
}
