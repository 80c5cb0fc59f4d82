import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/errors/postgres-errors';
import { AppError } from '../../common/errors/app-error';
import { formatJalali } from '../../common/jalali';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/configuration';
import { jalaliDateOf } from '../../../workflows/common/sla/calendar';
import type { WorkingCalendar } from '../../../workflows/common/sla/calendar';
import { IRAN_UTC_OFFSET_MINUTES } from '../../../workflows/common/sla/default-calendar-data';
import type {
  CalendarClosureDto,
  CalendarHolidayDto,
  WorkingCalendarDto,
} from './dto/calendar.dto';
import { CalendarClosureEntity } from './entities/calendar-closure.entity';
import { OfficialHolidayEntity } from './entities/official-holiday.entity';
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

/** How long a registration may use a cached calendar. */
const CALENDAR_TTL_MS = 10_000;

/** The days a working calendar leaves out besides weekends, Jalali 'YYYY/MM/DD', in order. */
export type CalendarDays = Pick<WorkingCalendar, 'holidays' | 'closures'>;

function toHolidayDtos(rows: readonly OfficialHolidayEntity[]): CalendarHolidayDto[] {
  const byDate = new Map<string, OfficialHolidayEntity[]>();
  for (const row of rows) byDate.set(row.date, [...(byDate.get(row.date) ?? []), row]);
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, occasions]) => ({
      date,
      gregorianDate: gregorianOf(date),
      occasions: occasions.map((o) => o.occasion).sort((a, b) => a.localeCompare(b)),
      hijriDates: [...new Set(occasions.flatMap((o) => (o.hijriDate ? [o.hijriDate] : [])))],
    }));
}

/**
 * The working calendar's data, both kept by administrators: the official holidays (entered per
 * year: the lunar ones move; the first migration entered 1404 and 1405) and the one-off
 * closures. They reach NEW cases and sessions through currentDays(); a registered case keeps the
 * calendar it was registered with (docs/domain.md §3.2), so a change never moves its deadlines.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(CalendarClosureEntity)
    private readonly closures: Repository<CalendarClosureEntity>,
    @InjectRepository(OfficialHolidayEntity)
    private readonly holidays: Repository<OfficialHolidayEntity>,
  ) {}

  /** The Jalali year it is now in Iran. */
  currentJalaliYear(nowMs = Date.now()): number {
    return jalaliDateOf(nowMs, { utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES }).jy;
  }

  async calendarOf(year: number): Promise<WorkingCalendarDto> {
    const [holidays, closures] = await Promise.all([
      this.holidays.find({ where: { date: Like(`${year}/%`) }, order: { date: 'ASC' } }),
      this.closures.find({ where: { date: Like(`${year}/%`) }, order: { date: 'ASC' } }),
    ]);
    return {
      year,
      thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
      holidaysKnown: holidays.length > 0,
      holidays: toHolidayDtos(holidays),
      closures: closures.map(toClosureDto),
    };
  }

  /** Adds an occasion to a day (a day may have several); the date is canonical `YYYY/MM/DD`. */
  async addHoliday(
    input: { date: string; occasion: string; hijriDate?: string },
    by: string,
  ): Promise<CalendarHolidayDto> {
    try {
      await this.holidays.insert({
        date: input.date,
        occasion: input.occasion,
        hijriDate: input.hijriDate ?? null,
        createdBy: by,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('REFERENCE.HOLIDAY_EXISTS');
      throw error;
    }
    this.cache.clear();
    return toHolidayDtos(await this.holidays.findBy({ date: input.date }))[0];
  }

  /** Makes a day an ordinary day again: removes every occasion recorded on it. */
  async removeHoliday(date: string): Promise<void> {
    const result = await this.holidays.delete({ date });
    this.cache.clear();
    if (!result.affected) throw new AppError('REFERENCE.HOLIDAY_NOT_FOUND');
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
   * The holidays and closures (Jalali `YYYY/MM/DD`, in order) of the working calendar a case or
   * session planned now is pinned to: `WorkingCalendar.holidays`/`closures` of
   * workflows/common/sla/calendar.ts.
   */
  async currentDays(): Promise<CalendarDays> {
    const cached = this.cache.get('days');
    if (cached) return cached;
    const [holidays, closures] = await Promise.all([
      this.holidays.query<{ date: string }[]>(
        `SELECT DISTINCT "date" FROM "official_holidays" ORDER BY "date"`,
      ),
      this.closures.find({ select: { date: true }, order: { date: 'ASC' } }),
    ]);
    const days: CalendarDays = {
      holidays: holidays.map((row) => row.date),
      closures: closures.map((row) => row.date),
    };
    this.cache.set('days', days);
    return days;
  }

  /** The province's working calendar as it stands now (work queues count time left on it). */
  async currentCalendar(): Promise<WorkingCalendar> {
    return {
      utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES,
      thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
      ...(await this.currentDays()),
    };
  }

  /**
   * Read on every registration, changed a few times a year: kept for a few seconds (and dropped
   * at once when this process changes it; another API replica sees a change within the TTL).
   */
  private readonly cache = new LRUCache<'days', CalendarDays>({ max: 1, ttl: CALENDAR_TTL_MS });
}
