import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The fingerprint of one keyed action (an `Idempotency-Key` on a workflow action, or on a
 * session create): the same key with the same body is a retry and applies once (Temporal's
 * update id, the key-derived workflow id); the same key with another body is refused instead
 * of silently answering the first action's result.
 */
@Entity({ name: 'action_keys' })
export class ActionKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The Workflow Update id the key became (scoped to the workflow and the action). */
  @PrimaryColumn({ name: 'update_id', type: 'varchar', length: 300 })
  updateId!: string;

  /** SHA-256 of the action's target and body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
