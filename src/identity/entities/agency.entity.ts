import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '../../common/entities/timestamped.entity';

/** A requesting government agency (دستگاه اجرایی). Reference data, edited by administrators. */
@Entity({ name: 'agencies' })
export class AgencyEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The legal-entity national ID (شناسه ملی): 11 digits, the last a check digit. */
  @Column({ name: 'national_id', type: 'char', length: 11 })
  nationalId!: string;

  @Column({ type: 'text' })
  province!: string;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
