import { Check, Column, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ComplaintKind, ComplaintStatus } from '../../../workflows/complaint/complaint.types';

/** The read model of one opinion or complaint, written only by its workflow's activities. */
@Entity({ name: 'complaints' })
@Unique('UQ_complaints_tracking_code', ['trackingCode'])
@Check('CHK_complaints_kind', `"kind" IN ('COMPLAINT', 'OPINION')`)
@Check('CHK_complaints_status', `"status" IN ('OPEN', 'ASSIGNED', 'ANSWERED', 'WITHDRAWN')`)
@Index('IDX_complaints_case', ['caseId'], { where: '"case_id" IS NOT NULL' })
export class ComplaintRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tracking_code', type: 'varchar', length: 12 })
  trackingCode!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ComplaintKind;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'case_agency_id', type: 'uuid', nullable: true })
  caseAgencyId!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Index('IDX_complaints_filed_by')
  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @Column({ name: 'filer_agency_id', type: 'uuid', nullable: true })
  filerAgencyId!: string | null;

  @Index('IDX_complaints_filed_at')
  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ name: 'status_since', type: 'timestamptz' })
  statusSince!: Date;

  @Index('IDX_complaints_owner')
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true })
  remindAt!: Date | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'answer_text', type: 'text', nullable: true })
  answerText!: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdraw_reason', type: 'text', nullable: true })
  withdrawReason!: string | null;

  @Column({ name: 'policy_version', type: 'varchar', length: 32 })
  policyVersion!: string;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
