import { formatJalali } from '../../src/common/jalali';
import { randomInt, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { FIXTURE_CASES, tehran, type FixtureCase } from '../fixtures/tir-1404.fixture';
import { RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';

/**
 * Service-level reports against the real API and PostgreSQL, on a hand-computed month far from
 * today: Tir 1404 (test/fixtures/tir-1404.fixture.ts has each case's working days worked out).
 * The rows are written straight into the read model, as the activities would, and removed after.
 */

const BOM = '\uFEFF';
const AGENCY_NAME = 'اداره کل آزمون گزارش سطح خدمت';

interface Inserted {
  key: string;
  caseId: string;
  trackingCode: string;
}

async function insertCase(
  dataSource: DataSource,
  fixture: FixtureCase,
  agencyId: string,
): Promise<Inserted> {
  const caseId = randomUUID();
  const trackingCode = String(randomInt(1e11, 1e12 - 1)); // no clash with real (Damm) codes
  const lines = [
    ...fixture.transitions.map(([at, from, to]) => ({
      at,
      action: 'STAGE_CHANGED',
      from,
      to,
      details: undefined as Record<string, unknown> | undefined,
    })),
    ...(fixture.breaches ?? []).map((b) => ({
      at: b.at,
      action: 'ESCALATED',
      from: undefined,
      to: undefined,
      details: { target: b.target, dueAt: new Date(tehran(b.dueAt)).toISOString() },
    })),
  ].sort((a, b) => tehran(a.at) - tehran(b.at));
  const last = fixture.transitions[fixture.transitions.length - 1];
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO cases (id, tracking_code, workflow_id, request_type, agency_id, justification,
         vehicles, stage, waiting_on, stage_since, sla_breached, registered_at, last_seq)
       VALUES ($1, $2, $3, $4, $5, 'گزارش آزمایشی', '[]', $6, $7, $8, $9, $10, $11)`,
      [
        caseId,
        trackingCode,
        `case-${caseId}`,
        fixture.requestType,
        agencyId,
        fixture.stage,
        fixture.waitingOn,
        new Date(tehran(last[0])),
        (fixture.breaches ?? []).length > 0,
        new Date(tehran(fixture.registeredAt)),
        lines.length,
      ],
    );
    await tx.query(
      `INSERT INTO case_events (id, case_id, kind, data, occurred_at)
       VALUES ($1, $2, 'REGISTERED', '{}', $3)`,
      [`${caseId}/0`, caseId, new Date(tehran(fixture.registeredAt))],
    );
    for (const [index, line] of lines.entries()) {
      const at = new Date(tehran(line.at)).toISOString();
      await tx.query(
        `INSERT INTO case_events (id, case_id, kind, data, occurred_at) VALUES ($1, $2, $3, $4, $5)`,
        [
          `${caseId}/${index + 1}`,
          caseId,
          line.action,
          JSON.stringify({
            seq: index + 1,
            at,
            by: 'system',
            action: line.action,
            from: line.from,
            to: line.to,
            clock: 'DIRECTORATE',
            details: line.details,
          }),
          at,
        ],
      );
    }
  });
  return { key: fixture.key, caseId, trackingCode };
}

interface Row {
  measure: string;
  requestType: string;
  count: number | null;
  onTime?: number;
  onTimeShare: number | null;
  suppressed?: boolean;
  targetWorkingDays: number | null;
  directorateDays: { median: number | null; p90: number | null } | null;
  endToEndDays: { median: number | null; p90: number | null } | null;
}

describe('service-level reports (hand-computed Tir 1404)', () => {
  let stack: RunningStack;
  let agencyId: string;
  let inserted: Inserted[];
  let operator: string;
  let administrator: string;
  let reviewer: string;
  let clerk: string;
  const api = () => request(stack.baseUrl);
  const byKey = (key: string) => inserted.find((i) => i.key === key)!;

  beforeAll(async () => {
    stack = await startStack();
    agencyId = await createAgency(stack.dataSource, AGENCY_NAME);
    inserted = [];
    for (const fixture of FIXTURE_CASES)
      inserted.push(await insertCase(stack.dataSource, fixture, agencyId));
    operator = (await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR'])).auth;
    administrator = (await signedIn(stack.baseUrl, stack.dataSource, ['ADMINISTRATOR'])).auth;
    reviewer = (await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER'])).auth;
    clerk = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId)).auth;
  });

  afterAll(async () => {
    if (stack && inserted.length > 0) {
      const ids = inserted.map((i) => i.caseId);
      await stack.dataSource.query(`DELETE FROM case_events WHERE case_id = ANY($1::uuid[])`, [
        ids,
      ]);
      await stack.dataSource.query(`DELETE FROM cases WHERE id = ANY($1::uuid[])`, [ids]);
    }
    await stack?.close();
  });

  const rowOf = (rows: Row[], measure: string, requestType: string) => {
    const row = rows.find((r) => r.measure === measure && r.requestType === requestType);
    if (!row) throw new Error(`no row ${measure} ${requestType}`);
    return {
      count: row.count,
      onTimeShare: row.onTimeShare,
      directorateDays: row.directorateDays,
      endToEndDays: row.endToEndDays,
    };
  };

  it('answers the month’s figures as worked out by hand (JSON)', async () => {
    const res = await api()
      .get('/reports/service-level?year=1404&month=4')
      .set('authorization', operator)
      .expect(200);
    expect(res.body.period).toEqual({
      year: 1404,
      month: 4,
      monthName: 'تیر',
      from: '2025-06-21T20:30:00.000Z',
      to: '2025-07-22T20:30:00.000Z',
      fromJalali: '1404/04/01',
      toJalali: '1404/04/31',
    });
    expect(res.body.calendar.holidaysInMonth).toEqual(['1404/04/14', '1404/04/15']);
    expect(res.body.requestType).toBeNull();
    expect(res.body.policyVersions).toEqual(['1']);
    expect(res.body.generatedAtJalali).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    const rows = res.body.rows as Row[];
    expect(rows).toHaveLength(16);
    // Reviews [1 (B round 2), 1.5 (E), 2 (G), 5 (A, over Tasua and Ashura), 7 (C, late)].
    expect(rowOf(rows, 'DOCUMENT_REVIEW', 'ALL')).toEqual({
      count: 5,
      onTimeShare: 0.8,
      directorateDays: { median: 2, p90: 6.2 },
      endToEndDays: { median: 2, p90: 6.2 },
    });
    expect(rowOf(rows, 'DOCUMENT_REVIEW', 'SCRAP')).toEqual({
      count: 3,
      onTimeShare: 1,
      directorateDays: { median: 1.5, p90: 4.3 },
      endToEndDays: { median: 1.5, p90: 4.3 },
    });
    expect(rowOf(rows, 'DOCUMENT_REVIEW', 'PURCHASE')).toEqual({
      count: 1,
      onTimeShare: 0,
      directorateDays: { median: 7, p90: 7 },
      endToEndDays: { median: 7, p90: 7 },
    });
    // D (withdrawn) counts nowhere.
    expect(rowOf(rows, 'DOCUMENT_REVIEW', 'SALE').count).toBe(1);
    expect(rowOf(rows, 'CORRECTIONS', 'ALL')).toEqual({
      count: 1,
      onTimeShare: 1,
      directorateDays: null,
      endToEndDays: { median: 7, p90: 7 },
    });
    expect(rowOf(rows, 'SCHEDULING', 'ALL')).toEqual({
      count: 3,
      onTimeShare: 0.6667,
      directorateDays: { median: 6, p90: 10.8 },
      endToEndDays: { median: 6, p90: 10.8 },
    });
    // The paused clock: B is 16 working days on the directorate's clock, 23 end to end.
    expect(rowOf(rows, 'WHOLE_CASE', 'ALL')).toEqual({
      count: 3,
      onTimeShare: 1,
      directorateDays: { median: 15, p90: 15.8 },
      endToEndDays: { median: 15, p90: 21.4 },
    });
    expect(rowOf(rows, 'WHOLE_CASE', 'SCRAP')).toEqual({
      count: 2,
      onTimeShare: 1,
      directorateDays: { median: 15.5, p90: 15.9 },
      endToEndDays: { median: 19, p90: 22.2 },
    });
    expect(rows.find((r) => r.measure === 'WHOLE_CASE')?.targetWorkingDays).toBe(30);
  });

  it('filters by request type', async () => {
    const res = await api()
      .get('/reports/service-level?year=1404&month=4&requestType=PURCHASE')
      .set('authorization', administrator)
      .expect(200);
    const rows = res.body.rows as Row[];
    expect(rows.map((r) => r.requestType)).toEqual(Array(4).fill('PURCHASE'));
    expect(rowOf(rows, 'WHOLE_CASE', 'PURCHASE')).toEqual({
      count: 1,
      onTimeShare: 1,
      directorateDays: { median: 7, p90: 7 },
      endToEndDays: { median: 7, p90: 7 },
    });
  });

  it('exports the same figures as CSV, UTF-8 with a byte-order mark (format=csv or Accept)', async () => {
    const res = await api()
      .get('/reports/service-level?year=1404&month=4&format=csv')
      .set('authorization', operator)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="service-level-1404-04.csv"',
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(17);
    expect(lines[0]).toBe(
      'year,month,month_name,measure,measure_fa,request_type,request_type_fa,clock,target,' +
        'target_working_days,count,on_time,on_time_share,directorate_median_days,' +
        'directorate_p90_days,end_to_end_median_days,end_to_end_p90_days',
    );
    expect(lines).toContain(
      '1404,4,تیر,DOCUMENT_REVIEW,بررسی مدارک,ALL,همه,DIRECTORATE,documentReview,5,5,4,0.8,2,6.2,2,6.2',
    );
    expect(lines).toContain(
      '1404,4,تیر,CORRECTIONS,رفع نقص توسط دستگاه,SCRAP,اسقاط,AGENCY,correctionWindow,10,1,1,1,,,7,7',
    );
    expect(lines).toContain(
      '1404,4,تیر,WHOLE_CASE,کل درخواست,ALL,همه,DIRECTORATE,wholeCase,30,3,3,1,15,15.8,15,21.4',
    );
    expect(lines).toContain(
      '1404,4,تیر,SCHEDULING,طرح در کمیسیون,SALE,فروش,DIRECTORATE,scheduling,,0,0,,,,,',
    );

    const byAccept = await api()
      .get('/reports/service-level?year=1404&month=4')
      .set('authorization', operator)
      .set('accept', 'text/csv')
      .expect(200);
    expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byAccept.text.startsWith(BOM + 'year,month')).toBe(true);
    // format=json wins over Accept.
    await api()
      .get('/reports/service-level?year=1404&month=4&format=json')
      .set('authorization', operator)
      .set('accept', 'text/csv')
      .expect('content-type', /application\/json/)
      .expect(200);
  });

  it('lists open breaches only: a missed deadline of the stage the case is still in', async () => {
    const res = await api()
      .get('/reports/breaches?limit=1000')
      .set('authorization', operator)
      .expect(200);
    const mine = (res.body.items as { caseId: string }[]).filter((b) =>
      inserted.some((i) => i.caseId === b.caseId),
    );
    // F is still under review past its deadline; E's scheduling breach closed when it was
    // scheduled; C is rejected (ended).
    expect(mine).toEqual([
      {
        caseId: byKey('F').caseId,
        trackingCode: byKey('F').trackingCode,
        requestType: 'PURCHASE',
        agencyId,
        agencyName: AGENCY_NAME,
        stage: 'UNDER_REVIEW',
        waitingOn: 'REVIEWER',
        stageSince: '2025-07-13T05:30:00.000Z',
        stageSinceJalali: '1404/04/22 09:00',
        target: 'documentReview',
        dueAt: '2025-07-20T05:30:00.000Z',
        dueAtJalali: '1404/04/29 09:00',
        detectedAt: '2025-07-20T05:30:00.000Z',
        overdueWorkingDays: expect.any(Number),
      },
    ]);
    expect(
      (mine[0] as unknown as { overdueWorkingDays: number }).overdueWorkingDays,
    ).toBeGreaterThan(100);
    expect(res.body.total).toBeGreaterThanOrEqual(1);

    const filtered = await api()
      .get('/reports/breaches?requestType=SALE&limit=1000')
      .set('authorization', operator)
      .expect(200);
    expect(
      (filtered.body.items as { caseId: string }[]).some((b) => b.caseId === byKey('F').caseId),
    ).toBe(false);

    const csv = await api()
      .get('/reports/breaches?limit=1000&format=csv')
      .set('authorization', administrator)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith(BOM + 'case_id,tracking_code,')).toBe(true);
    expect(csv.text).toContain(`${byKey('F').caseId},${byKey('F').trackingCode},PURCHASE,`);
    expect(csv.text).toContain(AGENCY_NAME);
  });

  it('publishes aggregates only, withholding cells of fewer than five cases', async () => {
    const res = await api().get('/public/service-level?year=1404&month=4').expect(200);
    const text = JSON.stringify(res.body);
    for (const i of inserted) {
      expect(text).not.toContain(i.caseId);
      expect(text).not.toContain(i.trackingCode);
    }
    expect(text).not.toContain(agencyId);
    expect(text).not.toContain(AGENCY_NAME);
    expect(Object.keys(res.body).sort()).toEqual([
      'generatedAt',
      'generatedAtJalali',
      'minimumCellSize',
      'openBreaches',
      'period',
      'rows',
    ]);
    expect(res.body.minimumCellSize).toBe(5);
    expect(res.body.openBreaches).toBeGreaterThanOrEqual(1);
    const rows = res.body.rows as Row[];
    expect(rows.find((r) => r.measure === 'DOCUMENT_REVIEW' && r.requestType === 'ALL')).toEqual(
      expect.objectContaining({
        suppressed: false,
        count: 5,
        onTimeShare: 0.8,
        directorateDays: { median: 2, p90: 6.2 },
        endToEndDays: { median: 2, p90: 6.2 },
      }),
    );
    // Everything else has fewer than five cases: withheld.
    const shown = rows.filter((r) => !r.suppressed);
    expect(shown.map((r) => `${r.measure}/${r.requestType}`)).toEqual(['DOCUMENT_REVIEW/ALL']);
    for (const row of rows.filter((r) => r.suppressed)) {
      expect(row).toEqual(
        expect.objectContaining({
          count: null,
          onTimeShare: null,
          directorateDays: null,
          endToEndDays: null,
        }),
      );
    }
  });

  it('lets only operators and administrators read the reports (the public summary: anyone)', async () => {
    for (const path of ['/reports/service-level?year=1404&month=4', '/reports/breaches']) {
      await api().get(path).expect(401);
      for (const auth of [reviewer, clerk]) {
        const res = await api().get(path).set('authorization', auth).expect(403);
        expect(res.body.code).toBe('ACCESS.FORBIDDEN');
      }
    }
    await api()
      .get('/public/service-level?year=1404&month=4')
      .set('authorization', clerk)
      .expect(200);
  });

  it('audits reads of the operators’ reports', async () => {
    // A reader of its own: the rows looked for are this test's, not whatever read last.
    const reader = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    for (const path of ['/reports/service-level?year=1404&month=4', '/reports/breaches']) {
      await api().get(path).set('authorization', reader.auth).expect(200);
    }
    const rows = await stack.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE actor_user_id = $1 AND action LIKE 'report.%' ORDER BY seq`,
      [reader.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'report.service-level.read',
      'report.breaches.read',
    ]);
  });

  it('refuses a month that is not one, naming the field in both languages', async () => {
    const res = await api()
      .get('/reports/service-level?year=1404&month=13')
      .set('authorization', operator)
      .expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['month']);
    await api().get('/public/service-level?year=99999&month=1').expect(400);
  });

  it('publishes a month only once it has ended', async () => {
    const [year, month] = formatJalali(new Date()).split('/').map(Number);
    const res = await api().get(`/public/service-level?year=${year}&month=${month}`).expect(409);
    expect(res.body.code).toBe('REPORT.MONTH_NOT_ENDED');
    expect(res.body.message.fa).toMatch(/پایان/);
  });
});
