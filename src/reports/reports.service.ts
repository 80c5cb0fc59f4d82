import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { caseServiceLevelAt } from '../cases/case-service-level';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { CalendarService } from '../reference/calendar/calendar.service';
import {
  REQUEST_TYPES,
  TERMINAL_STAGES,
  type CaseStage,
  type RequestType,
} from '../../workflows/case/case.types';
import {
  DAY_MS,
  formatJalaliDate,
  jalaliDateOf,
  workingMsBetween,
} from '../../workflows/common/sla/calendar';
import { IRAN_UTC_OFFSET_MINUTES } from '../../workflows/common/sla/default-calendar-data';
import type { ServiceLevelPolicy } from '../../workflows/common/sla/policy';
import { publicSummary, type PublicServiceLevel } from './report-formats';
import type { OpenBreach, OpenBreachPage, ServiceLevelReport } from './report.types';
import {
  aggregate,
  inJalaliMonth,
  jalaliMonthRange,
  measurementsOf,
  type CaseHistory,
} from './service-level-figures';

export const JALALI_MONTH_NAMES = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

/** Which stage a stage target belongs to; a whole-case breach stays open while the case does. */
const TARGET_STAGE: Record<string, CaseStage | undefined> = {
  documentReview: 'UNDER_REVIEW',
  scheduling: 'AWAITING_SESSION',
};

/** How long a public summary is served from memory: it is open to anyone. */
const PUBLIC_TTL_MS = 60_000;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Service-level reports from the read model (docs/domain.md §3.6). SQL picks the month's cases — those
 * with a stage change in the month — and their stage changes up to its end; TypeScript does
 * the working-day arithmetic (src/reports/service-level-figures.ts), bounded by that month's cases.
 */
@Injectable()
export class ReportsService {
  private readonly publicCache = new LRUCache<string, PublicServiceLevel>({
    max: 64,
    ttl: PUBLIC_TTL_MS,
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  async serviceLevel(
    year: number,
    month: number,
    requestType?: RequestType,
    now = new Date(),
  ): Promise<ServiceLevelReport> {
    const calendar = await this.calendars.currentCalendar();
    const { fromMs, toMs } = jalaliMonthRange(year, month, calendar);
    const histories = await this.monthHistories(fromMs, toMs, requestType);
    const measurements = histories
      .flatMap((h) => measurementsOf(h, calendar))
      .filter((m) => inJalaliMonth(m.endMs, year, month, calendar));
    const prefix = `${year}/${String(month).padStart(2, '0')}/`;
    const last = formatJalaliDate(jalaliDateOf(toMs - 1, calendar));
    return {
      period: {
        year,
        month,
        monthName: JALALI_MONTH_NAMES[month - 1],
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        fromJalali: `${prefix}01`,
        toJalali: last,
      },
      requestType: requestType ?? null,
      calendar: {
        thursdayIsWorkingDay: calendar.thursdayIsWorkingDay,
        holidaysInMonth: calendar.holidays.filter((d) => d.startsWith(prefix)),
        closuresInMonth: calendar.closures.filter((d) => d.startsWith(prefix)),
      },
      policyVersions: [...new Set(histories.map((h) => h.policy.version))].sort(),
      rows: aggregate(measurements, requestType ? [requestType] : REQUEST_TYPES),
      generatedAt: now.toISOString(),
      generatedAtJalali: formatJalali(now),
    };
  }

  /** The public summary of a month, kept a minute per month (anyone may ask for it). */
  async publicServiceLevel(
    year: number,
    month: number,
    now = new Date(),
  ): Promise<PublicServiceLevel> {
    // Only months that have ended: a month still under way, polled minute by minute, would
    // tell by the change of a count when one case finished and whether it was late.
    const { toMs } = jalaliMonthRange(year, month, {
      utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES,
    });
    if (toMs > now.getTime()) throw new AppError('REPORT.MONTH_NOT_ENDED');
    const key = `${year}/${month}`;
    const cached = this.publicCache.get(key);
    if (cached) return cached;
    const [report, open] = await Promise.all([
      this.serviceLevel(year, month),
      this.openBreachCount(),
    ]);
    const summary = publicSummary(report, open);
    this.publicCache.set(key, summary);
    return summary;
  }

  /** How many breaches are open now (for the public summary: a count, nothing else). */
  async openBreachCount(): Promise<number> {
    return (await this.openBreachRows()).length;
  }

  async openBreaches(
    options: { requestType?: RequestType; limit: number; offset: number },
    now = new Date(),
  ): Promise<OpenBreachPage> {
    const calendar = await this.calendars.currentCalendar();
    const all = (await this.openBreachRows(options.requestType)).sort(
      (a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId),
    );
    const items = all
      .slice(options.offset, options.offset + options.limit)
      .map((row): OpenBreach => ({
        ...row,
        stageSinceJalali: formatJalali(row.stageSince),
        dueAtJalali: formatJalali(row.dueAt),
        overdueWorkingDays: round2(
          workingMsBetween(Date.parse(row.dueAt), now.getTime(), calendar) / DAY_MS,
        ),
      }));
    return {
      total: all.length,
      limit: options.limit,
      offset: options.offset,
      items,
      generatedAt: now.toISOString(),
      generatedAtJalali: formatJalali(now),
    };
  }

  /**
   * Breaches still open: on a case not yet ended, a stage deadline missed in the stage the case
   * is still in (escalated since it entered it), or the whole case's deadline.
   */
  private async openBreachRows(
    requestType?: RequestType,
  ): Promise<Omit<OpenBreach, 'stageSinceJalali' | 'dueAtJalali' | 'overdueWorkingDays'>[]> {
    const rows = await this.dataSource.query<
      {
        case_id: string;
        tracking_code: string;
        request_type: RequestType;
        agency_id: string;
        agency_name: string | null;
        stage: CaseStage;
        waiting_on: string;
        stage_since: Date;
        target: string;
        due_at: string;
        detected_at: Date;
      }[]
    >(
      `SELECT c.id AS case_id, c.tracking_code, c.request_type, c.agency_id, a.name AS agency_name,
              c.stage, c.waiting_on, c.stage_since,
              e.data->'details'->>'target' AS target, e.data->'details'->>'dueAt' AS due_at,
              e.occurred_at AS detected_at
         FROM cases c
         JOIN case_events e ON e.case_id = c.id AND e.kind = 'ESCALATED'
         LEFT JOIN agencies a ON a.id::text = c.agency_id
        WHERE c.sla_breached AND c.stage <> ALL($1::text[])
          AND ($2::text IS NULL OR c.request_type = $2)`,
      [TERMINAL_STAGES, requestType ?? null],
    );
    return rows
      .filter((r) => {
        if (r.target === 'wholeCase') return true;
        return TARGET_STAGE[r.target] === r.stage && r.detected_at >= r.stage_since;
      })
      .map((r) => ({
        caseId: r.case_id,
        trackingCode: r.tracking_code,
        requestType: r.request_type,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        stage: r.stage,
        waitingOn: r.waiting_on,
        stageSince: r.stage_since.toISOString(),
        target: r.target,
        dueAt: new Date(r.due_at).toISOString(),
        detectedAt: r.detected_at.toISOString(),
      }));
  }

  /**
   * The cases with a stage change in [fromMs, toMs), each with its stage changes before toMs,
   * in timeline order. A month of a province's cases: hundreds, not millions.
   */
  private async monthHistories(
    fromMs: number,
    toMs: number,
    requestType?: RequestType,
  ): Promise<CaseHistory[]> {
    const rows = await this.dataSource.query<
      {
        case_id: string;
        request_type: RequestType;
        registered_at: Date;
        occurred_at: Date;
        from_stage: CaseStage;
        to_stage: CaseStage;
      }[]
    >(
      `WITH month_cases AS (
         SELECT DISTINCT case_id FROM case_events
          WHERE occurred_at >= $1 AND occurred_at < $2 AND data ? 'from' AND data ? 'to'
       )
       SELECT c.id AS case_id, c.request_type, c.registered_at, e.occurred_at,
              e.data->>'from' AS from_stage, e.data->>'to' AS to_stage
         FROM month_cases m
         JOIN cases c ON c.id = m.case_id
         JOIN case_events e ON e.case_id = c.id
        WHERE e.occurred_at < $2 AND e.data ? 'from' AND e.data ? 'to'
          AND e.data->>'from' <> e.data->>'to'
          AND ($3::text IS NULL OR c.request_type = $3)
        ORDER BY c.id, (e.data->>'seq')::int, e.occurred_at`,
      [new Date(fromMs), new Date(toMs), requestType ?? null],
    );
    const byCase = new Map<string, CaseHistory>();
    const policies = new Map<string, ServiceLevelPolicy>();
    for (const row of rows) {
      let history = byCase.get(row.case_id);
      if (!history) {
        const registeredAtMs = row.registered_at.getTime();
        history = {
          caseId: row.case_id,
          requestType: row.request_type,
          registeredAtMs,
          policy: this.policyAt(registeredAtMs, policies),
          transitions: [],
        };
        byCase.set(row.case_id, history);
      }
      (history.transitions as { atMs: number; from: CaseStage; to: CaseStage }[]).push({
        atMs: row.occurred_at.getTime(),
        from: row.from_stage,
        to: row.to_stage,
      });
    }
    return [...byCase.values()];
  }

  /** The policy in force on the day a case was registered: the one its workflow was given. */
  private policyAt(atMs: number, memo: Map<string, ServiceLevelPolicy>): ServiceLevelPolicy {
    const day = formatJalaliDate(jalaliDateOf(atMs, { utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES }));
    let policy = memo.get(day);
    if (!policy) {
      policy = caseServiceLevelAt(atMs, {
        thursdayIsWorkingDay: this.config.thursdayIsWorkingDay,
        holidays: [],
        closures: [],
      }).policy;
      memo.set(day, policy);
    }
    return policy;
  }
}
