import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Something someone must be told; a delivery workflow tells them (src/notifications). The id is
 * the workflow's idempotency key, so a retried activity never records the same intent twice.
 */
@Entity({ name: 'notification_intents' })
export class NotificationIntentEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Index()
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Index()
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  event!: string;

  /**
   * Whom to tell: a role (optionally within an agency), a user id, or everyone (maintenance
   * notices). Never contact details.
   */
  @Column({ type: 'jsonb' })
  recipient!: { role?: string; agencyId?: string; userId?: string; everyone?: boolean };

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data!: Record<string, unknown>;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** When the dispatcher handed it to its delivery workflow (null: not yet). */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
