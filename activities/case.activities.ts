import type { DataSource } from 'typeorm';
import { CaseEventEntity } from '../src/cases/entities/case-event.entity';
import { CaseRecordEntity } from '../src/cases/entities/case-record.entity';
import type { CaseRegistration, CaseStage, WaitingOn } from '../workflows/case.types';

export interface CaseStageChange {
  caseId: string;
  stage: CaseStage;
  waitingOn: WaitingOn;
  stageSince: string;
  /** Unique per workflow event: a retried or replayed activity writes its row once. */
  eventId: string;
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
            id: `case-${registration.caseId}/registered`,
            caseId: registration.caseId,
            kind: 'REGISTERED',
            data: { requestType: registration.requestType },
            occurredAt: new Date(registration.registeredAt),
          })
          .orIgnore()
          .execute();
      });
    },

    async recordCaseStage(change: CaseStageChange): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const inserted = await tx
          .createQueryBuilder()
          .insert()
          .into(CaseEventEntity)
          .values({
            id: change.eventId,
            caseId: change.caseId,
            kind: 'STAGE_CHANGED',
            data: { stage: change.stage, waitingOn: change.waitingOn },
            occurredAt: new Date(change.stageSince),
          })
          .orIgnore()
          .returning('id')
          .execute();
        if ((inserted.raw as unknown[]).length === 0) return; // already applied by an earlier attempt
        await tx
          .createQueryBuilder()
          .update(CaseRecordEntity)
          .set({
            stage: change.stage,
            waitingOn: change.waitingOn,
            stageSince: new Date(change.stageSince),
          })
          .where('id = :id', { id: change.caseId })
          .execute();
      });
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
