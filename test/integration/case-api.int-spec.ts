import request from 'supertest';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';

const form = (justification = 'خودروی سواری فرسوده با هزینه تعمیر بالا') => ({
  requestType: 'SCRAP',
  justification,
  vehicles: [
    { plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN', modelYear: 1385 },
  ],
});

/** The case API over HTTP: idempotent registration, lists, actions answered by the workflow. */
describe('case API: registration, lists, review and agency actions', () => {
  let stack: RunningStack;
  let agencyId: string;
  let clerk: string;
  let otherClerk: string;
  let reviewer: string;
  let operator: string;
  const api = () => request(stack.baseUrl);
  const registered = async (body = form()) => {
    const res = await api().post('/cases').set('authorization', clerk).send(body).expect(201);
    const id: string = res.body.id;
    await eventually(async () => {
      const rows = await stack.dataSource.query(
        `SELECT 1 FROM cases WHERE id = $1 AND stage = 'UNDER_REVIEW'`,
        [id],
      );
      return rows.length === 1 ? true : undefined;
    });
    return id;
  };

  beforeAll(async () => {
    stack = await startStack();
    agencyId = await createAgency(stack.dataSource);
    const other = await createAgency(stack.dataSource);
    clerk = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId)).auth;
    otherClerk = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], other)).auth;
    reviewer = (await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER'])).auth;
    operator = (await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR'])).auth;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('registers once per Idempotency-Key: the retry gets the first answer, another body a 422', async () => {
    const key = `submit-${Date.now()}`;
    const first = await api()
      .post('/cases')
      .set('authorization', clerk)
      .set('idempotency-key', key)
      .send(form())
      .expect(201);
    // Same key, same fields in another order: the same case, the same answer.
    const reordered = {
      vehicles: form().vehicles,
      justification: form().justification,
      requestType: 'SCRAP',
    };
    const second = await api()
      .post('/cases')
      .set('authorization', clerk)
      .set('idempotency-key', key)
      .send(reordered)
      .expect(201);
    expect(second.body).toEqual(first.body);
    // Its code is reserved for that case (codes are reserved in batches ahead, so the table's
    // count says nothing about one registration); one idempotency row holds that plan.
    expect(
      await stack.dataSource.query('SELECT case_id FROM tracking_codes WHERE code = $1', [
        first.body.trackingCode,
      ]),
    ).toEqual([{ case_id: first.body.id }]);
    expect(
      await stack.dataSource.query(
        `SELECT plan->>'caseId' AS case_id, plan->>'trackingCode' AS tracking_code
         FROM action_keys WHERE update_id = $1`,
        ['create:case/' + key],
      ),
    ).toEqual([{ case_id: first.body.id, tracking_code: first.body.trackingCode }]);
    // One workflow carries that tracking code (visibility catches up a moment later).
    const workflows = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of stack.client.workflow.list({
        query: `TrackingCode = "${first.body.trackingCode}" AND TaskQueue = "${stack.config.temporal.taskQueue}"`,
      }))
        ids.push(wf.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(workflows).toEqual([`case-${first.body.id}`]);

    const changed = await api()
      .post('/cases')
      .set('authorization', clerk)
      .set('idempotency-key', key)
      .send(form('متن دیگری برای همان کلید تکرارناپذیری'))
      .expect(422);
    expect(changed.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    // Another user's identical key is another request.
    await api()
      .post('/cases')
      .set('authorization', otherClerk)
      .set('idempotency-key', key)
      .send(form())
      .expect(201);
    const bad = await api()
      .post('/cases')
      .set('authorization', clerk)
      .set('idempotency-key', 'not ok!')
      .send(form())
      .expect(400);
    expect(bad.body.details[0].field).toBe('Idempotency-Key');
  });

  it('reviews: corrections, the agency answers, accepted; a wrong-stage action is a 409 with the workflow’s code', async () => {
    const id = await registered();
    const asked = await api()
      .post(`/cases/${id}/corrections`)
      .set('authorization', reviewer)
      .send({
        deficiencies: [{ target: 'document:REQUEST_LETTER', note: 'امضای بالاترین مقام ندارد' }],
        comment: 'لطفاً نامه امضاشده را بارگذاری کنید',
      })
      .expect(200);
    expect(asked.body).toMatchObject({ id, stage: 'AWAITING_CORRECTIONS', waitingOn: 'AGENCY' });
    expect(asked.body.stageSinceJalali).toMatch(/^14\d\d\//);

    const early = await api()
      .post(`/cases/${id}/accept`)
      .set('authorization', reviewer)
      .send({})
      .expect(409);
    expect(early.body.code).toBe('CASE.WRONG_STAGE');
    expect(early.body.message.fa).toBeTruthy();

    await api()
      .post(`/cases/${id}/resubmit`)
      .set('authorization', otherClerk)
      .send({ note: 'x' })
      .expect(404);
    const resubmitted = await api()
      .post(`/cases/${id}/resubmit`)
      .set('authorization', clerk)
      .send({ note: 'نامه امضاشده بارگذاری شد', changedFields: ['justification'] })
      .expect(200);
    expect(resubmitted.body).toMatchObject({ stage: 'UNDER_REVIEW', reviewRound: 2 });

    const accepted = await api()
      .post(`/cases/${id}/accept`)
      .set('authorization', reviewer)
      .set('idempotency-key', 'accept-once')
      .send({ note: 'مدارک کامل است' })
      .expect(200);
    expect(accepted.body).toMatchObject({ stage: 'AWAITING_SESSION', waitingOn: 'SECRETARY' });
    // The same action retried with its key: the first answer again, not a refusal.
    const retried = await api()
      .post(`/cases/${id}/accept`)
      .set('authorization', reviewer)
      .set('idempotency-key', 'accept-once')
      .send({ note: 'مدارک کامل است' })
      .expect(200);
    expect(retried.body.stage).toBe('AWAITING_SESSION');
    // The same key with another body is not a retry: refused, not answered with the first result.
    const reused = await api()
      .post(`/cases/${id}/accept`)
      .set('authorization', reviewer)
      .set('idempotency-key', 'accept-once')
      .send({ note: 'یادداشت دیگری' })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    // … and so is the same key with another action.
    const otherAction = await api()
      .post(`/cases/${id}/corrections`)
      .set('authorization', reviewer)
      .set('idempotency-key', 'accept-once')
      .send({ deficiencies: [{ target: 'document:REQUEST_LETTER', note: 'امضا ندارد' }] })
      .expect(422);
    expect(otherAction.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

    const timeline = await api()
      .get(`/cases/${id}/timeline`)
      .set('authorization', clerk)
      .expect(200);
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'SUBMITTED_FOR_REVIEW',
        'CORRECTIONS_REQUESTED',
        'CORRECTIONS_SUBMITTED',
        'DOCUMENTS_ACCEPTED',
      ]),
    );
    await api().get(`/cases/${id}/timeline`).set('authorization', otherClerk).expect(404);
  });

  it('takes corrected form fields with the answer, checked against the case’s type, and shows them', async () => {
    const id = await registered();
    await api()
      .post(`/cases/${id}/corrections`)
      .set('authorization', reviewer)
      .send({
        deficiencies: [
          { target: 'field:justification', note: 'دلیل اسقاط روشن نیست' },
          { target: 'field:vehicles[0].plate', note: 'پلاک با کارت خودرو نمی‌خواند' },
        ],
      })
      .expect(200);
    // A scrap vehicle cannot carry a count: refused field by field, nothing changes.
    const wrong = await api()
      .post(`/cases/${id}/resubmit`)
      .set('authorization', clerk)
      .send({ vehicles: [{ plate: '22د333-15', count: 2 }] })
      .expect(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toContain(
      'vehicles[0].count',
    );
    expect(
      (await api().get(`/cases/${id}`).set('authorization', clerk).expect(200)).body.stage,
    ).toBe('AWAITING_CORRECTIONS');

    const justification = 'هزینه تعمیر موتور و گیربکس از ارزش کارشناسی خودرو بیشتر است';
    const answered = await api()
      .post(`/cases/${id}/resubmit`)
      .set('authorization', clerk)
      .send({
        justification,
        vehicles: [
          {
            plate: '۲۲ د ۳۳۳ ایران ۱۵',
            vin: 'NAAM01E07HK123456',
            usageClass: 'SEDAN',
            modelYear: 1385,
          },
        ],
      })
      .expect(200);
    expect(answered.body.stage).toBe('UNDER_REVIEW');
    const shown = await eventually(async () => {
      const res = await api().get(`/cases/${id}`).set('authorization', reviewer).expect(200);
      return res.body.justification === justification ? res.body : undefined;
    });
    expect(shown.vehicles[0]).toMatchObject({ plate: '22د333-15', modelYear: 1385 });
  });

  it('rejects, withdraws and cancels through the workflow; a closed case refuses more', async () => {
    const rejected = await registered();
    const res = await api()
      .post(`/cases/${rejected}/reject`)
      .set('authorization', reviewer)
      .send({ reasons: ['خودرو مشمول ضوابط اسقاط نیست'] })
      .expect(200);
    expect(res.body.stage).toBe('REJECTED');

    const withdrawn = await registered();
    await api()
      .post(`/cases/${withdrawn}/withdraw`)
      .set('authorization', otherClerk)
      .send({})
      .expect(404);
    const w = await api()
      .post(`/cases/${withdrawn}/withdraw`)
      .set('authorization', clerk)
      .send({ reason: 'نیاز برطرف شد' })
      .expect(200);
    expect(w.body.stage).toBe('WITHDRAWN');
    const after = await api()
      .post(`/cases/${withdrawn}/cancel`)
      .set('authorization', operator)
      .send({ reason: 'آزمون' })
      .expect(409);
    expect(after.body.code).toBe('CASE.WRONG_STAGE');

    const cancelled = await registered();
    const c = await api()
      .post(`/cases/${cancelled}/cancel`)
      .set('authorization', operator)
      .send({ reason: 'ثبت تکراری' })
      .expect(200);
    expect(c.body.stage).toBe('CANCELLED');
  });

  it('lists from the read model with filters and paging; a clerk sees only their agency', async () => {
    const id = await registered();
    await registered(); // a second of the agency's cases: the page of two needs no other test
    const mine = await api()
      .get('/cases?stage=UNDER_REVIEW&requestType=SCRAP&limit=200')
      .set('authorization', clerk)
      .expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(mine.body.items.every((c: { agencyId: string }) => c.agencyId === agencyId)).toBe(true);
    const theirs = await api().get('/cases?limit=200').set('authorization', otherClerk).expect(200);
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    // A clerk cannot widen the scope by naming another agency.
    const widened = await api()
      .get(`/cases?agencyId=${agencyId}`)
      .set('authorization', otherClerk)
      .expect(200);
    expect(widened.body.items.map((c: { id: string }) => c.id)).not.toContain(id);

    const byAgency = await api()
      .get(`/cases?agencyId=${agencyId}&sort=registeredAt&limit=2&offset=0`)
      .set('authorization', reviewer)
      .expect(200);
    expect(byAgency.body).toMatchObject({ limit: 2, offset: 0 });
    expect(byAgency.body.total).toBeGreaterThanOrEqual(2);
    const times = byAgency.body.items.map((c: { registeredAt: string }) => c.registeredAt);
    expect([...times].sort()).toEqual(times);

    const future = await api()
      .get(`/cases?registeredFrom=${encodeURIComponent('2099-01-01T00:00:00Z')}`)
      .set('authorization', reviewer)
      .expect(200);
    expect(future.body.total).toBe(0);
    const bad = await api()
      .get('/cases?stage=NOPE&limit=0&breached=maybe')
      .set('authorization', reviewer)
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'breached',
      'limit',
      'stage',
    ]);
  });

  it('shows each role what waits on it, with working days left, scoped to the agency', async () => {
    const id = await registered();
    const queueOf = async (auth: string, name: string) => {
      const res = await api().get('/work').set('authorization', auth).expect(200);
      return res.body.queues.find((q: { name: string }) => q.name === name);
    };
    const toReview = await queueOf(reviewer, 'CASES_TO_REVIEW');
    const item = toReview.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ kind: 'case', stage: 'UNDER_REVIEW', breached: false });
    expect(typeof item.workingDaysLeft).toBe('number');
    expect(item.workingDaysLeft).toBeGreaterThan(0);
    expect(item.dueAtJalali).toMatch(/^14\d\d\//);
    expect(toReview.title.fa).toBeTruthy();

    await api()
      .post(`/cases/${id}/corrections`)
      .set('authorization', reviewer)
      .send({ deficiencies: [{ target: 'field:justification', note: 'توضیح کافی نیست' }] })
      .expect(200);
    const owed = await queueOf(clerk, 'CORRECTIONS_OWED');
    expect(owed.items.map((i: { id: string }) => i.id)).toContain(id);
    const notTheirs = await queueOf(otherClerk, 'CORRECTIONS_OWED');
    expect(notTheirs.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await queueOf(clerk, 'CASES_TO_REVIEW')).toBeUndefined();
  });

  it('refuses bad action input field by field, and changes nothing', async () => {
    const id = await registered();
    const bad = await api()
      .post(`/cases/${id}/corrections`)
      .set('authorization', reviewer)
      .send({ deficiencies: [{ target: 'nowhere', note: '' }], extra: true })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['deficiencies[0].target', 'deficiencies[0].note', 'extra']),
    );
    await api()
      .post(`/cases/${id}/reject`)
      .set('authorization', reviewer)
      .send({ reasons: [] })
      .expect(400);
    await api()
      .post(`/cases/${id}/accept`)
      .set('authorization', reviewer)
      .send({ note: 'x'.repeat(2001) })
      .expect(400);
    const state = await api().get(`/cases/${id}`).set('authorization', reviewer).expect(200);
    expect(state.body.stage).toBe('UNDER_REVIEW');
  });
});
