import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery attempt owns its row until `claimed_until`: a second attempt (Temporal retries an
 * attempt it timed out while the first may still be talking to the SMTP server) sends nothing
 * while the lease runs.
 */
export class DeliveryLease1765200000000 implements MigrationInterface {
  name = 'DeliveryLease1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD COLUMN "claimed_until" timestamptz`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP COLUMN "claimed_until"`);
  }
}
