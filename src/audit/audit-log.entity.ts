import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { AuditOutcome } from './audit-chain';

/** bigint comes back from PostgreSQL as text; seq stays far below 2^53. */
const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One line of the append-only audit log (see migration AuditLog1764561600000). Rows are only
 * ever inserted by AuditService, each with a hash chained to the row before; a trigger refuses
 * UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_log' })
@Index('IDX_audit_log_actor', ['actorUserId', 'seq'])
@Index('IDX_audit_log_resource', ['resourceType', 'resourceId', 'seq'])
@Index('IDX_audit_log_occurred_at', ['occurredAt'])
@Index('IDX_audit_log_action', ['action', 'seq'])
export class AuditLogEntity {
  @PrimaryColumn({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  seq!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true, default: () => "'{}'" })
  actorRoles!: string[];

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId!: string | null;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
