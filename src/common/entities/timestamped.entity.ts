import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * The `created_at` / `updated_at` pair a row keeps for itself. Not an entity: the tables that
 * extend it declare their own columns; TypeORM maps these two onto each of them unchanged.
 */
export abstract class TimestampedEntity {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
