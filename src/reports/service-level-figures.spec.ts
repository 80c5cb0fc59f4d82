import { DEFAULT_SERVICE_LEVEL_POLICY } from '../../workflows/common/sla/policy';
import {
  aggregate,
  inJalaliMonth,
  jalaliMonthRange,
  measurementsOf,
  percentile,
  type CaseHistory,
  type Measurement,
  type ReportRow,
} from './service-level-figures';
import {
  FIXTURE_CALENDAR,
  FIXTURE_CASES,
  FIXTURE_MONTH,
  FIXTURE_YEAR,
  tehran,
} from '../../test/fixtures/tir-1404.fixture';

const historyOf = (key: string): CaseHistory => {
  const c = FIXTURE_CASES.find((f) => f.key === key)!;
  return {
    caseId: c.key,
    requestType: c.requestType,
    registeredAtMs: tehran(c.registeredAt),
    policy: DEFAULT_SERVICE_LEVEL_POLICY,
    transitions: c.transitions.map(([at, from, to]) => ({ atMs: tehran(at), from, to })),
  };
};

const inMonth = (m: Measurement) =>
  inJalaliMonth(m.endMs, FIXTURE_YEAR, FIXTURE_MONTH, FIXTURE_CALENDAR);

const brief = (ms: Measurement[]) =>
  ms.map((m) => [m.measure, m.directorateDays, m.endToEndDays, m.onTime]);

describe('percentile (linear between closest ranks, as percentile_cont)', () => {
  it('answers null for nothing and the value itself for one', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
  });

  it('interpolates: median of an even count, p90 between the top two', () => {
    expect(percentile([15, 16], 0.5)).toBe(15.5);
    expect(percentile([16, 15], 0.9)).toBeCloseTo(15.9, 10);
    expect(percentile([5, 2, 7, 1, 1.5], 0.5)).toBe(2);
    // h = 4 × 0.9 = 3.6: 5 + 0.6 × (7 − 5)
    expect(percentile([5, 2, 7, 1, 1.5], 0.9)).toBeCloseTo(6.2, 10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  });
});

describe('measurements of a case (hand-computed Tir 1404)', () => {
  it('counts a holiday as no working time: review over Tasua and Ashura is on time', () => {
    expect(brief(measurementsOf(historyOf('A'), FIXTURE_CALENDAR))).toEqual([
      ['DOCUMENT_REVIEW', 5, 5, true],
      ['SCHEDULING', 5, 5, true],
      ['WHOLE_CASE', 15, 15, true],
    ]);
    // The same stay on a calendar without those holidays is 7 working days: late.
    const noHolidays = { ...FIXTURE_CALENDAR, holidays: [] };
    expect(brief(measurementsOf(historyOf('A'), noHolidays))[0]).toEqual([
      'DOCUMENT_REVIEW',
      7,
      7,
      false,
    ]);
  });

  it('stops the directorate’s clock while the agency owes corrections; end to end does not', () => {
    const all = measurementsOf(historyOf('B'), FIXTURE_CALENDAR);
    expect(brief(all)).toEqual([
      ['DOCUMENT_REVIEW', 3, 3, true], // round 1, finished in Khordad
      ['CORRECTIONS', null, 7, true],
      ['DOCUMENT_REVIEW', 1, 1, true],
      ['SCHEDULING', 6, 6, true],
      ['WHOLE_CASE', 16, 23, true],
    ]);
    expect(brief(all.filter(inMonth)).map((m) => m[0])).toEqual([
      'CORRECTIONS',
      'DOCUMENT_REVIEW',
      'SCHEDULING',
      'WHOLE_CASE',
    ]);
  });

  it('measures late stays, half days, and a rejection as the whole case’s end', () => {
    expect(brief(measurementsOf(historyOf('C'), FIXTURE_CALENDAR))).toEqual([
      ['DOCUMENT_REVIEW', 7, 7, false],
      ['WHOLE_CASE', 7, 7, true],
    ]);
    expect(brief(measurementsOf(historyOf('E'), FIXTURE_CALENDAR))).toEqual([
      ['DOCUMENT_REVIEW', 1.5, 1.5, true],
      ['SCHEDULING', 12, 12, false],
    ]);
  });

  it('leaves out a stay ended by withdrawal, and stays not yet finished', () => {
    expect(measurementsOf(historyOf('D'), FIXTURE_CALENDAR)).toEqual([]);
    expect(measurementsOf(historyOf('F'), FIXTURE_CALENDAR)).toEqual([]);
  });

  it('counts an abandoned correction window as late', () => {
    const history: CaseHistory = {
      ...historyOf('B'),
      transitions: [
        { atMs: tehran('1404/04/01 09:00'), from: 'REGISTERED', to: 'UNDER_REVIEW' },
        { atMs: tehran('1404/04/02 09:00'), from: 'UNDER_REVIEW', to: 'AWAITING_CORRECTIONS' },
        { atMs: tehran('1404/04/02 10:00'), from: 'AWAITING_CORRECTIONS', to: 'ABANDONED' },
      ],
    };
    const [, corrections] = measurementsOf(history, FIXTURE_CALENDAR);
    expect(corrections.measure).toBe('CORRECTIONS');
    expect(corrections.onTime).toBe(false);
  });
});

describe('the month’s report (hand-computed Tir 1404)', () => {
  const measurements = FIXTURE_CASES.flatMap((c) =>
    measurementsOf(historyOf(c.key), FIXTURE_CALENDAR),
  ).filter(inMonth);
  const rows = aggregate(measurements);
  const row = (measure: string, requestType: string): Partial<ReportRow> => {
    const found = rows.find((r) => r.measure === measure && r.requestType === requestType)!;
    return {
      count: found.count,
      onTime: found.onTime,
      onTimeShare: found.onTimeShare,
      directorateDays: found.directorateDays,
      endToEndDays: found.endToEndDays,
    };
  };

  it('has every measure × request type, ALL included, even when empty', () => {
    expect(rows).toHaveLength(4 * 4);
    expect(row('CORRECTIONS', 'SALE')).toEqual({
      count: 0,
      onTime: 0,
      onTimeShare: null,
      directorateDays: null,
      endToEndDays: { median: null, p90: null },
    });
  });

  it('document review: [1, 1.5, 2, 5, 7] working days, 4 of 5 on time', () => {
    expect(row('DOCUMENT_REVIEW', 'ALL')).toEqual({
      count: 5,
      onTime: 4,
      onTimeShare: 0.8,
      directorateDays: { median: 2, p90: 6.2 },
      endToEndDays: { median: 2, p90: 6.2 },
    });
    expect(row('DOCUMENT_REVIEW', 'SCRAP')).toEqual({
      count: 3,
      onTime: 3,
      onTimeShare: 1,
      directorateDays: { median: 1.5, p90: 4.3 },
      endToEndDays: { median: 1.5, p90: 4.3 },
    });
    expect(row('DOCUMENT_REVIEW', 'PURCHASE')).toMatchObject({ count: 1, onTimeShare: 0 });
  });

  it('scheduling [5, 6, 12] and corrections [7]', () => {
    expect(row('SCHEDULING', 'ALL')).toEqual({
      count: 3,
      onTime: 2,
      onTimeShare: 0.6667,
      directorateDays: { median: 6, p90: 10.8 },
      endToEndDays: { median: 6, p90: 10.8 },
    });
    expect(row('CORRECTIONS', 'ALL')).toEqual({
      count: 1,
      onTime: 1,
      onTimeShare: 1,
      directorateDays: null,
      endToEndDays: { median: 7, p90: 7 },
    });
  });

  it('whole case: directorate [7, 15, 16], end to end [7, 15, 23]', () => {
    expect(row('WHOLE_CASE', 'ALL')).toEqual({
      count: 3,
      onTime: 3,
      onTimeShare: 1,
      directorateDays: { median: 15, p90: 15.8 },
      endToEndDays: { median: 15, p90: 21.4 },
    });
    expect(row('WHOLE_CASE', 'SCRAP')).toEqual({
      count: 2,
      onTime: 2,
      onTimeShare: 1,
      directorateDays: { median: 15.5, p90: 15.9 },
      endToEndDays: { median: 19, p90: 22.2 },
    });
  });

  it('asked for one request type: its rows only, no ALL', () => {
    const purchase = aggregate(measurements, ['PURCHASE']);
    expect(purchase.map((r) => r.requestType)).toEqual(Array(4).fill('PURCHASE'));
  });
});

describe('Jalali months', () => {
  it('runs from local midnight of the 1st to local midnight of the next month’s 1st', () => {
    const tir = jalaliMonthRange(1404, 4, FIXTURE_CALENDAR);
    expect(new Date(tir.fromMs).toISOString()).toBe('2025-06-21T20:30:00.000Z');
    expect(new Date(tir.toMs).toISOString()).toBe('2025-07-22T20:30:00.000Z');
    const esfand = jalaliMonthRange(1404, 12, FIXTURE_CALENDAR);
    expect(new Date(esfand.toMs).toISOString()).toBe('2026-03-20T20:30:00.000Z');
  });
});
