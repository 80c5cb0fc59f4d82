import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { CaseRecordEntity } from '../cases/entities/case-record.entity';
import type { BilingualMessage } from '../common/errors/error-catalogue';
import { formatJalali } from '../common/jalali';
import { CalendarService } from '../reference/calendar/calendar.service';
import { SessionRecordEntity } from '../sessions/entities/session-record.entity';
import {
  DAY_MS,
  workingMsBetween,
  type WorkingCalendar,
} from '../../workflows/common/sla/calendar';
import QUEUE_TITLES from './queue-titles.messages.json';

export interface WorkItem {
  kind: 'case' | 'session';
  id: string;
  /** Cases: the tracking code; sessions: the place and time. */
  label: string;
  stage: string;
  since: string;
  dueAt: string | null;
  dueAtJalali: string | null;
  /** Working days until the deadline (negative: overdue by that much); null without one. */
  workingDaysLeft: number | null;
  breached: boolean;
}

export interface WorkQueue {
  name: string;
  title: BilingualMessage;
  items: WorkItem[];
}

const QUEUE_LIMIT = 100;

const TITLES: Record<keyof typeof QUEUE_TITLES, BilingualMessage> = QUEUE_TITLES;

/**
 * "What waits on me": per role, from the read model, soonest deadline first, with the time
 * left in working days on the province's calendar.
 */
@Injectable()
export class WorkService {
  constructor(
    @InjectRepository(CaseRecordEntity) private readonly cases: Repository<CaseRecordEntity>,
    @InjectRepository(SessionRecordEntity)
    private readonly sessions: Repository<SessionRecordEntity>,
    private readonly calendar: CalendarService,
  ) {}

  async queues(principal: Principal, now = new Date()): Promise<WorkQueue[]> {
    const calendar = await this.calendar.currentCalendar();
    const on = { now, calendar };
    const queues: WorkQueue[] = [];
    const has = (role: string) => principal.roles.includes(role as never);
    if (has('REVIEWER')) {
      queues.push(this.queue('CASES_TO_REVIEW', await this.casesAt('UNDER_REVIEW'), on));
    }
    if (has('SECRETARY')) {
      queues.push(this.queue('CASES_TO_SCHEDULE', await this.casesAt('AWAITING_SESSION'), on));
      const held = await this.sessions
        .createQueryBuilder('s')
        .where(`s.stage = 'HELD'`)
        .andWhere(
          `EXISTS (SELECT 1 FROM jsonb_array_elements(s.agenda) item WHERE item->'decision' IS NULL)`,
        )
        .orderBy('s.session_at', 'ASC')
        .take(QUEUE_LIMIT)
        .getMany();
      queues.push(this.queue('DECISIONS_TO_RECORD', held.map(sessionItem), on));
    }
    if (has('MEMBER')) {
      const toSign = await this.sessions
        .createQueryBuilder('s')
        .where(`s.stage = 'MINUTES_UNDER_APPROVAL'`)
        .andWhere(`s.members @> :member::jsonb`, {
          member: JSON.stringify([{ userId: principal.userId }]),
        })
        .andWhere(
          `NOT EXISTS (
             SELECT 1 FROM jsonb_array_elements(s.minutes -> (jsonb_array_length(s.minutes) - 1) -> 'approvals') a
             WHERE a->>'userId' = :userId
             UNION ALL
             SELECT 1 FROM jsonb_array_elements(s.minutes -> (jsonb_array_length(s.minutes) - 1) -> 'objections') o
             WHERE o->>'userId' = :userId)`,
          { userId: principal.userId },
        )
        .orderBy('s.session_at', 'ASC')
        .take(QUEUE_LIMIT)
        .getMany();
      queues.push(this.queue('MINUTES_TO_SIGN', toSign.map(sessionItem), on));
    }
    if (has('CLERK') && principal.agencyId) {
      queues.push(
        this.queue(
          'CORRECTIONS_OWED',
          await this.casesAt('AWAITING_CORRECTIONS', principal.agencyId),
          on,
        ),
      );
    }
    if (has('OPERATOR')) {
      const breached = await this.cases.find({
        where: { slaBreached: true },
        order: { nextDeadlineAt: 'ASC' },
        take: QUEUE_LIMIT,
      });
      queues.push(this.queue('BREACHED_CASES', breached.map(caseItem), on));
    }
    return queues;
  }

  private async casesAt(
    stage: string,
    agencyId?: string,
  ): Promise<Omit<WorkItem, 'workingDaysLeft' | 'dueAtJalali'>[]> {
    const qb = this.cases
      .createQueryBuilder('c')
      .where('c.stage = :stage', { stage })
      .orderBy('c.nextDeadlineAt', 'ASC', 'NULLS LAST')
      .addOrderBy('c.stageSince', 'ASC')
      .take(QUEUE_LIMIT);
    if (agencyId) qb.andWhere('c.agency_id = :agencyId', { agencyId });
    return (await qb.getMany()).map(caseItem);
  }

  private queue(
    name: keyof typeof TITLES,
    items: Omit<WorkItem, 'workingDaysLeft' | 'dueAtJalali'>[],
    on: { now: Date; calendar: WorkingCalendar },
  ): WorkQueue {
    return {
      name,
      title: TITLES[name],
      items: items.map((item) => ({
        ...item,
        dueAtJalali: item.dueAt && formatJalali(item.dueAt),
        workingDaysLeft:
          item.dueAt === null ? null : workingDaysLeft(on.now, new Date(item.dueAt), on.calendar),
      })),
    };
  }
}

/** Working days from `now` to `due` on the province's calendar (negative when overdue), to 0.1. */
function workingDaysLeft(now: Date, due: Date, calendar: WorkingCalendar): number {
  const ms =
    due >= now
      ? workingMsBetween(now.getTime(), due.getTime(), calendar)
      : -workingMsBetween(due.getTime(), now.getTime(), calendar);
  return Math.round((ms / DAY_MS) * 10) / 10;
}

function caseItem(c: CaseRecordEntity): Omit<WorkItem, 'workingDaysLeft' | 'dueAtJalali'> {
  return {
    kind: 'case',
    id: c.id,
    label: c.trackingCode,
    stage: c.stage,
    since: c.stageSince.toISOString(),
    dueAt: c.nextDeadlineAt ? c.nextDeadlineAt.toISOString() : null,
    breached: c.slaBreached,
  };
}

function sessionItem(s: SessionRecordEntity): Omit<WorkItem, 'workingDaysLeft' | 'dueAtJalali'> {
  return {
    kind: 'session',
    id: s.id,
    label: `${formatJalali(s.sessionAt.toISOString())} — ${s.place}`,
    stage: s.stage,
    since: s.updatedAt.toISOString(),
    // The sessions read model keeps no deadlines yet (the workflow's query has them).
    dueAt: null,
    breached: false,
  };
}
