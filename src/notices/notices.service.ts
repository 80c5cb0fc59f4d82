import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import type { NotificationIntentEntity } from '../notifications/entities/notification-intent.entity';
import type { NoticeDto, PublishNoticeRequestDto } from './dto/notice.dto';
import { MaintenanceNoticeEntity } from './entities/maintenance-notice.entity';
import {
  activeWindow,
  blockedUntil,
  retryAfterSeconds,
  statusOf,
  windowProblems,
} from './maintenance-window';

/**
 * How long a process uses its list of open notices before reading it again. The write check
 * runs on every write, so it reads memory, not PostgreSQL; the process that publishes or
 * cancels forgets its list at once, another API replica sees the change within this time.
 */
export const NOTICES_CACHE_TTL_MS = 5_000;
/** The open notices read at most (a window under way is among the first: ordered by start). */
const MAX_OPEN_NOTICES = 100;

export const NOTICE_PUBLISHED_EVENT = 'MAINTENANCE_NOTICE_PUBLISHED';
export const NOTICE_CANCELLED_EVENT = 'MAINTENANCE_NOTICE_CANCELLED';

export function toNoticeDto(row: MaintenanceNoticeEntity, nowMs: number): NoticeDto {
  const dto: NoticeDto = {
    id: row.id,
    status: statusOf(row, nowMs),
    startsAt: row.startsAt.toISOString(),
    startsAtJalali: formatJalali(row.startsAt),
    endsAt: row.endsAt.toISOString(),
    endsAtJalali: formatJalali(row.endsAt),
    message: { fa: row.messageFa, en: row.messageEn },
  };
  if (row.cancelledAt) {
    dto.cancelledAt = row.cancelledAt.toISOString();
    dto.cancelledAtJalali = formatJalali(row.cancelledAt);
    dto.cancelReason = row.cancelReason ?? undefined;
  }
  return dto;
}

/** A write refused now: the window to show and when to come back. */
export interface MaintenanceRefusal {
  notice: MaintenanceNoticeEntity;
  retryAfterSeconds: number;
}

/**
 * Maintenance notices (docs/domain.md §4.3: maintenance that makes the service unavailable is announced in
 * advance). Publishing and cancelling record a notification intent for everyone in the same
 * transaction; the open notices are kept in memory for NOTICES_CACHE_TTL_MS.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger(NoticesService.name);
  private cached: { rows: MaintenanceNoticeEntity[]; loadedAtMs: number } | undefined;
  private loading: Promise<MaintenanceNoticeEntity[]> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Windows under way or to come, not cancelled, in order of start (GET /notices). */
  async current(nowMs = Date.now()): Promise<NoticeDto[]> {
    let rows: MaintenanceNoticeEntity[];
    try {
      rows = await this.openNotices();
    } catch (err) {
      this.logger.error({ err }, 'maintenance notices could not be read');
      throw new AppError('SERVICE.DATABASE_UNAVAILABLE');
    }
    return rows.filter((row) => row.endsAt.getTime() > nowMs).map((row) => toNoticeDto(row, nowMs));
  }

  /**
   * Whether a write must be refused now, from memory (read again every NOTICES_CACHE_TTL_MS).
   * If the notices cannot be read, the last list read is used; with none, writes pass (they
   * need the database anyway, and an outage of it answers on its own).
   */
  async refusal(nowMs = Date.now()): Promise<MaintenanceRefusal | undefined> {
    let rows: MaintenanceNoticeEntity[];
    try {
      rows = await this.openNotices();
    } catch (err) {
      this.logger.warn({ err }, 'maintenance notices could not be read; writes are not held');
      return undefined;
    }
    const notice = activeWindow(rows, nowMs);
    const until = blockedUntil(rows, nowMs);
    if (!notice || until === undefined) return undefined;
    return { notice, retryAfterSeconds: retryAfterSeconds(until, nowMs) };
  }

  async publish(body: PublishNoticeRequestDto, by: string): Promise<NoticeDto> {
    const nowMs = Date.now();
    const problems = windowProblems(
      body,
      nowMs,
      this.config.maintenance.minLeadMinutes,
      await this.loadOpen(),
    );
    if (problems.length > 0) throw new AppError('REQUEST.VALIDATION_FAILED', problems);
    const notice = await this.dataSource.transaction(async (manager) => {
      const row = manager.create(MaintenanceNoticeEntity, {
        id: randomUUID(),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        messageFa: body.message.fa,
        messageEn: body.message.en,
        createdBy: by,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
      });
      await manager.insert(MaintenanceNoticeEntity, row);
      await insertIntent(manager, intentOf(row, NOTICE_PUBLISHED_EVENT));
      return row;
    });
    this.forget();
    return toNoticeDto(notice, Date.now());
  }

  /** Withdraws an upcoming window, or ends one under way now. */
  async cancel(id: string, reason: string, by: string): Promise<NoticeDto> {
    const notice = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(MaintenanceNoticeEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new AppError('NOTICE.NOT_FOUND');
      const status = statusOf(row, Date.now());
      if (status === 'CANCELLED') throw new AppError('NOTICE.ALREADY_CANCELLED');
      if (status === 'ENDED') throw new AppError('NOTICE.ALREADY_ENDED');
      row.cancelledAt = new Date();
      row.cancelledBy = by;
      row.cancelReason = reason;
      await manager.update(
        MaintenanceNoticeEntity,
        { id },
        { cancelledAt: row.cancelledAt, cancelledBy: by, cancelReason: reason },
      );
      const intent = intentOf(row, NOTICE_CANCELLED_EVENT);
      intent.data.cancelledAt = row.cancelledAt.toISOString();
      await insertIntent(manager, intent);
      return row;
    });
    this.forget();
    return toNoticeDto(notice, Date.now());
  }

  /** Drops this process's list, so its next check reads PostgreSQL. */
  forget(): void {
    this.cached = undefined;
  }

  private async openNotices(): Promise<MaintenanceNoticeEntity[]> {
    const cached = this.cached;
    if (cached && Date.now() - cached.loadedAtMs < NOTICES_CACHE_TTL_MS) return cached.rows;
    // One read at a time, however many requests find the list stale together.
    this.loading ??= this.loadOpen()
      .then((rows) => {
        this.cached = { rows, loadedAtMs: Date.now() };
        return rows;
      })
      .catch((error: unknown) => {
        if (!cached) throw error;
        // Keep using the last list read, and try again after another interval.
        this.cached = { rows: cached.rows, loadedAtMs: Date.now() };
        this.logger.warn({ err: error }, 'maintenance notices could not be read; last list kept');
        return cached.rows;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private loadOpen(): Promise<MaintenanceNoticeEntity[]> {
    return this.dataSource.getRepository(MaintenanceNoticeEntity).find({
      where: { cancelledAt: IsNull(), endsAt: MoreThan(new Date()) },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: MAX_OPEN_NOTICES,
    });
  }
}

type Intent = Omit<NotificationIntentEntity, 'recordedAt' | 'dispatchedAt'>;

/**
 * Records an intent in the caller's transaction, so the notice and "tell everyone" are written
 * together or not at all. The id is derived from the notice: written once per event.
 */
async function insertIntent(manager: EntityManager, intent: Intent): Promise<void> {
  await manager.query(
    `INSERT INTO notification_intents (id, case_id, session_id, event, recipient, data, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      intent.id,
      intent.caseId,
      intent.sessionId,
      intent.event,
      JSON.stringify(intent.recipient),
      JSON.stringify(intent.data),
      intent.dueAt,
    ],
  );
}

/** The notification intent for everyone about a notice (delivery is another module's job). */
function intentOf(row: MaintenanceNoticeEntity, event: string): Intent {
  const verb = event === NOTICE_PUBLISHED_EVENT ? 'published' : 'cancelled';
  return {
    id: `notice/${row.id}/${verb}`,
    caseId: null,
    sessionId: null,
    event,
    recipient: { everyone: true },
    data: {
      noticeId: row.id,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
    },
    dueAt: new Date(),
  };
}
