import type { EntityManager } from 'typeorm';
import { formatJalali } from '../../common/jalali';
import type { ComplaintKind } from '../../../workflows/complaint/complaint.types';

/**
 * A line of a case's timeline that comes from a complaint about the case rather than from the
 * case workflow: `seq` is 0 (the case workflow's lines number from 1), `action` is the
 * complaint's event prefixed `COMPLAINT_` (COMPLAINT_FILED, _ASSIGNED, _ESCALATED, _ANSWERED,
 * _WITHDRAWN), and `complaint` says which one. No subject, text or answer: those are the filer's.
 */
export interface CaseTimelineComplaintLine {
  seq: 0;
  at: string;
  atJalali: string;
  by: string;
  action: string;
  complaint: { id: string; kind: ComplaintKind; seq: number };
}

interface Row {
  complaint_id: string;
  complaint_kind: ComplaintKind;
  seq: number;
  kind: string;
  actor: string;
  occurred_at: Date;
}

/** Lines the complainant wrote: filing and withdrawal. */
const COMPLAINANT_LINES = new Set(['FILED', 'WITHDRAWN']);

/** The case's complaint lines from the read model, oldest first (reminders left out). */
export async function caseComplaintLines(
  manager: EntityManager,
  caseId: string,
): Promise<CaseTimelineComplaintLine[]> {
  const rows: Row[] = await manager.query(
    `SELECT c.id AS complaint_id, c.kind AS complaint_kind, e.seq, e.kind, e.actor, e.occurred_at
     FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id
     WHERE c.case_id = $1 AND e.kind <> 'REMINDER'
     ORDER BY e.occurred_at, c.id, e.seq`,
    [caseId],
  );
  return rows.map((r) => {
    const at = r.occurred_at.toISOString();
    return {
      seq: 0,
      at,
      atJalali: formatJalali(at),
      // Who complained is not for every reader of the case (perhaps the person complained
      // about): the filer's own lines say `complainant`; staff and system lines keep their id.
      by: COMPLAINANT_LINES.has(r.kind) ? 'complainant' : r.actor,
      action: `COMPLAINT_${r.kind}`,
      complaint: { id: r.complaint_id, kind: r.complaint_kind, seq: r.seq },
    };
  });
}

/** Case lines and complaint lines in time order; lines at the same instant keep their order. */
export function mergeTimeline<T extends { at: string }, U extends { at: string }>(
  caseLines: T[],
  complaintLines: U[],
): (T | U)[] {
  return [...caseLines, ...complaintLines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
