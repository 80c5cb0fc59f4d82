import type { DataSource } from 'typeorm';
import type {
  ComplaintEvent,
  ComplaintFiling,
  ComplaintState,
  ComplaintStatus,
} from '../workflows/complaint/complaint.types';

export interface ComplaintFiled {
  filing: ComplaintFiling;
  policyVersion: string;
  dueAt: string;
  remindAt?: string;
}

/** One history line and the complaint's state after it. */
export interface ComplaintProgress {
  complaintId: string;
  event: ComplaintEvent;
  status: ComplaintStatus;
  statusSince: string;
  ownerId?: string;
  assignedAt?: string;
  remindedAt?: string;
  escalatedAt?: string;
  answer?: ComplaintState['answer'];
  withdrawal?: ComplaintState['withdrawal'];
}

/** The id of a complaint's history line: unique per workflow event, so a retry writes once. */
export const complaintEventId = (complaintId: string, seq: number) => `${complaintId}/${seq}`;

/** Activities that keep the complaints read model in PostgreSQL. Every write is idempotent. */
export function createComplaintActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async recordComplaintFiled({
      filing,
      policyVersion,
      dueAt,
      remindAt,
    }: ComplaintFiled): Promise<void> {
      // ON CONFLICT (id) only: a clash on the unique tracking code must fail loudly, not vanish.
      await dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO complaints (id, tracking_code, workflow_id, kind, case_id, case_agency_id,
             subject, text, filed_by, filer_agency_id, filed_at, status, status_since, due_at,
             remind_at, policy_version, last_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'OPEN', $11, $12, $13, $14, 1)
           ON CONFLICT (id) DO NOTHING`,
          [
            filing.complaintId,
            filing.trackingCode,
            `complaint-${filing.complaintId}`,
            filing.kind,
            filing.caseId ?? null,
            filing.caseAgencyId ?? null,
            filing.subject,
            filing.text,
            filing.filedBy,
            filing.filerAgencyId ?? null,
            filing.filedAt,
            dueAt,
            remindAt ?? null,
            policyVersion,
          ],
        );
        await tx.query(
          `INSERT INTO complaint_events (id, complaint_id, seq, kind, actor, data, occurred_at)
           VALUES ($1, $2, 1, 'FILED', $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
          [
            complaintEventId(filing.complaintId, 1),
            filing.complaintId,
            filing.filedBy,
            JSON.stringify({ kind: filing.kind, caseId: filing.caseId ?? null }),
            filing.filedAt,
          ],
        );
      });
    },

    /** One history line, and the complaint's current state, in one transaction. */
    async recordComplaintProgress(progress: ComplaintProgress): Promise<void> {
      const { complaintId, event } = progress;
      await dataSource.transaction(async (tx) => {
        const inserted: unknown[] = await tx.query(
          `INSERT INTO complaint_events (id, complaint_id, seq, kind, actor, data, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            complaintEventId(complaintId, event.seq),
            complaintId,
            event.seq,
            event.action,
            event.by,
            JSON.stringify(event.details ?? {}),
            event.at,
          ],
        );
        if (inserted.length === 0) return; // already applied by an earlier attempt
        // Only a newer line moves the record: a retried older write never takes it back.
        await tx.query(
          `UPDATE complaints SET status = $2, status_since = $3, owner_id = $4, assigned_at = $5,
             reminded_at = $6, escalated_at = $7, answer_text = $8, answered_by = $9,
             answered_at = $10, withdrawn_at = $11, withdraw_reason = $12, last_seq = $13,
             updated_at = now()
           WHERE id = $1 AND last_seq < $13`,
          [
            complaintId,
            progress.status,
            progress.statusSince,
            progress.ownerId ?? null,
            progress.assignedAt ?? null,
            progress.remindedAt ?? null,
            progress.escalatedAt ?? null,
            progress.answer?.text ?? null,
            progress.answer?.by ?? null,
            progress.answer?.at ?? null,
            progress.withdrawal?.at ?? null,
            progress.withdrawal?.reason ?? null,
            event.seq,
          ],
        );
      });
    },
  };
}

export type ComplaintActivities = ReturnType<typeof createComplaintActivities>;
