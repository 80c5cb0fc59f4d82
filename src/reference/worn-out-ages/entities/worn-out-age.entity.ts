import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The age (in years) at which a government vehicle of a usage class counts as worn out
 * (docs/domain.md §5.3, scrap eligibility). Editable data, one row per usage class, seeded from the
 * 1387 cabinet decision by migration 1764734400000-ReferenceData.
 */
@Entity({ name: 'worn_out_ages' })
export class WornOutAgeEntity {
  /** One of USAGE_CLASSES (src/common/validation/vehicle.ts). */
  @PrimaryColumn({ name: 'usage_class', type: 'varchar', length: 16 })
  usageClass!: string;

  @Column({ type: 'integer' })
  years!: number;

  /** Where the figure comes from (the decision, a later amendment, or "assumed — verify"). */
  @Column({ type: 'text' })
  source!: string;

  /** Set by the service on every change (not an @UpdateDateColumn: the seed sets it too). */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** The administrator who last changed it; null for the seeded value. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
