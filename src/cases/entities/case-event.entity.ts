import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One line of a case's timeline. `id` is the workflow's idempotency key for the event. */
@Entity({ name: 'case_events' })
@Index(['caseId', 'occurredAt'])
export class CaseEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
