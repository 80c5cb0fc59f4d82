import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  AgendaItem,
  MinutesRound,
  SessionMember,
  SessionStage,
  SessionView,
} from '../../../workflows/session/session.types';

/**
 * The read model of a commission session, written only by the session workflow's
 * `recordSessionState` activity. `version` is the workflow's change counter: a row is only
 * ever replaced by a newer snapshot.
 */
@Entity({ name: 'sessions' })
export class SessionRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('IDX_sessions_stage')
  @Column({ type: 'varchar', length: 32 })
  stage!: SessionStage;

  @Index('IDX_sessions_session_at')
  @Column({ name: 'session_at', type: 'timestamptz' })
  sessionAt!: Date;

  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'jsonb' })
  members!: SessionMember[];

  @Column({ type: 'jsonb' })
  agenda!: AgendaItem[];

  /** Every round of the minutes, oldest first; the last is the current one. */
  @Column({ type: 'jsonb' })
  minutes!: MinutesRound[];

  @Column({ type: 'int' })
  version!: number;

  /**
   * The session's whole state at `version` (the `live` answer of GET /sessions/:id); null for
   * a session last written before the case record existed and not back-filled.
   */
  @Column({ type: 'jsonb', nullable: true })
  view!: SessionView | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
