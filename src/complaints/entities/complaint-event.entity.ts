import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One line of a complaint's history. `id` is `<complaint id>/<seq>`, the workflow's event key. */
@Entity({ name: 'complaint_events' })
@Index('IDX_complaint_events_complaint', ['complaintId', 'seq'])
export class ComplaintEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** Opaque user id, or `system`. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
