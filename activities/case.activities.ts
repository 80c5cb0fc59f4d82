import type { DataSource } from 'typeorm';
import { CaseEventEntity } from '../src/cases/entities/case-event.entity';
import type {
  CaseRegistration,
  CaseStage,
  CaseView,
  TimelineEntry,
  WaitingOn,
} from '../workflows/case/case.types';
import type { WorkingCalendar } from '../workflows/common/sla/calendar';
import type { ClockSegment } from '../workflows/common/sla/clock-segments';
import { recordCaseLine, recordCaseState } from './case-record';

export interface CaseProgress {
  caseId: string;
  /** Unique per workflow event: a retried or replayed activity writes its row once. */
  eventId: string;
  entry: TimelineEntry;
  stage: CaseStage;
  waitingOn: WaitingOn;
  stageSince: string;
  slaBreached: boolean;
  nextDeadlineAt?: string;
  /**
   * The case as the workflow answers it right after this line: the record reads it from here
   * (docs/case-record.md). Absent from lines written before the record existed.
   */
  view?: CaseView;
  /** The periods the directorate's clock ran (epoch ms), for its working days used. */
  directorateClock?: ClockSegment[];
  /** The working calendar the case is pinned to: sent with the first line of each run. */
  calendar?: WorkingCalendar;
}

/** First key of the advisory lock that serialises permit numbering (the second is the year). */
const PERMIT_LOCK_NAMESPACE = 7001;

export interface CaseActivityDeps {
  dataSource: DataSource;
}

/** Activities that keep the case read model in PostgreSQL. Every write is idempotent. */
export function createCaseActivities({ dataSource }: CaseActivityDeps) {
  return {
    async recordCaseRegistered(registration: CaseRegistration): Promise<void> {
      // ON CONFLICT (id) only: a clash on the unique tracking code must fail loudly, not vanish.
      await dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO cases (id, tracking_code, workflow_id, request_type, agency_id, justification,
             vehicles, stage, waiting_on, stage_since, registered_at, last_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'REGISTERED', 'SYSTEM', $8, $8, 0)
           ON CONFLICT (id) DO NOTHING`,
          [
            registration.caseId,
            registration.trackingCode,
            `case-${registration.caseId}`,
            registration.requestType,
            registration.agencyId,
            registration.justification,
            JSON.stringify(registration.vehicles),
            registration.registeredAt,
          ],
        );
        await tx.query(
          `INSERT INTO case_events (id, case_id, kind, data, occurred_at)
           VALUES ($1, $2, 'REGISTERED', $3, $4) ON CONFLICT (id) DO NOTHING`,
          [
            `${registration.caseId}/0`,
            registration.caseId,
            JSON.stringify({
              requestType: registration.requestType,
              by: registration.registeredBy ?? 'unknown',
            }),
            registration.registeredAt,
          ],
        );
      });
    },

    /**
     * One timeline line, the case's current stage and deadlines, and what the line adds to the
     * case record (its state, a correction round, a decision, the permit or refusal), in one
     * transaction keyed by the line's event id.
     */
    async recordCaseProgress(progress: CaseProgress): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const inserted = await tx
          .createQueryBuilder()
          .insert()
          .into(CaseEventEntity)
          .values({
            id: progress.eventId,
            caseId: progress.caseId,
            kind: progress.entry.action,
            data: { ...progress.entry },
            occurredAt: new Date(progress.entry.at),
          })
          .orIgnore()
          .returning('id')
          .execute();
        if ((inserted.raw as unknown[]).length === 0) return; // already applied by an earlier attempt
        await tx.query(
          // Only a newer line moves the record: a retried older write never takes it back.
          `UPDATE cases SET stage = $2, waiting_on = $3, stage_since = $4, sla_breached = $5,
             next_deadline_at = $6, last_seq = $7, updated_at = now()
           WHERE id = $1 AND last_seq < $7`,
          [
            progress.caseId,
            progress.stage,
            progress.waitingOn,
            progress.stageSince,
            progress.slaBreached,
            progress.nextDeadlineAt ?? null,
            progress.entry.seq,
          ],
        );
        // A correction answer may carry corrected form fields: the record shows them from now on.
        const changes = progress.entry.details?.changes as
          { justification?: string; vehicles?: unknown[] } | undefined;
        if (progress.entry.action === 'CORRECTIONS_SUBMITTED' && changes) {
          await tx.query(
            `UPDATE cases SET justification = COALESCE($2, justification),
               vehicles = COALESCE($3::jsonb, vehicles), updated_at = now()
             WHERE id = $1`,
            [
              progress.caseId,
              changes.justification ?? null,
              changes.vehicles ? JSON.stringify(changes.vehicles) : null,
            ],
          );
        }
        const { view } = progress;
        if (view) {
          await recordCaseState(
            tx,
            progress.caseId,
            progress.entry.seq,
            view,
            progress.directorateClock,
            progress.calendar,
          );
        }
        await recordCaseLine(tx, {
          caseId: progress.caseId,
          eventId: progress.eventId,
          entry: progress.entry,
          round: view?.reviewRound,
          decision: view?.decision,
          result: view?.result,
          correctionsRequestedBy: view?.corrections?.requestedBy,
        });
      });
    },

    /**
     * The permit's number: `<Jalali year>-<sequence in that year>`, e.g. 1405-00042. Issued once
     * per case (a retry returns the number already issued).
     */
    async issuePermitNumber({
      caseId,
      jalaliYear,
    }: {
      caseId: string;
      jalaliYear: number;
    }): Promise<string> {
      const rows = await dataSource.transaction(async (tx) => {
        // One issuer per year at a time, so two cases never draw the same sequence number.
        await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [PERMIT_LOCK_NAMESPACE, jalaliYear]);
        await tx.query(
          `INSERT INTO permit_numbers (case_id, jalali_year, seq)
           SELECT $1, $2, COALESCE(MAX(seq), 0) + 1 FROM permit_numbers WHERE jalali_year = $2
           ON CONFLICT (case_id) DO NOTHING`,
          [caseId, jalaliYear],
        );
        return tx.query<{ jalali_year: number; seq: number }[]>(
          'SELECT jalali_year, seq FROM permit_numbers WHERE case_id = $1',
          [caseId],
        );
      });
      const { jalali_year: year, seq } = rows[0];
      return `${year}-${String(seq).padStart(5, '0')}`;
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
