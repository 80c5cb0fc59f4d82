import { Column, Entity, Index } from 'typeorm';
import { TimelineEventEntity } from '../../common/entities/timeline-event.entity';

/** One line of a complaint's history. `id` is `<complaint id>/<seq>`, the workflow's event key. */
@Entity({ name: 'complaint_events' })
@Index('IDX_complaint_events_complaint', ['complaintId', 'seq'])
export class ComplaintEventEntity extends TimelineEventEntity {
  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** Opaque user id, or `system`. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;
}
