import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Tracking codes are random; this table makes them unique. The API reserves a code here before
 * it starts the case workflow, so two cases can never share one, whatever the timing.
 */
@Entity({ name: 'tracking_codes' })
export class TrackingCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ name: 'case_id', type: 'uuid', unique: true })
  caseId!: string;

  @CreateDateColumn({ name: 'reserved_at', type: 'timestamptz' })
  reservedAt!: Date;
}
