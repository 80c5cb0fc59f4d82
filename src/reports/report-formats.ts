/**
 * What the report endpoints send: CSV for spreadsheets (UTF-8 with a byte-order mark, so Excel
 * shows Persian) and the public summary, which carries aggregated figures only.
 */
import type { OpenBreachPage, ReportPeriod, ServiceLevelReport } from './report.types';
import type { DurationFigures, Measure, MeasureClock, ReportRow } from './service-level-figures';

/** UTF-8 byte-order mark: without it Excel reads the file as the machine's code page. */
export const BOM = '\uFEFF';

/** One CSV field: quoted when it holds a comma, quote or line break; formulas neutralised. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ is a formula to a spreadsheet (CSV injection): make it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]) =>
    cells.map((c) => csvField(c as string | number | null)).join(',');
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

export const SERVICE_LEVEL_CSV_HEADER = [
  'year',
  'month',
  'month_name',
  'measure',
  'measure_fa',
  'request_type',
  'request_type_fa',
  'clock',
  'target',
  'target_working_days',
  'count',
  'on_time',
  'on_time_share',
  'directorate_median_days',
  'directorate_p90_days',
  'end_to_end_median_days',
  'end_to_end_p90_days',
] as const;

export function serviceLevelCsv(report: ServiceLevelReport): string {
  const { year, month, monthName } = report.period;
  return toCsv(
    SERVICE_LEVEL_CSV_HEADER,
    report.rows.map((r) => [
      year,
      month,
      monthName,
      r.measure,
      r.measureName.fa,
      r.requestType,
      r.requestTypeName.fa,
      r.clock,
      r.target,
      r.targetWorkingDays,
      r.count,
      r.onTime,
      r.onTimeShare,
      r.directorateDays?.median,
      r.directorateDays?.p90,
      r.endToEndDays.median,
      r.endToEndDays.p90,
    ]),
  );
}

export const BREACHES_CSV_HEADER = [
  'case_id',
  'tracking_code',
  'request_type',
  'agency_id',
  'agency_name',
  'stage',
  'waiting_on',
  'stage_since',
  'stage_since_jalali',
  'target',
  'due_at',
  'due_at_jalali',
  'detected_at',
  'overdue_working_days',
] as const;

export function breachesCsv(page: OpenBreachPage): string {
  return toCsv(
    BREACHES_CSV_HEADER,
    page.items.map((b) => [
      b.caseId,
      b.trackingCode,
      b.requestType,
      b.agencyId,
      b.agencyName,
      b.stage,
      b.waitingOn,
      b.stageSince,
      b.stageSinceJalali,
      b.target,
      b.dueAt,
      b.dueAtJalali,
      b.detectedAt,
      b.overdueWorkingDays,
    ]),
  );
}

/**
 * Cells with fewer finished measurements than this are not published: with one or two cases of
 * a request type in a month, the figures would describe an identifiable agency's case.
 */
export const PUBLIC_MIN_CELL = 5;

export interface PublicRow {
  measure: Measure;
  measureName: { fa: string; en: string };
  clock: MeasureClock;
  requestType: ReportRow['requestType'];
  requestTypeName: { fa: string; en: string };
  targetWorkingDays: number | null;
  /** True when fewer than PUBLIC_MIN_CELL finished: count and figures are then null. */
  suppressed: boolean;
  count: number | null;
  onTimeShare: number | null;
  directorateDays: DurationFigures | null;
  endToEndDays: DurationFigures | null;
}

export interface PublicServiceLevel {
  period: ReportPeriod;
  minimumCellSize: number;
  rows: PublicRow[];
  /** Breaches open now, across all cases: one number. */
  openBreaches: number;
  generatedAt: string;
  generatedAtJalali: string;
}

/**
 * Whether a row is withheld: fewer than PUBLIC_MIN_CELL measurements; and an ALL row too when
 * the withheld request types of its measure add up to 1…PUBLIC_MIN_CELL − 1, since ALL minus
 * the published types would give them away.
 */
function withheld(row: ReportRow, rows: readonly ReportRow[]): boolean {
  if (row.count < PUBLIC_MIN_CELL) return true;
  if (row.requestType !== 'ALL') return false;
  const hidden = rows
    .filter((r) => r.measure === row.measure && r.requestType !== 'ALL')
    .filter((r) => r.count < PUBLIC_MIN_CELL)
    .reduce((sum, r) => sum + r.count, 0);
  return hidden > 0 && hidden < PUBLIC_MIN_CELL;
}

/** Aggregates only: no case, agency or tracking code, and small cells withheld. */
export function publicSummary(
  report: ServiceLevelReport,
  openBreaches: number,
): PublicServiceLevel {
  return {
    period: report.period,
    minimumCellSize: PUBLIC_MIN_CELL,
    rows: report.rows.map((r) => {
      const suppressed = withheld(r, report.rows);
      return {
        measure: r.measure,
        measureName: r.measureName,
        clock: r.clock,
        requestType: r.requestType,
        requestTypeName: r.requestTypeName,
        targetWorkingDays: r.targetWorkingDays,
        suppressed,
        count: suppressed ? null : r.count,
        onTimeShare: suppressed ? null : r.onTimeShare,
        directorateDays: suppressed ? null : r.directorateDays,
        endToEndDays: suppressed ? null : r.endToEndDays,
      };
    }),
    openBreaches,
    generatedAt: report.generatedAt,
    generatedAtJalali: report.generatedAtJalali,
  };
}
