import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` of one user, of an action on a workflow or of a create (a case, a
 * session, a complaint): the fingerprint of what it asked the first time. The same key with the
 * same body is a retry: an action applies once (the key becomes Temporal's update id), a create
 * answers with the plan stored here and starts nothing new. The same key with another body is
 * refused instead of silently answering the first request's result.
 */
@Entity({ name: 'action_keys' })
export class ActionKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /**
   * An action's: the Workflow Update id the key became (`<workflow id>/<user>:<key>`). A
   * create's: `create:<case|session|complaint>/<key>`.
   */
  @PrimaryColumn({ name: 'update_id', type: 'varchar', length: 300 })
  updateId!: string;

  /** SHA-256 of the action's target and body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  /** A create's plan (the new thing's id, code and time) that a retry answers with; null for an action. */
  @Column({ type: 'jsonb', nullable: true })
  plan!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
