import request from 'supertest';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn, type TestUser } from './harness/identity';
import { PDF, PNG } from './harness/sample-files';

type Signed = TestUser & { auth: string };

/** Each request type, its form and the checklist slots its documents fill. */
const CASES = {
  SCRAP: {
    form: {
      requestType: 'SCRAP',
      justification: 'سواری پژو ۴۰۵ مدل ۱۳۸۵ فرسوده است و هزینه تعمیر آن از ارزشش بیشتر است',
      vehicles: [
        { plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN', modelYear: 1385 },
      ],
    },
    slots: ['REQUEST_LETTER', 'TECHNICAL_OPINION', 'VEHICLE_CARD'],
    decision: { outcome: 'APPROVED' },
    result: 'PERMIT',
  },
  SALE: {
    form: {
      requestType: 'SALE',
      justification: 'وانت نیسان مازاد بر نیاز اداره است و باید از طریق مزایده فروخته شود',
      vehicles: [{ plate: '45ج678-15', usageClass: 'PICKUP', modelYear: 2012 }],
    },
    slots: ['REQUEST_LETTER', 'EXPERT_OPINION', 'VEHICLE_CARD'],
    decision: { outcome: 'APPROVED_WITH_CONDITIONS', conditions: ['فروش فقط از راه مزایده عمومی'] },
    result: 'PERMIT',
  },
  PURCHASE: {
    form: {
      requestType: 'PURCHASE',
      justification: 'خرید دو دستگاه مینی‌بوس برای سرویس کارکنان به جای خودروهای اسقاط‌شده',
      vehicles: [{ usageClass: 'MINIBUS', count: 2 }],
    },
    slots: ['REQUEST_LETTER', 'ORGANISATION_CHART', 'BUDGET_CONFIRMATION', 'PLANNING_AGREEMENT'],
    decision: { outcome: 'REJECTED', reasons: ['اعتبار خرید در بودجه سال جاری پیش‌بینی نشده است'] },
    result: 'REFUSAL',
  },
} as const;
type Kind = keyof typeof CASES;

/**
 * The acceptance path of the case API: a purchase, a sale and a scrap request, each from
 * registration to its result, every step over HTTP by a user of the right role — with a
 * correction round for each and an objection to the minutes.
 */
describe('end to end over HTTP: purchase, sale and scrap, registration to result', () => {
  let stack: RunningStack;
  let clerk: Signed;
  let reviewer: Signed;
  let secretary: Signed;
  let chair: Signed;
  let treasury: Signed;
  let planning: Signed;
  const ids = {} as Record<Kind, string>;
  const codes = {} as Record<Kind, string>;
  const api = () => request(stack.baseUrl);
  const upload = (caseId: string, slot: string, file = PDF, name = `${slot.toLowerCase()}.pdf`) =>
    api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk.auth)
      .field('slot', slot)
      .attach('file', file, {
        filename: name,
        contentType: file === PDF ? 'application/pdf' : 'image/png',
      });
  const stageOf = async (caseId: string, who: Signed = clerk) =>
    (await api().get(`/cases/${caseId}`).set('authorization', who.auth).expect(200)).body;

  beforeAll(async () => {
    stack = await startStack();
    const agencyId = await createAgency(stack.dataSource, 'اداره کل راه و شهرسازی');
    clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    secretary = await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY']);
    chair = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    treasury = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    planning = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(Object.keys(CASES) as Kind[])(
    '%s: the clerk files it with the request letter; the reviewer finds it incomplete; the clerk completes it; accepted',
    async (kind) => {
      const spec = CASES[kind];
      const filed = await api()
        .post('/cases')
        .set('authorization', clerk.auth)
        .send(spec.form)
        .expect(201);
      const id: string = filed.body.id;
      ids[kind] = id;
      codes[kind] = filed.body.trackingCode;
      await eventually(async () =>
        (await stageOf(id)).stage === 'UNDER_REVIEW' ? true : undefined,
      );
      await upload(id, 'REQUEST_LETTER').expect(201);

      // The reviewer sees it waiting, and finds every other document missing.
      const work = await api().get('/work').set('authorization', reviewer.auth).expect(200);
      const toReview = work.body.queues.find((q: { name: string }) => q.name === 'CASES_TO_REVIEW');
      expect(toReview.items.map((i: { id: string }) => i.id)).toContain(id);
      const listed = await api()
        .get(`/cases/${id}/documents`)
        .set('authorization', reviewer.auth)
        .expect(200);
      const missing: string[] = spec.slots.filter((slot) => slot !== 'REQUEST_LETTER');
      expect(JSON.stringify(listed.body)).toContain('REQUEST_LETTER');
      const asked = await api()
        .post(`/cases/${id}/corrections`)
        .set('authorization', reviewer.auth)
        .send({
          deficiencies: missing.map((slot) => ({
            target: `document:${slot}`,
            note: 'مدرک بارگذاری نشده است',
          })),
          comment: 'لطفاً مدارک ناقص را بارگذاری کنید',
        })
        .expect(200);
      expect(asked.body).toMatchObject({ stage: 'AWAITING_CORRECTIONS', waitingOn: 'AGENCY' });

      // The clerk sees what the agency owes, uploads the rest and answers.
      const owed = await api().get('/work').set('authorization', clerk.auth).expect(200);
      expect(
        owed.body.queues
          .find((q: { name: string }) => q.name === 'CORRECTIONS_OWED')
          .items.map((i: { id: string }) => i.id),
      ).toContain(id);
      const documentIds: string[] = [];
      for (const slot of missing) {
        const file = slot === 'VEHICLE_CARD' ? PNG : PDF;
        const name = slot === 'VEHICLE_CARD' ? 'card.png' : `${slot.toLowerCase()}.pdf`;
        documentIds.push((await upload(id, slot, file, name).expect(201)).body.id);
      }
      const answered = await api()
        .post(`/cases/${id}/resubmit`)
        .set('authorization', clerk.auth)
        .send({ note: 'مدارک ناقص بارگذاری شد', documentIds })
        .expect(200);
      expect(answered.body).toMatchObject({ stage: 'UNDER_REVIEW', reviewRound: 2 });

      const accepted = await api()
        .post(`/cases/${id}/accept`)
        .set('authorization', reviewer.auth)
        .send({ note: 'مدارک کامل است' })
        .expect(200);
      expect(accepted.body).toMatchObject({ stage: 'AWAITING_SESSION', waitingOn: 'SECRETARY' });
    },
  );

  it('the commission meets, decides the three, a member objects to the minutes, they are revised and signed; each case gets its result', async () => {
    const sessionAt = new Date(Date.now() + 5000).toISOString();
    const created = await api()
      .post('/sessions')
      .set('authorization', secretary.auth)
      .send({
        sessionAt,
        place: 'اداره کل امور اقتصادی و دارایی، سالن کمیسیون',
        members: [
          { userId: chair.id, role: 'CHAIR' },
          { userId: secretary.id, role: 'SECRETARY' },
          { userId: treasury.id, role: 'MEMBER' },
          { userId: planning.id, role: 'MEMBER' },
        ],
      })
      .expect(201);
    const sessionId: string = created.body.sessionId;
    const secretaryDoes = (path: string, body?: object) =>
      api().post(`/sessions/${sessionId}${path}`).set('authorization', secretary.auth).send(body);

    const toSchedule = await api().get('/work').set('authorization', secretary.auth).expect(200);
    const waiting = toSchedule.body.queues
      .find((q: { name: string }) => q.name === 'CASES_TO_SCHEDULE')
      .items.map((i: { id: string }) => i.id);
    for (const kind of Object.keys(CASES) as Kind[]) {
      expect(waiting).toContain(ids[kind]);
      await secretaryDoes('/agenda', { caseId: ids[kind] }).expect(200);
      await eventually(async () =>
        (await stageOf(ids[kind])).stage === 'SCHEDULED' ? true : undefined,
      );
    }

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(sessionAt) - Date.now() + 300)));
    await secretaryDoes('/held', {
      presentMemberIds: [chair.id, secretary.id, treasury.id, planning.id],
    }).expect(200);
    for (const kind of Object.keys(CASES) as Kind[]) {
      await secretaryDoes('/decisions', { caseId: ids[kind], ...CASES[kind].decision }).expect(200);
    }
    await secretaryDoes('/minutes').expect(200);

    // The members sign; one objects: the sale's condition is incomplete.
    const toSign = await api().get('/work').set('authorization', chair.auth).expect(200);
    expect(
      toSign.body.queues
        .find((q: { name: string }) => q.name === 'MINUTES_TO_SIGN')
        .items.map((i: { id: string }) => i.id),
    ).toContain(sessionId);
    await api()
      .post(`/sessions/${sessionId}/minutes/approve`)
      .set('authorization', chair.auth)
      .expect(200);
    const objected = await api()
      .post(`/sessions/${sessionId}/minutes/objections`)
      .set('authorization', treasury.auth)
      .send({ comment: 'شرط واریز وجه به خزانه در تصمیم فروش نیامده است' })
      .expect(200);
    expect(objected.body.stage).toBe('MINUTES_IN_REVISION');
    await secretaryDoes('/decisions', {
      caseId: ids.SALE,
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: ['فروش فقط از راه مزایده عمومی', 'واریز وجه به حساب خزانه'],
    }).expect(200);
    const round2 = await secretaryDoes('/minutes').expect(200);
    expect(round2.body.minutes.round).toBe(2);
    for (const member of [chair, treasury, planning]) {
      await api()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', member.auth)
        .expect(200);
    }

    // Each case reaches its result, and the agency sees it.
    for (const kind of Object.keys(CASES) as Kind[]) {
      const done = await eventually(async () => {
        const body = await stageOf(ids[kind]);
        return body.live?.result ? body : undefined;
      }, 30000);
      expect(done.live.result.kind).toBe(CASES[kind].result);
      if (CASES[kind].result === 'PERMIT') expect(done.live.result.permitNumber).toBeTruthy();
      else expect(done.live.result.reasons).toEqual(CASES.PURCHASE.decision.reasons);
    }
    const sale = await stageOf(ids.SALE);
    expect(sale.live.result.conditions).toEqual([
      'فروش فقط از راه مزایده عمومی',
      'واریز وجه به حساب خزانه',
    ]);

    // Anyone with the tracking code sees where it ended, and nothing else.
    for (const kind of Object.keys(CASES) as Kind[]) {
      const tracked = await eventually(async () => {
        const res = await api().get(`/track/${codes[kind]}`);
        return res.status === 200 && ['RESULT_ANNOUNCED', 'CLOSED'].includes(res.body.stage)
          ? res.body
          : undefined;
      });
      expect(JSON.stringify(tracked)).not.toContain(CASES[kind].form.justification);
    }
  });
});
