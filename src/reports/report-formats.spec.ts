import { csvField, publicSummary, PUBLIC_MIN_CELL, toCsv } from './report-formats';
import type { ServiceLevelReport } from './report.types';
import { aggregate, type Measurement } from './service-level-figures';

const measurement = (requestType: Measurement['requestType'], days: number): Measurement => ({
  caseId: 'x',
  measure: 'DOCUMENT_REVIEW',
  requestType,
  startMs: 0,
  endMs: 1,
  directorateDays: days,
  endToEndDays: days,
  targetDays: 5,
  onTime: days <= 5,
});

const reportOf = (measurements: Measurement[]): ServiceLevelReport => ({
  period: {
    year: 1404,
    month: 4,
    monthName: 'تیر',
    from: '',
    to: '',
    fromJalali: '1404/04/01',
    toJalali: '1404/04/31',
  },
  requestType: null,
  calendar: { thursdayIsWorkingDay: false, holidaysInMonth: [], closuresInMonth: [] },
  policyVersions: ['1'],
  rows: aggregate(measurements),
  generatedAt: '',
  generatedAtJalali: '',
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvField('اداره کل, نمونه')).toBe('"اداره کل, نمونه"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
  });

  it('starts with a byte-order mark and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'ب']])).toBe('\uFEFFa,b\r\n1,ب\r\n');
  });
});

describe('public summary', () => {
  it('withholds cells of fewer than five, and an ALL that would give one away', () => {
    const five = Array.from({ length: PUBLIC_MIN_CELL }, () => measurement('SCRAP', 2));
    const summary = publicSummary(reportOf([...five, measurement('SALE', 9)]), 3);
    const row = (type: string) =>
      summary.rows.find((r) => r.measure === 'DOCUMENT_REVIEW' && r.requestType === type)!;
    expect(row('SCRAP')).toMatchObject({ suppressed: false, count: 5, onTimeShare: 1 });
    expect(row('SALE')).toMatchObject({ suppressed: true, count: null, endToEndDays: null });
    // ALL (6) minus SCRAP (5) would be the one sale: withheld too.
    expect(row('ALL')).toMatchObject({ suppressed: true, count: null });
    expect(summary.openBreaches).toBe(3);
  });

  it('publishes ALL when the withheld types add up to five or more', () => {
    const mixed = [1, 2, 3].map((d) => measurement('SALE', d));
    const more = [4, 6].map((d) => measurement('PURCHASE', d));
    const row = publicSummary(reportOf([...mixed, ...more]), 0).rows.find(
      (r) => r.measure === 'DOCUMENT_REVIEW' && r.requestType === 'ALL',
    );
    expect(row).toMatchObject({ suppressed: false, count: 5, onTimeShare: 0.8 });
  });
});
