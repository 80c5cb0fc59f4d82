import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A one-off closure of the offices (weather, energy, security), entered by an administrator
 * when announced (docs/domain.md §3.2). New cases take the closures into their working calendar;
 * a case already registered keeps the calendar it was registered with.
 */
@Entity({ name: 'calendar_closures' })
export class CalendarClosureEntity {
  /** Jalali 'YYYY/MM/DD' (ASCII digits), an existing day. */
  @PrimaryColumn({ type: 'char', length: 10 })
  date!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
