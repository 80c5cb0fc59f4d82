import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A complaint's tracking code, reserved by the API before the complaint's workflow starts (the
 * primary key makes codes unique), with the complaint's id, who filed and when. A keyed
 * filing's retry is recognised by its key in `action_keys`, as every keyed create's.
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

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
