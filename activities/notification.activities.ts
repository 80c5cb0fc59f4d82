import type { DataSource } from 'typeorm';

export interface NotificationIntent {
  /** Idempotency key, unique per workflow event, e.g. `case-<id>/reminder/documentReview/1`. */
  key: string;
  caseId?: string;
  sessionId?: string;
  event: string;
  recipient: { role?: string; agencyId?: string; userId?: string };
  data?: Record<string, unknown>;
  /** ISO-8601: when the event happened (workflow time). */
  at: string;
}

/** Records who must be told what; a retried attempt with the same key writes nothing new. */
export function createNotificationActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async recordNotificationIntent(intent: NotificationIntent): Promise<void> {
      await dataSource.query(
        `INSERT INTO notification_intents (id, case_id, session_id, event, recipient, data, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [
          intent.key,
          intent.caseId ?? null,
          intent.sessionId ?? null,
          intent.event,
          JSON.stringify(intent.recipient),
          JSON.stringify(intent.data ?? {}),
          intent.at,
        ],
      );
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
