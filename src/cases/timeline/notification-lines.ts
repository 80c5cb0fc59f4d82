import type { EntityManager } from 'typeorm';
import { formatJalali } from '../../common/jalali';
import { withoutAddresses } from '../../common/redaction';

/**
 * A line of a case's timeline for one notification about the case on one channel to one
 * recipient: QUEUED, SENT, or FAILED with the reason. `seq` is 0 (the case workflow's lines
 * number from 1); the recipient is an opaque user id, and addresses are cut out of the reason.
 */
export interface CaseTimelineNotificationLine {
  seq: 0;
  at: string;
  atJalali: string;
  by: 'system';
  action: 'NOTIFICATION_QUEUED' | 'NOTIFICATION_SENT' | 'NOTIFICATION_FAILED';
  notification: {
    event: string;
    channel: string;
    recipientId: string;
    attempts: number;
    reason?: string;
  };
}

interface Row {
  event: string;
  channel: string;
  status: 'QUEUED' | 'SENT' | 'FAILED';
  user_id: string;
  attempts: number;
  last_error: string | null;
  at: Date;
}

/** The case's deliveries from the read model, by the time of their current status. */
export async function caseNotificationLines(
  manager: EntityManager,
  caseId: string,
): Promise<CaseTimelineNotificationLine[]> {
  const rows = await manager.query<Row[]>(
    `SELECT n.event, d.channel, d.status, d.user_id, d.attempts, d.last_error,
            COALESCE(d.sent_at, d.failed_at, d.queued_at) AS at
       FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
      WHERE d.case_id = $1
      ORDER BY at, d.channel, d.user_id`,
    [caseId],
  );
  return rows.map((r) => {
    const at = r.at.toISOString();
    return {
      seq: 0,
      at,
      atJalali: formatJalali(at),
      by: 'system',
      action: `NOTIFICATION_${r.status}`,
      notification: {
        event: r.event,
        channel: r.channel,
        recipientId: r.user_id,
        attempts: r.attempts,
        ...(r.status !== 'SENT' && r.last_error ? { reason: withoutAddresses(r.last_error) } : {}),
      },
    };
  });
}
