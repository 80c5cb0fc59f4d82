import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A complaint's tracking code, reserved by the API before the complaint's workflow starts (the
 * primary key makes codes unique), with the plan a retried filing finds again: the complaint's
 * id, who filed, when, and a hash of the request when it came with an Idempotency-Key.
 */
@Entity({ name: 'complaint_codes' })
@Unique('UQ_complaint_codes_complaint', ['complaintId'])
export class ComplaintCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
