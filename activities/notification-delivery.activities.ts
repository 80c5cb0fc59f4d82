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

interface RecipientRow {
  id: string;
  has_email: boolean;
  has_mobile: boolean;
  email_on: boolean;
  sms_on: boolean;
}

/**
 * The workflows' "supervisor" is the directorate's duty operators (the role that watches
 * breached cases in GET /work); there is no separate supervisor role.
 */
const ROLE_OF: Record<string, string> = { SUPERVISOR: 'OPERATOR' };

export const DELIVERY_PERMANENT = 'NOTIFICATION.DELIVERY_REFUSED';

/** The active users an intent's recipient names, with whether they can and want e-mail and SMS. */
async function recipientsOf(dataSource: DataSource, intent: IntentRow): Promise<RecipientRow[]> {
  const { recipient } = intent;
  const select = `SELECT u.id, u.email IS NOT NULL AS has_email, u.mobile IS NOT NULL AS has_mobile,
                         COALESCE(p.email, true) AS email_on, COALESCE(p.sms, true) AS sms_on
                    FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
                   WHERE NOT u.disabled`;
  if (recipient.userId) {
    return dataSource.query(`${select} AND u.id = $1`, [recipient.userId]);
  }
  if (recipient.everyone) return dataSource.query(`${select} ORDER BY u.id`);
  if (recipient.role) {
    const role = ROLE_OF[recipient.role] ?? recipient.role;
    return recipient.agencyId
      ? dataSource.query(`${select} AND $1 = ANY(u.roles) AND u.agency_id = $2 ORDER BY u.id`, [
          role,
          recipient.agencyId,
        ])
      : dataSource.query(`${select} AND $1 = ANY(u.roles) ORDER BY u.id`, [role]);
  }
  return [];
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
}: {
  dataSource: DataSource;
  channels: NotificationChannels;
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
      const users = await recipientsOf(dataSource, intent);
      const text = renderNotification(intent.event, intent.data);
      const sms = urgencyOf(intent.event) === 'sms';
      return dataSource.transaction(async (manager) => {
        const planned: PlannedDelivery[] = [];
        for (const user of users) {
          await manager.query(
            `INSERT INTO notifications (intent_id, user_id, event, case_id, session_id, title_fa, title_en, body_fa, body_en)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (intent_id, user_id) DO NOTHING`,
            [
              intent.id,
              user.id,
              intent.event,
              intent.case_id,
              intent.session_id,
              text.title.fa,
              text.title.en,
              text.body.fa,
              text.body.en,
            ],
          );
          const channelsFor: ('IN_APP' | 'EMAIL' | 'SMS')[] = ['IN_APP'];
          if (channels.email && user.has_email && user.email_on) channelsFor.push('EMAIL');
          if (sms && user.has_mobile && user.sms_on) channelsFor.push('SMS');
          for (const channel of channelsFor) {
            await manager.query(
              `INSERT INTO notification_deliveries (notification_id, intent_id, case_id, user_id, channel, status, sent_at)
               SELECT n.id, n.intent_id, n.case_id, n.user_id, $3::varchar,
                      CASE WHEN $3 = 'IN_APP' THEN 'SENT' ELSE 'QUEUED' END,
                      CASE WHEN $3 = 'IN_APP' THEN now() END
                 FROM notifications n WHERE n.intent_id = $1 AND n.user_id = $2
               ON CONFLICT (notification_id, channel) DO NOTHING`,
              [intent.id, user.id, channel],
            );
          }
        }
        // Every delivery of this intent still to make (also those a crashed attempt planned).
        const rows = await manager.query<{ id: string; channel: 'EMAIL' | 'SMS' }[]>(
          `SELECT id, channel FROM notification_deliveries
            WHERE intent_id = $1 AND status = 'QUEUED' AND channel <> 'IN_APP' ORDER BY id`,
          [intent.id],
        );
        for (const row of rows) planned.push({ deliveryId: row.id, channel: row.channel });
        return planned;
      });
    },

    async deliverNotification(deliveryId: string): Promise<'SENT' | 'FAILED'> {
      // An UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [claimed] = await dataSource.query<[ClaimedDelivery[], number]>(
        `UPDATE notification_deliveries d SET attempts = d.attempts + 1
          WHERE d.id = $1 AND d.status = 'QUEUED'
          RETURNING d.channel, d.attempts,
            (SELECT email FROM users WHERE id = d.user_id) AS email,
            (SELECT mobile FROM users WHERE id = d.user_id) AS mobile,
            (SELECT row_to_json(n) FROM notifications n WHERE n.id = d.notification_id) AS notification`,
        [deliveryId],
      );
      // Already sent (a retry after the send was recorded) or failed: nothing to do.
      if (claimed.length === 0) {
        const [state] = await dataSource.query<{ status: 'SENT' | 'FAILED' | 'QUEUED' }[]>(
          `SELECT status FROM notification_deliveries WHERE id = $1`,
          [deliveryId],
        );
        return state?.status === 'FAILED' ? 'FAILED' : 'SENT';
      }
      const delivery = claimed[0];
      const channel = delivery.channel === 'EMAIL' ? channels.email : channels.sms;
      const address = delivery.channel === 'EMAIL' ? delivery.email : delivery.mobile;
      const fail = async (reason: string) => {
        await dataSource.query(
          `UPDATE notification_deliveries SET last_error = $2 WHERE id = $1 AND status = 'QUEUED'`,
          [deliveryId, reason.slice(0, 1000)],
        );
      };
      if (!channel || !address) {
        const reason = !channel
          ? `the ${delivery.channel} channel is not configured`
          : `the user has no ${delivery.channel === 'EMAIL' ? 'e-mail address' : 'mobile number'} any more`;
        await fail(reason);
        throw ApplicationFailure.nonRetryable(reason, DELIVERY_PERMANENT);
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
          `UPDATE notification_deliveries SET status = 'SENT', sent_at = now(), provider_ref = $2, last_error = NULL
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
                last_error = COALESCE(last_error, $2)
          WHERE id = $1 AND status = 'QUEUED'`,
        [deliveryId, reason.slice(0, 1000)],
      );
    },
  };
}

export type NotificationDeliveryActivities = ReturnType<
  typeof createNotificationDeliveryActivities
>;
