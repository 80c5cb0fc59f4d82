import { Column, CreateDateColumn, PrimaryColumn } from 'typeorm';

/**
 * The columns every timeline row shares (case events, complaint events): the workflow's event
 * key as the id, the event's data, when it happened and when the row was written. Not an entity:
 * each table extends it with its owner's id and its own columns.
 */
export abstract class TimelineEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
