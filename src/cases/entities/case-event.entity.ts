import { Column, Entity, Index } from 'typeorm';
import { TimelineEventEntity } from '../../common/entities/timeline-event.entity';

/** One line of a case's timeline. `id` is the workflow's idempotency key for the event. */
@Entity({ name: 'case_events' })
@Index(['caseId', 'occurredAt'])
export class CaseEventEntity extends TimelineEventEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;
}
