import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An official holiday (تعطیل رسمی) on one Jalali day. Administrators maintain them per year
 * (the lunar ones move about eleven days a year); several occasions can share a day. New cases
 * take them into their working calendar; a case already registered keeps the calendar it was
 * registered with.
 */
@Entity({ name: 'official_holidays' })
export class OfficialHolidayEntity {
  /** Jalali 'YYYY/MM/DD' (ASCII digits), an existing day. */
  @PrimaryColumn({ type: 'char', length: 10 })
  date!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  occasion!: string;

  /** For a lunar holiday, the Hijri qamari date it commemorates, for checking the conversion. */
  @Column({ name: 'hijri_date', type: 'char', length: 10, nullable: true })
  hijriDate!: string | null;

  /** Null for the holidays the first migration entered. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
