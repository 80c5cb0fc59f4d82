import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampedEntity } from '../../common/entities/timestamped.entity';
import type {
  CaseStage,
  RequestType,
  VehicleInput,
  WaitingOn,
} from '../../../workflows/case/case.types';

/** The read model of a case: kept current by the case workflow's activities, listed by the API. */
@Entity({ name: 'cases' })
export class CaseRecordEntity extends TimestampedEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'tracking_code', type: 'varchar', length: 16 })
  trackingCode!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId!: string;

  @Index()
  @Column({ name: 'request_type', type: 'varchar', length: 16 })
  requestType!: RequestType;

  @Index()
  @Column({ name: 'agency_id', type: 'varchar', length: 64 })
  agencyId!: string;

  @Column({ type: 'text' })
  justification!: string;

  @Column({ type: 'jsonb' })
  vehicles!: VehicleInput[];

  @Index()
  @Column({ type: 'varchar', length: 32 })
  stage!: CaseStage;

  @Column({ name: 'waiting_on', type: 'varchar', length: 16 })
  waitingOn!: WaitingOn;

  @Column({ name: 'stage_since', type: 'timestamptz' })
  stageSince!: Date;

  @Index()
  @Column({ name: 'sla_breached', type: 'boolean', default: false })
  slaBreached!: boolean;

  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt!: Date | null;

  /** Sequence of the last timeline line applied: an older, retried write never moves the record back. */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  @Index()
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
