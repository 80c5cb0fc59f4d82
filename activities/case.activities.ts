import type { DataSource } from 'typeorm';
import { CaseEventEntity } from '../src/cases/entities/case-event.entity';
import { CaseRecordEntity } from '../src/cases/entities/case-record.entity';
import type {
  CaseRegistration,
  CaseStage,
  TimelineEntry,
  WaitingOn,
} from '../workflows/case.types';

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
}

export interface CaseActivityDeps {
  dataSource: DataSource;
}

/** Activities that keep the case read model in PostgreSQL. Every write is idempotent. */
export function createCaseActivities({ dataSource }: CaseActivityDeps) {
  return {
    async recordCaseRegistered(registration: CaseRegistration): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await tx
          .createQueryBuilder()
          .insert()
          .into(CaseRecordEntity)
          .values({
            id: registration.caseId,
            trackingCode: registration.trackingCode,
            workflowId: `case-${registration.caseId}`,
            requestType: registration.requestType,
            agencyId: registration.agencyId,
            justification: registration.justification,
            vehicles: registration.vehicles,
            stage: 'REGISTERED',
            waitingOn: 'SYSTEM',
            stageSince: new Date(registration.registeredAt),
            registeredAt: new Date(registration.registeredAt),
          })
          .orIgnore()
          .execute();
        await tx
          .createQueryBuilder()
          .insert()
          .into(CaseEventEntity)
          .values({
            id: `${registration.caseId}/0`,
            caseId: registration.caseId,
            kind: 'REGISTERED',
            data: {
              requestType: registration.requestType,
              by: registration.registeredBy ?? 'unknown',
            },
            occurredAt: new Date(registration.registeredAt),
          })
          .orIgnore()
          .execute();
      });
    },

    /** One timeline line, and the case's current stage and deadlines, in one transaction. */
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
          `UPDATE cases SET stage = $2, waiting_on = $3, stage_since = $4, sla_breached = $5,
             next_deadline_at = $6, updated_at = now() WHERE id = $1`,
          [
            progress.caseId,
            progress.stage,
            progress.waitingOn,
            progress.stageSince,
            progress.slaBreached,
            progress.nextDeadlineAt ?? null,
          ],
        );
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
      const rows: { jalali_year: number; seq: number }[] = await dataSource.query(
        `WITH issued AS (
           INSERT INTO permit_numbers (case_id, jalali_year, seq)
           SELECT $1, $2, COALESCE(MAX(seq), 0) + 1 FROM permit_numbers WHERE jalali_year = $2
           ON CONFLICT (case_id) DO NOTHING
           RETURNING jalali_year, seq)
         SELECT jalali_year, seq FROM issued
         UNION ALL SELECT jalali_year, seq FROM permit_numbers WHERE case_id = $1`,
        [caseId, jalaliYear],
      );
      const { jalali_year: year, seq } = rows[0];
      return `${year}-${String(seq).padStart(5, '0')}`;
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
