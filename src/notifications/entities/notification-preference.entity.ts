import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's channels: the in-app inbox always; e-mail and SMS unless turned off. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'boolean', default: true })
  email!: boolean;

  /** SMS goes only for urgent events (results, deadlines, invitations) even when on. */
  @Column({ type: 'boolean', default: true })
  sms!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
