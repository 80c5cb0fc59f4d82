import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A planned maintenance window, announced ahead of time (docs/domain.md §4.3). While one is under
 * way the API refuses writes (MaintenanceMiddleware). Never deleted: a cancelled notice keeps
 * who cancelled it, when and why (cancelling a window under way ends it early).
 */
@Entity({ name: 'maintenance_notices' })
@Index('IDX_maintenance_notices_open', ['endsAt'], { where: '"cancelled_at" IS NULL' })
export class MaintenanceNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'message_fa', type: 'text' })
  messageFa!: string;

  @Column({ name: 'message_en', type: 'text' })
  messageEn!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;
}
