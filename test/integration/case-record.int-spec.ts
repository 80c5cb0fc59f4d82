import { WorkflowNotFoundError } from '@temporalio/client';
import request from 'supertest';
import { caseWorkflowId } from '../../workflows/case/case.messages';
import { sessionWorkflowId } from '../../workflows/session/session.messages';
import { jalaliDateOf } from '../../workflows/common/sla/calendar';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn, type TestUser } from './harness/identity';
import { recordForReplay } from './harness/replay-corpus';
import { backfillCaseRecord } from '../../src/record/backfill';

type Signed = TestUser & { auth: string };

const SALE = {
  requestType: 'SALE',
  justification: 'وانت نیسان مازاد بر نیاز اداره است و باید از طریق مزایده فروخته شود',
  vehicles: [{ plate: '45ج678-15', usageClass: 'PICKUP', modelYear: 2012 }],
};
const PURCHASE = {
  requestType: 'PURCHASE',
  justification: 'خرید دو دستگاه مینی‌بوس برای سرویس کارکنان به جای خودروهای اسقاط‌شده',
  vehicles: [{ usageClass: 'MINIBUS', count: 2 }],
};
const FIRST_CONDITIONS = ['فروش فقط از راه مزایده عمومی'];
const CONDITIONS = ['فروش فقط از راه مزایده عمومی', 'واریز وجه به حساب خزانه'];
const REASONS = ['اعتبار خرید در بودجه سال جاری پیش‌بینی نشده است'];
const DEFICIENCIES = [
  { target: 'document:EXPERT_OPINION', note: 'نظر کارشناس رسمی پیوست نشده است' },
];

/**
 * The case record (docs/case-record.md): a sale reaches its permit (after a correction round,
 * an objection to the minutes and a revised decision) and a purchase its refusal; then their
 * workflows and the session's are deleted from Temporal, and every read answers the same.
 */
describe('the case record outlives the workflows', () => {
  let stack: RunningStack;
  let clerk: Signed;
  let reviewer: Signed;
  let secretary: Signed;
  let operator: Signed;
  let chair: Signed;
  let member: Signed;
  let sale: { id: string; trackingCode: string };
  let purchase: { id: string; trackingCode: string };
  let sessionId: string;
  const api = () => request(stack.baseUrl);
  const get = async (path: string, who: Signed | undefined) => {
    const req = api().get(path);
    if (who) req.set('authorization', who.auth);
    const res = await req;
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    // A report says when it was made; that is the one part allowed to differ.
    const { generatedAt, generatedAtJalali, ...body } = res.body as Record<string, unknown>;
    void generatedAt;
    void generatedAtJalali;
    return body;
  };

  beforeAll(async () => {
    stack = await startStack();
    const agencyId = await createAgency(stack.dataSource, 'اداره کل راه و شهرسازی');
    clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    secretary = await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY']);
    operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    chair = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    member = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const file = async (form: object) => {
    const filed = await api().post('/cases').set('authorization', clerk.auth).send(form);
    expect(filed.status).toBe(201);
    const id: string = filed.body.id;
    await eventually(async () => {
      const res = await api().get(`/cases/${id}`).set('authorization', clerk.auth);
      return res.body.stage === 'UNDER_REVIEW' ? true : undefined;
    });
    return { id, trackingCode: filed.body.trackingCode as string };
  };
  const caseDoes = (who: Signed, id: string, action: string, body: object) =>
    api().post(`/cases/${id}/${action}`).set('authorization', who.auth).send(body).expect(200);
  const sessionDoes = (who: Signed, path: string, body?: object) =>
    api().post(`/sessions/${sessionId}${path}`).set('authorization', who.auth).send(body);

  it('runs a sale to its permit and a purchase to its refusal, and records each step', async () => {
    sale = await file(SALE);
    purchase = await file(PURCHASE);
    await caseDoes(reviewer, sale.id, 'corrections', {
      deficiencies: DEFICIENCIES,
      comment: 'لطفاً نظر کارشناس را پیوست کنید',
    });
    await caseDoes(clerk, sale.id, 'resubmit', { note: 'نظر کارشناس پیوست شد' });
    await caseDoes(reviewer, sale.id, 'accept', { note: 'کامل است' });
    await caseDoes(reviewer, purchase.id, 'accept', {});

    const sessionAt = new Date(Date.now() + 3000).toISOString();
    const created = await api()
      .post('/sessions')
      .set('authorization', secretary.auth)
      .send({
        sessionAt,
        place: 'سالن کمیسیون',
        members: [
          { userId: chair.id, role: 'CHAIR' },
          { userId: secretary.id, role: 'SECRETARY' },
          { userId: member.id, role: 'MEMBER' },
        ],
      })
      .expect(201);
    sessionId = created.body.sessionId;
    for (const { id } of [sale, purchase]) {
      await sessionDoes(secretary, '/agenda', { caseId: id }).expect(200);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(sessionAt) - Date.now() + 300)));
    await sessionDoes(secretary, '/held', {
      presentMemberIds: [chair.id, secretary.id, member.id],
    }).expect(200);
    await sessionDoes(secretary, '/decisions', {
      caseId: sale.id,
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: FIRST_CONDITIONS,
    }).expect(200);
    await sessionDoes(secretary, '/decisions', {
      caseId: purchase.id,
      outcome: 'REJECTED',
      reasons: REASONS,
    }).expect(200);
    await sessionDoes(secretary, '/minutes').expect(200);
    await sessionDoes(chair, '/minutes/approve').expect(200);
    await sessionDoes(member, '/minutes/objections', {
      comment: 'شرط واریز وجه به خزانه نیامده است',
    }).expect(200);
    await sessionDoes(secretary, '/decisions', {
      caseId: sale.id,
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: CONDITIONS,
    }).expect(200);
    await sessionDoes(secretary, '/minutes').expect(200);
    for (const who of [chair, member]) await sessionDoes(who, '/minutes/approve').expect(200);

    const done = await eventually(async () => {
      const res = await api().get(`/cases/${sale.id}`).set('authorization', clerk.auth);
      return res.body.stage === 'CLOSED' ? res.body : undefined;
    }, 30000);
    await eventually(async () => {
      const res = await api().get(`/cases/${purchase.id}`).set('authorization', clerk.auth);
      return res.body.stage === 'CLOSED' ? true : undefined;
    }, 30000);
    await eventually(async () => {
      const res = await api().get(`/sessions/${sessionId}`).set('authorization', secretary.auth);
      return res.body.stage === 'CLOSED' ? true : undefined;
    }, 30000);

    // The permit, as the record keeps it, is the one the case answers with.
    const permit = done.live.result;
    expect(permit).toMatchObject({ kind: 'PERMIT', conditions: CONDITIONS });
    const q = (sql: string, params: unknown[]) => stack.dataSource.query(sql, params);
    const [result] = await q('SELECT * FROM case_results WHERE case_id = $1', [sale.id]);
    expect({
      kind: result.kind,
      permitNumber: result.permit_number,
      validFrom: result.valid_from.toISOString(),
      validUntil: result.valid_until.toISOString(),
      conditions: result.conditions,
      sessionId: result.session_id,
    }).toEqual({
      kind: 'PERMIT',
      permitNumber: permit.permitNumber,
      validFrom: permit.validFrom,
      validUntil: permit.validUntil,
      conditions: CONDITIONS,
      sessionId,
    });
    const [refusal] = await q('SELECT * FROM case_results WHERE case_id = $1', [purchase.id]);
    expect({ kind: refusal.kind, reasons: refusal.reasons }).toEqual({
      kind: 'REFUSAL',
      reasons: REASONS,
    });

    // The correction round: what was asked and how the agency answered.
    const rounds = await q(
      `SELECT round, source, requested_by, deficiencies, comment, answered_by, answer_note
         FROM case_correction_rounds WHERE case_id = $1 ORDER BY round`,
      [sale.id],
    );
    expect(rounds).toEqual([
      {
        round: 1,
        source: 'REVIEW',
        requested_by: reviewer.id,
        deficiencies: DEFICIENCIES,
        comment: 'لطفاً نظر کارشناس را پیوست کنید',
        answered_by: clerk.id,
        answer_note: 'نظر کارشناس پیوست شد',
      },
    ]);

    // Both decisions on the sale; the revised one took effect.
    const decisions = await q(
      `SELECT outcome, conditions, revision, took_effect_at IS NOT NULL AS took_effect, session_id
         FROM case_decisions WHERE case_id = $1 ORDER BY seq`,
      [sale.id],
    );
    expect(decisions).toEqual([
      {
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions: FIRST_CONDITIONS,
        revision: false,
        took_effect: false,
        session_id: sessionId,
      },
      {
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions: CONDITIONS,
        revision: true,
        took_effect: true,
        session_id: sessionId,
      },
    ]);

    // The session's outcomes, both versions of the minutes and every member's vote.
    const outcomes = await q(
      `SELECT case_id, outcome, conditions, reasons, final FROM session_decisions
        WHERE session_id = $1 ORDER BY outcome`,
      [sessionId],
    );
    expect(outcomes).toEqual([
      {
        case_id: sale.id,
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions: CONDITIONS,
        reasons: null,
        final: true,
      },
      {
        case_id: purchase.id,
        outcome: 'REJECTED',
        conditions: null,
        reasons: REASONS,
        final: true,
      },
    ]);
    const versions = await q(
      'SELECT round, status FROM minutes_versions WHERE session_id = $1 ORDER BY round',
      [sessionId],
    );
    expect(versions).toEqual([
      { round: 1, status: 'SUPERSEDED' },
      { round: 2, status: 'APPROVED' },
    ]);
    const votes = await q(
      `SELECT round, user_id, vote, comment FROM minutes_votes WHERE session_id = $1
        ORDER BY round, vote, user_id`,
      [sessionId],
    );
    expect(votes).toEqual(
      [
        { round: 1, user_id: chair.id, vote: 'APPROVED', comment: null },
        {
          round: 1,
          user_id: member.id,
          vote: 'OBJECTED',
          comment: 'شرط واریز وجه به خزانه نیامده است',
        },
        ...[chair.id, member.id]
          .sort()
          .map((userId) => ({ round: 2, user_id: userId, vote: 'APPROVED', comment: null })),
      ].sort((a, b) => a.round - b.round || a.vote.localeCompare(b.vote)),
    );

    await recordForReplay(
      stack.client,
      'case-record-permit-after-revision',
      caseWorkflowId(sale.id),
    );
    await recordForReplay(stack.client, 'case-record-refusal', caseWorkflowId(purchase.id));
    await recordForReplay(
      stack.client,
      'session-record-objection-revision',
      sessionWorkflowId(sessionId),
    );
  });

  /** The record's rows of the two cases and the session, as comparable JSON. */
  const recordRows = async () => {
    const q = (sql: string) => stack.dataSource.query(sql, [[sale.id, purchase.id], sessionId]);
    return {
      states: await q(
        'SELECT case_id, seq, view FROM case_states WHERE case_id = ANY($1) AND $2::uuid IS NOT NULL ORDER BY case_id',
      ),
      decisions: await q(
        'SELECT * FROM case_decisions WHERE case_id = ANY($1) AND $2::uuid IS NOT NULL ORDER BY event_id',
      ),
      results: await q(
        'SELECT * FROM case_results WHERE case_id = ANY($1) AND $2::uuid IS NOT NULL ORDER BY case_id',
      ),
      rounds: await q(
        'SELECT * FROM case_correction_rounds WHERE case_id = ANY($1) AND $2::uuid IS NOT NULL ORDER BY case_id, round',
      ),
      sessionView: await q('SELECT view FROM sessions WHERE id = $2 AND $1::uuid[] IS NOT NULL'),
      outcomes: await q(
        'SELECT * FROM session_decisions WHERE session_id = $2 AND $1::uuid[] IS NOT NULL ORDER BY case_id',
      ),
      versions: await q(
        'SELECT * FROM minutes_versions WHERE session_id = $2 AND $1::uuid[] IS NOT NULL ORDER BY round',
      ),
      votes: await q(
        'SELECT * FROM minutes_votes WHERE session_id = $2 AND $1::uuid[] IS NOT NULL ORDER BY round, user_id, vote, at',
      ),
    };
  };
  /** Empties the record of the two cases and the session, as before the record existed. */
  const forget = async (which: { cases: string[]; session: boolean }) => {
    const q = (sql: string, params: unknown[]) => stack.dataSource.query(sql, params);
    for (const table of [
      'case_states',
      'case_decisions',
      'case_results',
      'case_correction_rounds',
    ]) {
      await q(`DELETE FROM ${table} WHERE case_id = ANY($1)`, [which.cases]);
    }
    if (which.session) {
      await q('UPDATE sessions SET view = NULL WHERE id = $1', [sessionId]);
      await q('DELETE FROM session_decisions WHERE session_id = $1', [sessionId]);
      await q('DELETE FROM minutes_versions WHERE session_id = $1', [sessionId]);
    }
  };
  const backfill = () => backfillCaseRecord({ dataSource: stack.dataSource, client: stack.client });

  it('back-fills the record of cases from before it, from PostgreSQL and the retained workflows', async () => {
    const recorded = await recordRows();
    await forget({ cases: [sale.id, purchase.id], session: true });
    const report = await backfill();
    const ours = (list: { id: string }[]) =>
      list.filter((u) => [sale.id, purchase.id, sessionId].includes(u.id));
    // The one thing the workflows no longer tell: the first decision on the sale, revised
    // before the minutes were final (only its outcome is on the timeline).
    const [first] = recorded.decisions.filter((d: { case_id: string }) => d.case_id === sale.id);
    expect(ours(report.cases.unrecovered)).toEqual([
      { id: sale.id, missing: [`decision-content:${first.seq}`] },
    ]);
    expect(ours(report.sessions.unrecovered)).toEqual([]);
    const restored = await recordRows();
    const firstRestored = restored.decisions.find(
      (d: { event_id: string }) => d.event_id === first.event_id,
    );
    expect(firstRestored).toEqual({
      ...first,
      conditions: null,
      recorded_by: expect.any(String),
      recorded_at: expect.any(Date),
    });
    expect({
      ...restored,
      decisions: restored.decisions.filter((d: { event_id: string }) => d !== firstRestored),
    }).toEqual({
      ...recorded,
      decisions: recorded.decisions.filter((d: { event_id: string }) => d !== first),
    });
    // Run again: nothing changes.
    await backfill();
    expect(await recordRows()).toEqual(restored);
  });

  it('answers every read the same once Temporal has forgotten the cases and the session', async () => {
    const { jy, jm } = jalaliDateOf(Date.now(), { utcOffsetMinutes: 210 });
    const reads: Array<[string, Signed | undefined]> = [
      [`/cases/${sale.id}`, clerk],
      [`/cases/${sale.id}`, reviewer],
      [`/cases/${purchase.id}`, clerk],
      [`/cases/${sale.id}/timeline`, clerk],
      [`/cases/${purchase.id}/timeline`, reviewer],
      [`/cases?limit=10`, clerk],
      [`/sessions/${sessionId}`, secretary],
      [`/sessions/${sessionId}`, chair],
      [`/sessions?limit=100`, chair],
      [`/track/${sale.trackingCode}`, undefined],
      [`/track/${purchase.trackingCode}`, undefined],
      [`/reports/service-level?year=${jy}&month=${jm}`, operator],
      [`/reports/breaches`, operator],
    ];
    const readAll = async () => {
      const bodies: unknown[] = [];
      for (const [path, who] of reads) bodies.push(await get(path, who));
      return bodies;
    };
    // Notifications about the cases are timeline lines too: wait until they have settled.
    const before = await eventually(async () => {
      const first = await readAll();
      const queued = JSON.stringify(first).includes('NOTIFICATION_QUEUED');
      await new Promise((r) => setTimeout(r, 500));
      const second = await readAll();
      return !queued && JSON.stringify(first) === JSON.stringify(second) ? second : undefined;
    }, 30000);
    const beforeSale = before[0] as { live: { result: { permitNumber: string } } | null };
    expect(beforeSale.live?.result.permitNumber).toMatch(/^\d{4}-\d{5}$/);

    const workflowIds = [
      caseWorkflowId(sale.id),
      caseWorkflowId(purchase.id),
      sessionWorkflowId(sessionId),
    ];
    // What `temporal workflow delete` sends: the workflow and its history are removed.
    for (const workflowId of workflowIds) {
      await stack.client.workflowService.deleteWorkflowExecution({
        namespace: stack.config.temporal.namespace,
        workflowExecution: { workflowId },
      });
    }
    // Deletion runs in the background (a task of the server's own): wait until Temporal no
    // longer knows any of them. 30 s was not always enough on a loaded two-core machine (seed 12,
    // two suites at once); this waits for the fact, so a longer bound costs nothing when it is fast.
    for (const workflowId of workflowIds) {
      await eventually(async () => {
        try {
          await stack.client.workflow.getHandle(workflowId).describe();
          return undefined;
        } catch (error) {
          return error instanceof WorkflowNotFoundError ? true : undefined;
        }
      }, 120000);
    }

    const after = await readAll();
    for (const [i, [path]] of reads.entries()) {
      expect({ path, body: after[i] }).toEqual({ path, body: before[i] });
    }
  }, 300000); // the deletion waits above may take longer than the default 120 s on a loaded machine

  it('back-fills what PostgreSQL still holds after Temporal forgot, and says what it could not', async () => {
    await forget({ cases: [purchase.id], session: true });
    const report = await backfill();
    expect(report.cases.unrecovered.filter((u) => u.id === purchase.id)).toEqual([
      { id: purchase.id, missing: ['state'] },
    ]);
    expect(report.sessions.unrecovered.filter((u) => u.id === sessionId)).toEqual([
      { id: sessionId, missing: ['state'] },
    ]);
    // The refusal and its reasons, the session's outcomes and every vote come back all the same.
    const [refusal] = await stack.dataSource.query(
      'SELECT kind, reasons FROM case_results WHERE case_id = $1',
      [purchase.id],
    );
    expect(refusal).toEqual({ kind: 'REFUSAL', reasons: REASONS });
    const votes = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM minutes_votes WHERE session_id = $1',
      [sessionId],
    );
    expect(votes[0].n).toBe(4);
    const read = await api().get(`/cases/${purchase.id}`).set('authorization', clerk.auth);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ stage: 'CLOSED', live: null });
  });
});
