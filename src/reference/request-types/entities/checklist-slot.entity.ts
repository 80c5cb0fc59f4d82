import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One document of a request type's checklist (docs/domain.md §5.5).
 * A slot is retired, never deleted: a case's checklist is the slots added before it was
 * registered and not retired by then, so a change never moves the goalposts of a case already
 * filed, and stored documents keep a slot that still has a title.
 */
@Entity({ name: 'checklist_slots' })
export class ChecklistSlotEntity {
  @PrimaryColumn({ name: 'request_type', type: 'varchar', length: 16 })
  requestType!: string;

  /** Stable code uploads name (`slot`); never renamed or reused. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ name: 'title_fa', type: 'varchar', length: 300 })
  titleFa!: string;

  @Column({ name: 'title_en', type: 'varchar', length: 300 })
  titleEn!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  /** Display order (ascending). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
