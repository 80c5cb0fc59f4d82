import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '../../common/entities/timestamped.entity';
import type { Role } from '../../../workflows/common/actors';

/** A person who signs in. Personal fields never leave the identity endpoints or reach logs. */
@Entity({ name: 'users' })
export class UserEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique regardless of letter case. */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  mobile!: string | null;

  @Column({ name: 'national_code', type: 'char', length: 10, nullable: true })
  nationalCode!: string | null;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** A clerk's agency (exactly one, enforced by the database); null for directorate staff. */
  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId!: string | null;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ name: 'must_change_password', type: 'boolean', default: true })
  mustChangePassword!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns!: number;

  @Column({ name: 'last_failed_sign_in_at', type: 'timestamptz', nullable: true })
  lastFailedSignInAt!: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Raised whenever access tokens issued earlier must stop working (reset, role change, disable). */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;
}
