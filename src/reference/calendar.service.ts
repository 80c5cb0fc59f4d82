import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { jalaliDateOf } from '../../workflows/sla/calendar';
import {
  DEFAULT_OFFICIAL_HOLIDAYS,
  IRAN_UTC_OFFSET_MINUTES,
} from '../../workflows/sla/default-calendar-data';
import type {
  CalendarClosureDto,
  CalendarHolidayDto,
  WorkingCalendarDto,
} from './dto/calendar.dto';
import { CalendarClosureEntity } from './entities/calendar-closure.entity';
import { gregorianOf } from './jalali-date';

function toClosureDto(row: CalendarClosureEntity): CalendarClosureDto {
  return {
    date: row.date,
    gregorianDate: gregorianOf(row.date),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    createdAtJalali: formatJalali(row.createdAt),
  };
}

/**
 * The working calendar's data: the official holidays (the built-in list of
 * workflows/sla/default-calendar-data.ts) and the one-off closures administrators enter.
 * Closures reach NEW cases through currentClosures(); a registered case keeps the calendar it
 * was registered with (design.md §3), so adding or removing a closure never moves its deadlines.
 */
/** How long a registration may use a cached list of closures. */
const CLOSURES_TTL_MS = 10_000;

@Injectable()
export class CalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(CalendarClosureEntity)
    private readonly closures: Repository<CalendarClosureEntity>,
  ) {}

  /** The Jalali year it is now in Iran. */
  currentJalaliYear(nowMs = Date.now()): number {
    return jalaliDateOf(nowMs, { utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES }).jy;
  }

  async calendarOf(year: number): Promise<WorkingCalendarDto> {
    const holidays = new Map<string, string[]>();
    for (const holiday of DEFAULT_OFFICIAL_HOLIDAYS) {
      if (!holiday.date.startsWith(`${year}/`)) continue;
      holidays.set(holiday.date, [...(holidays.get(holiday.date) ?? []), holiday.occasion]);
    }
    const closures = await this.closures.find({
      where: { date: Like(`${year}/%`) },
      order: { date: 'ASC' },
    });
    return {
      year,
      thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
      holidaysKnown: holidays.size > 0,
      holidays: [...holidays.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, occasions]): CalendarHolidayDto => ({
          date,
          gregorianDate: gregorianOf(date),
          occasions,
        })),
      closures: closures.map(toClosureDto),
    };
  }

  /** Records a closure; the date must be canonical `YYYY/MM/DD` (the DTO makes it so). */
  async addClosure(date: string, reason: string, by: string): Promise<CalendarClosureDto> {
    try {
      await this.closures.insert({ date, reason, createdBy: by });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('REFERENCE.CLOSURE_EXISTS');
      throw error;
    }
    this.cache.clear();
    return toClosureDto(await this.closures.findOneByOrFail({ date }));
  }

  async removeClosure(date: string): Promise<void> {
    const result = await this.closures.delete({ date });
    this.cache.clear();
    if (!result.affected) throw new AppError('REFERENCE.CLOSURE_NOT_FOUND');
  }

  /**
   * Every closure date (Jalali `YYYY/MM/DD`, in order), for the working calendar a case is
   * registered with: `WorkingCalendar.closures` of workflows/sla/calendar.ts.
   */
  async currentClosures(): Promise<string[]> {
    const cached = this.cache.get('closures');
    if (cached) return cached;
    const rows = await this.closures.find({ select: { date: true }, order: { date: 'ASC' } });
    const dates = rows.map((row) => row.date);
    this.cache.set('closures', dates);
    return dates;
  }

  /**
   * Read on every registration, changed a few times a year: kept for a few seconds (and dropped
   * at once when this process changes it; another API replica sees a change within the TTL).
   */
  private readonly cache = new LRUCache<'closures', string[]>({ max: 1, ttl: CLOSURES_TTL_MS });
}
