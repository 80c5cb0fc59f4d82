import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import {
  type NotificationChannel,
  PermanentDeliveryError,
} from '../src/notifications/channels/channel';
import { renderNotification, urgencyOf } from '../src/notifications/templates';

/** The channels a worker delivers through; e-mail is absent when no SMTP server is configured. */
export interface NotificationChannels {
  email?: NotificationChannel;
  sms: NotificationChannel;
}

/** One delivery still to make (ids only: no address or text travels through Temporal). */
export interface PlannedDelivery {
  deliveryId: string;
  channel: 'EMAIL' | 'SMS';
}

interface IntentRow {
  id: string;
  case_id: string | null;
  session_id: string | null;
  event: string;
  recipient: { role?: string; agencyId?: string; userId?: string; everyone?: boolean };
  data: Record<string, unknown>;
}

interface ClaimedDelivery {
  channel: 'EMAIL' | 'SMS';
  attempts: number;
  email: string | null;
  mobile: string | null;
  notification: { title_fa: string; title_en: string; body_fa: string; body_en: string };
}

/**
 * The workflows' "supervisor" is the directorate's duty operators (the role that watches
 * breached cases in GET /work); there is no separate supervisor role.
 */
const ROLE_OF: Record<string, string> = { SUPERVISOR: 'OPERATOR' };

export const DELIVERY_PERMANENT = 'NOTIFICATION.DELIVERY_REFUSED';

/** The SQL condition on `users u` for an intent's recipient (null: nobody). */
function recipientFilter(intent: IntentRow): { where: string; params: unknown[] } | null {
  const { recipient } = intent;
  if (recipient.userId) return { where: 'u.id = $1::uuid', params: [recipient.userId] };
  if (recipient.everyone) return { where: 'true', params: [] };
  if (recipient.role) {
    const role = ROLE_OF[recipient.role] ?? recipient.role;
    return recipient.agencyId
      ? {
          where: '$1::text = ANY(u.roles) AND u.agency_id = $2::uuid',
          params: [role, recipient.agencyId],
        }
      : { where: '$1::text = ANY(u.roles)', params: [role] };
  }
  return null;
}

/**
 * Delivery of notification intents, in the worker. planNotification writes the inbox rows and
 * one delivery row per recipient and channel (unique keys: a retried plan writes nothing
 * twice); deliverNotification sends one delivery, at most once recorded as sent, with the
 * delivery id as the idempotency key the channel passes on (Message-ID, SMS local id).
 */
export function createNotificationDeliveryActivities({
  dataSource,
  channels,
  sendLeaseSeconds = 300,
}: {
  dataSource: DataSource;
  channels: NotificationChannels;
  /** How long an attempt owns a delivery (NOTIFICATION_SEND_LEASE_SECONDS). */
  sendLeaseSeconds?: number;
}) {
  return {
    async planNotification(intentId: string): Promise<PlannedDelivery[]> {
      const [intent] = await dataSource.query<IntentRow[]>(
        `SELECT id, case_id, session_id, event, recipient, data FROM notification_intents WHERE id = $1`,
        [intentId],
      );
      if (!intent) {
        throw ApplicationFailure.nonRetryable(`no notification intent ${intentId}`, 'NOT_FOUND');
      }
      const text = renderNotification(intent.event, intent.data);
      const recipients = recipientFilter(intent);
      if (!recipients) return [];
      const { where, params } = recipients;
      // Set-based: four statements whatever the number of recipients (a notice to everyone).
      return dataSource.transaction(async (manager) => {
        const base = params.length;
        await manager.query(
          `INSERT INTO notifications (intent_id, user_id, event, case_id, session_id, title_fa, title_en, body_fa, body_en)
           SELECT $${base + 1}::varchar, u.id, $${base + 2}::varchar, $${base + 3}::uuid, $${base + 4}::uuid,
                  $${base + 5}::text, $${base + 6}::text, $${base + 7}::text, $${base + 8}::text
             FROM users u WHERE NOT u.disabled AND ${where}
           ON CONFLICT (intent_id, user_id) DO NOTHING`,
          [
            ...params,
            intent.id,
            intent.event,
            intent.case_id,
            intent.session_id,
            text.title.fa,
            text.title.en,
            text.body.fa,
            text.body.en,
          ],
        );
        const deliver = (channel: 'IN_APP' | 'EMAIL' | 'SMS', condition: string) =>
          manager.query(
            `INSERT INTO notification_deliveries (notification_id, intent_id, case_id, user_id, channel, status, sent_at)
             SELECT n.id, n.intent_id, n.case_id, n.user_id, $2::varchar,
                    CASE WHEN $2 = 'IN_APP' THEN 'SENT' ELSE 'QUEUED' END,
                    CASE WHEN $2 = 'IN_APP' THEN now() END
               FROM notifications n JOIN users u ON u.id = n.user_id
               LEFT JOIN notification_preferences p ON p.user_id = n.user_id
              WHERE n.intent_id = $1 AND ${condition}
             ON CONFLICT (notification_id, channel) DO NOTHING`,
            [intent.id, channel],
          );
        await deliver('IN_APP', 'true');
        if (channels.email) {
          await deliver('EMAIL', 'u.email IS NOT NULL AND COALESCE(p.email, true)');
        }
        if (urgencyOf(intent.event) === 'sms') {
          await deliver('SMS', 'u.mobile IS NOT NULL AND COALESCE(p.sms, true)');
        }
        // Every delivery of this intent still to make (also those a crashed attempt planned).
        const rows = await manager.query<{ id: string; channel: 'EMAIL' | 'SMS' }[]>(
          `SELECT id, channel FROM notification_deliveries
            WHERE intent_id = $1 AND status = 'QUEUED' AND channel <> 'IN_APP' ORDER BY id`,
          [intent.id],
        );
        return rows.map((row) => ({ deliveryId: row.id, channel: row.channel }));
      });
    },

    async deliverNotification(deliveryId: string): Promise<'SENT' | 'FAILED'> {
      // An UPDATE … RETURNING answers [rows, count] through TypeORM. The lease makes this
      // attempt the only one that may send until it runs out (see NOTIFICATION_SEND_LEASE_SECONDS).
      const [claimed] = await dataSource.query<[ClaimedDelivery[], number]>(
        `UPDATE notification_deliveries d
            SET attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $2)
          WHERE d.id = $1 AND d.status = 'QUEUED' AND (d.claimed_until IS NULL OR d.claimed_until < now())
          RETURNING d.channel, d.attempts,
            (SELECT email FROM users WHERE id = d.user_id) AS email,
            (SELECT mobile FROM users WHERE id = d.user_id) AS mobile,
            (SELECT row_to_json(n) FROM notifications n WHERE n.id = d.notification_id) AS notification`,
        [deliveryId, sendLeaseSeconds],
      );
      if (claimed.length === 0) {
        const [state] = await dataSource.query<{ status: 'SENT' | 'FAILED' | 'QUEUED' }[]>(
          `SELECT status FROM notification_deliveries WHERE id = $1`,
          [deliveryId],
        );
        // Already sent (a retry after the send was recorded) or failed: nothing to do.
        if (state?.status === 'SENT' || state?.status === 'FAILED') return state.status;
        // Another attempt owns it (one Temporal timed out may still be sending): wait it out.
        throw ApplicationFailure.retryable(
          'another attempt is under way; retrying after its lease',
          'NOTIFICATION.DELIVERY_LEASED',
        );
      }
      const delivery = claimed[0];
      const channel = delivery.channel === 'EMAIL' ? channels.email : channels.sms;
      const address = delivery.channel === 'EMAIL' ? delivery.email : delivery.mobile;
      // The attempt is over without sending: record why and give up the lease.
      const fail = async (reason: string) => {
        await dataSource.query(
          `UPDATE notification_deliveries SET last_error = $2, claimed_until = NULL
            WHERE id = $1 AND status = 'QUEUED'`,
          [deliveryId, reason.slice(0, 1000)],
        );
      };
      if (!address) {
        const reason = `the user has no ${delivery.channel === 'EMAIL' ? 'e-mail address' : 'mobile number'} any more`;
        await fail(reason);
        throw ApplicationFailure.nonRetryable(reason, DELIVERY_PERMANENT);
      }
      if (!channel) {
        // A worker without the channel (a deployment half-way through a change): another may have it.
        const reason = `the ${delivery.channel} channel is not configured on this worker`;
        await fail(reason);
        throw ApplicationFailure.retryable(reason, 'NOTIFICATION.DELIVERY_FAILED');
      }
      const n = delivery.notification;
      try {
        const sent = await channel.send(
          {
            idempotencyKey: deliveryId,
            to: address,
            subject: `${n.title_fa} | ${n.title_en}`,
            text:
              delivery.channel === 'SMS'
                ? `${n.title_fa}. ${n.body_fa}`.slice(0, 300)
                : `${n.body_fa}\n\n${n.body_en}\n\n— سامانه صدور مجوز اسقاط، خرید و فروش خودرو دولتی (پیام خودکار) / automatic message`,
          },
          // Context.attempt counts this activity's tries; attempts counts every try ever made.
          Context.current().info.attempt > 1 || delivery.attempts > 1,
        );
        await dataSource.query(
          `UPDATE notification_deliveries
              SET status = 'SENT', sent_at = now(), provider_ref = $2, last_error = NULL, claimed_until = NULL
            WHERE id = $1 AND status = 'QUEUED'`,
          [deliveryId, sent.providerRef ?? null],
        );
        return 'SENT';
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await fail(reason);
        if (error instanceof PermanentDeliveryError) {
          throw ApplicationFailure.nonRetryable(reason, DELIVERY_PERMANENT);
        }
        throw ApplicationFailure.retryable(reason, 'NOTIFICATION.DELIVERY_FAILED');
      }
    },

    /** Records that a delivery gave up (refused, or out of attempts), with the reason. */
    async markDeliveryFailed(deliveryId: string, reason: string): Promise<void> {
      await dataSource.query(
        `UPDATE notification_deliveries SET status = 'FAILED', failed_at = now(),
                last_error = COALESCE(last_error, $2), claimed_until = NULL
          WHERE id = $1 AND status = 'QUEUED'`,
        [deliveryId, reason.slice(0, 1000)],
      );
    },
  };
}

export type NotificationDeliveryActivities = ReturnType<
  typeof createNotificationDeliveryActivities
>;
