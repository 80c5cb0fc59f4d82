import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import type {
  DeliveryDto,
  NotificationDto,
  NotificationListDto,
  NotificationPreferencesDto,
} from './dto/notification.dto';

interface NotificationRow {
  id: string;
  event: string;
  title_fa: string;
  title_en: string;
  body_fa: string;
  body_en: string;
  case_id: string | null;
  session_id: string | null;
  created_at: Date;
  read_at: Date | null;
  deliveries: {
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: string | null;
  }[];
}

const SELECT = `
  SELECT n.id, n.event, n.title_fa, n.title_en, n.body_fa, n.body_en, n.case_id, n.session_id,
         n.created_at, n.read_at,
         COALESCE((SELECT json_agg(json_build_object('channel', d.channel, 'status', d.status,
                     'attempts', d.attempts, 'last_error', d.last_error, 'sent_at', d.sent_at)
                     ORDER BY d.channel)
                     FROM notification_deliveries d WHERE d.notification_id = n.id), '[]') AS deliveries
    FROM notifications n`;

function toDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    event: row.event,
    title: { fa: row.title_fa, en: row.title_en },
    body: { fa: row.body_fa, en: row.body_en },
    caseId: row.case_id,
    sessionId: row.session_id,
    createdAt: row.created_at.toISOString(),
    createdAtJalali: formatJalali(row.created_at),
    readAt: row.read_at?.toISOString() ?? null,
    deliveries: row.deliveries.map((d): DeliveryDto => ({
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      lastError: d.last_error,
      sentAt: d.sent_at === null ? null : new Date(d.sent_at).toISOString(),
    })),
  };
}

/** The signed-in user's in-app inbox and channel preferences. Nobody reads another's inbox. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    userId: string,
    query: { unread?: boolean; limit?: number; offset?: number },
  ): Promise<NotificationListDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const unreadOnly = query.unread === true;
    const [rows, [counts]] = await Promise.all([
      this.dataSource.query<NotificationRow[]>(
        `${SELECT} WHERE n.user_id = $1 ${unreadOnly ? 'AND n.read_at IS NULL' : ''}
          ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
        [userId, limit, offset],
      ),
      this.dataSource.query<{ total: number; unread: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notifications WHERE user_id = $1`,
        [userId],
      ),
    ]);
    return {
      items: rows.map(toDto),
      total: unreadOnly ? counts.unread : counts.total,
      unread: counts.unread,
      limit,
      offset,
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ unread: number }[]>(
      `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.unread;
  }

  /** Marks one of the user's notifications read (again: no change); another's is "not found". */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    const [row] = await this.dataSource.query<NotificationRow[]>(
      `${SELECT} WHERE n.id = $1 AND n.user_id = $2`,
      [id, userId],
    );
    if (!row) throw new AppError('NOTIFICATION.NOT_FOUND');
    return toDto(row);
  }

  async markAllRead(userId: string): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  async preferences(userId: string): Promise<NotificationPreferencesDto> {
    const [row] = await this.dataSource.query<
      { email: boolean; sms: boolean; email_on_file: boolean; mobile_on_file: boolean }[]
    >(
      `SELECT COALESCE(p.email, true) AS email, COALESCE(p.sms, true) AS sms,
              u.email IS NOT NULL AS email_on_file, u.mobile IS NOT NULL AS mobile_on_file
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    return {
      inApp: true,
      email: row.email,
      sms: row.sms,
      emailOnFile: row.email_on_file,
      mobileOnFile: row.mobile_on_file,
    };
  }

  async setPreferences(
    userId: string,
    change: { email?: boolean; sms?: boolean },
  ): Promise<NotificationPreferencesDto> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, email, sms) VALUES ($1, COALESCE($2, true), COALESCE($3, true))
       ON CONFLICT (user_id) DO UPDATE SET email = COALESCE($2, notification_preferences.email),
              sms = COALESCE($3, notification_preferences.sms), updated_at = now()`,
      [userId, change.email ?? null, change.sms ?? null],
    );
    return this.preferences(userId);
  }
}
