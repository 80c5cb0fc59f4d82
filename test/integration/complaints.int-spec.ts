import request from 'supertest';
import { dammCheckDigit } from '../../src/common/tracking-code';
import { ACCESS_MATRIX, WHO, type Fixtures } from './access-matrix';
import {
  eventually,
  RunningStack,
  startStack,
  testClientAddress,
  testConfig,
} from './harness/app-harness';
import { createAgency, signedIn, type TestUser } from './harness/identity';
import { matrixFixtures } from './harness/matrix-fixtures';

type Caller = TestUser & { auth: string };

const JALALI = /^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/;
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const toPersianDigits = (s: string) => s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]);

/**
 * Opinions and complaints through the real API, a real Temporal dev server and real PostgreSQL
 * (docs/domain.md §4.2): filing about a case and about the service, the public look-up by code, assignment,
 * the answer, withdrawal, who sees what, bad input, the notification intents recorded, and the
 * complaint's lines on its case's timeline. The time-skipping spec covers the timers.
 */
describe('complaints: filed, tracked, assigned, answered — and on the case’s timeline', () => {
  let stack: RunningStack;
  let clerk: Caller;
  let otherClerk: Caller;
  let reviewer: Caller;
  let secretary: Caller;
  let operator: Caller;
  let member: Caller;
  let caseId: string;
  let caseTrackingCode: string;
  const api = () => request(stack.baseUrl);

  const file = (auth: string, body: object, key?: string) => {
    const call = api().post('/complaints').set('authorization', auth);
    return (key ? call.set('idempotency-key', key) : call).send(body);
  };
  const about = (id: string) => ({
    kind: 'COMPLAINT',
    caseId: id,
    subject: 'تأخير در بررسي مدارك', // Arabic ي and ك, as typed on an Arabic keyboard
    text: 'مدارک درخواست ما بیش از ۱۴ روز است که بررسی نشده است.',
  });
  const row = (id: string) =>
    eventually(async () => {
      const rows = await stack.dataSource.query<Record<string, unknown>[]>(
        'SELECT * FROM complaints WHERE id = $1',
        [id],
      );
      return rows[0];
    });
  const intents = (complaintId: string) =>
    stack.dataSource.query<{ id: string; event: string; recipient: object; data: object }[]>(
      `SELECT id, event, recipient, data FROM notification_intents
       WHERE id LIKE $1 ORDER BY recorded_at, id`,
      [`complaint-${complaintId}/%`],
    );

  beforeAll(async () => {
    stack = await startStack();
    const own = await createAgency(stack.dataSource, 'complaints agency');
    const other = await createAgency(stack.dataSource, 'complaints other agency');
    clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], own);
    otherClerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], other);
    reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    secretary = await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY']);
    operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    member = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    const registered = await api()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      })
      .expect(201);
    caseId = registered.body.id;
    caseTrackingCode = registered.body.trackingCode;
  });
  afterAll(async () => {
    await stack?.close();
  });

  let complaintId: string;
  let trackingCode: string;

  it('files a complaint about the clerk’s own case: a tracking code, a target in working days, the filer told', async () => {
    const res = await file(clerk.auth, about(caseId)).expect(201);
    expect(res.body).toMatchObject({
      kind: 'COMPLAINT',
      status: 'OPEN',
      caseId,
      filedAtJalali: expect.stringMatching(JALALI),
      dueAtJalali: expect.stringMatching(JALALI),
    });
    expect(res.body.trackingCode).toMatch(/^[1-9]\d{11}$/);
    expect(dammCheckDigit(res.body.trackingCode)).toBe(0);
    // Five working days: at least five calendar days, at most nine with weekends (more with holidays).
    const span = Date.parse(res.body.dueAt) - Date.parse(res.body.filedAt);
    expect(span).toBeGreaterThanOrEqual(5 * 86400000);
    complaintId = res.body.id;
    trackingCode = res.body.trackingCode;

    const stored = await row(complaintId);
    expect(stored).toMatchObject({
      tracking_code: trackingCode,
      case_id: caseId,
      filed_by: clerk.id,
      status: 'OPEN',
      policy_version: 'complaints-1',
      // Persian normalised: Arabic ي/ك became ی/ک; digits ASCII.
      subject: 'تأخیر در بررسی مدارک',
      text: 'مدارک درخواست ما بیش از 14 روز است که بررسی نشده است.',
    });
    expect((stored.due_at as Date).toISOString()).toBe(res.body.dueAt);
    await eventually(async () => ((await intents(complaintId)).length === 1 ? true : undefined));
    expect(await intents(complaintId)).toEqual([
      {
        id: `complaint-${complaintId}/1/COMPLAINT_FILED`,
        event: 'COMPLAINT_FILED',
        recipient: { userId: clerk.id },
        data: expect.objectContaining({ trackingCode, caseId, kind: 'COMPLAINT' }),
      },
    ]);
  });

  it('files an opinion about the service, from any signed-in role', async () => {
    const res = await file(member.auth, {
      kind: 'OPINION',
      subject: 'پیشنهاد',
      text: 'بهتر است زمان جلسات کمیسیون زودتر اعلام شود.',
    }).expect(201);
    expect(res.body.caseId).toBeUndefined();
    const stored = await row(res.body.id);
    expect(stored).toMatchObject({ kind: 'OPINION', case_id: null, filed_by: member.id });
  });

  it('hides another agency’s case, and a case the filer cannot read, as elsewhere', async () => {
    for (const caller of [otherClerk, member]) {
      const res = await file(caller.auth, about(caseId)).expect(404);
      expect(res.body.code).toBe('CASE.NOT_FOUND');
    }
    const unknown = await file(clerk.auth, about('00000000-0000-4000-8000-000000000000'));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CASE.NOT_FOUND']);
  });

  it('refuses bad input field by field, storing nothing', async () => {
    const count = async () =>
      (
        await stack.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM complaints')
      )[0].n;
    const before = await count();
    const res = await file(clerk.auth, {
      kind: 'GRIEVANCE',
      caseId: 'not-a-case',
      subject: 'x',
      text: 'ب'.repeat(5000),
      sneaky: "x'; DROP TABLE complaints; --",
    }).expect(400);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'caseId',
      'kind',
      'sneaky',
      'subject',
      'text',
    ]);
    expect(res.body.message.fa).toMatch(/[\u0600-\u06FF]/);
    expect(await count()).toBe(before);
  });

  it('honours an Idempotency-Key: a retry answers the same complaint, another body is a 422', async () => {
    const key = `complaint-${Date.now()}`;
    const body = { ...about(caseId), subject: 'تکرار شونده' };
    const first = await file(clerk.auth, body, key).expect(201);
    const again = await file(clerk.auth, body, key).expect(201);
    expect(again.body).toEqual(first.body);
    const other = await file(clerk.auth, { ...body, subject: 'موضوع دیگر' }, key).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    await row(first.body.id);
    const rows = await stack.dataSource.query<unknown[]>(
      'SELECT 1 FROM complaints WHERE filed_by = $1 AND subject = $2',
      [clerk.id, 'تکرار شونده'],
    );
    expect(rows).toHaveLength(1);
  });

  it('tracks a complaint publicly by its code: Persian digits, a mistyped code told apart from an unknown one', async () => {
    const res = await api()
      .get(`/complaints/track/${encodeURIComponent(toPersianDigits(trackingCode))}`)
      .expect(200);
    expect(res.body).toMatchObject({
      trackingCode,
      kind: 'COMPLAINT',
      status: 'OPEN',
      filedAtJalali: expect.stringMatching(JALALI),
      dueAtJalali: expect.stringMatching(JALALI),
      nextStep: { fa: expect.any(String), en: expect.any(String) },
    });
    // Nothing confidential: no subject, text, case, people.
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'trackingCode',
        'kind',
        'status',
        'filedAt',
        'filedAtJalali',
        'statusSince',
        'statusSinceJalali',
        'dueAt',
        'dueAtJalali',
        'nextStep',
      ].sort(),
    );
    const last = Number(trackingCode[11]);
    const mistyped = trackingCode.slice(0, 11) + String((last + 1) % 10);
    const wrong = await api().get(`/complaints/track/${mistyped}`).expect(400);
    expect(wrong.body).toMatchObject({
      code: 'TRACKING.INVALID_CODE',
      details: [expect.objectContaining({ field: 'code', code: 'checkDigit' })],
    });
    let unknown = '';
    do {
      const body = String(Math.floor(1e10 + Math.random() * 9e10));
      unknown = body + String(dammCheckDigit(body));
    } while (unknown === trackingCode);
    expect((await api().get(`/complaints/track/${unknown}`).expect(404)).body.code).toBe(
      'COMPLAINT.NOT_FOUND',
    );
    // Case codes are the case look-up's, not this one's.
    expect((await api().get(`/complaints/track/${caseTrackingCode}`).expect(404)).body.code).toBe(
      'COMPLAINT.NOT_FOUND',
    );
  });

  it('counts complaint look-ups against the same per-address limit as case look-ups', async () => {
    const limited = await startStack(
      testConfig({
        RATE_LIMIT_TRACKING_PER_MINUTE: '3',
        RATE_LIMIT_TRACKING_PER_HOUR: '100',
        TRUST_PROXY: 'loopback',
      }),
    );
    try {
      // Counters are shared through the database: this client's own address keeps them its own.
      const client = testClientAddress();
      const at = () => ({
        get: (path: string) => request(limited.baseUrl).get(path).set('x-forwarded-for', client),
      });
      await at().get(`/track/${caseTrackingCode}`).expect(200);
      await at().get(`/track/${caseTrackingCode}`).expect(200);
      await at().get(`/complaints/track/${trackingCode}`).expect(200);
      const fourth = await at().get(`/complaints/track/${trackingCode}`).expect(429);
      expect(fourth.body.code).toBe('RATE.LIMITED');
      expect(fourth.headers['retry-after']).toBeDefined();
      expect((await at().get(`/track/${caseTrackingCode}`)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('shows a complaint to its filer and operators, hides it from everyone else', async () => {
    const mine = await api()
      .get(`/complaints/${complaintId}`)
      .set('authorization', clerk.auth)
      .expect(200);
    expect(mine.body).toMatchObject({
      id: complaintId,
      trackingCode,
      status: 'OPEN',
      filedBy: clerk.id,
      ownerId: null,
      answer: null,
      events: [expect.objectContaining({ seq: 1, action: 'FILED', by: clerk.id })],
    });
    await api().get(`/complaints/${complaintId}`).set('authorization', operator.auth).expect(200);
    for (const caller of [otherClerk, reviewer, member]) {
      const res = await api()
        .get(`/complaints/${complaintId}`)
        .set('authorization', caller.auth)
        .expect(404);
      expect(res.body.code).toBe('COMPLAINT.NOT_FOUND');
    }
    const listed = await api().get('/complaints').set('authorization', clerk.auth).expect(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect(listed.body.items.every((c: { filedBy: string }) => c.filedBy === clerk.id)).toBe(true);
    const none = await api().get('/complaints').set('authorization', reviewer.auth).expect(200);
    expect(none.body.total).toBe(0);
    const all = await api()
      .get('/complaints?kind=OPINION&limit=100')
      .set('authorization', operator.auth)
      .expect(200);
    expect(all.body.items.some((c: { filedBy: string }) => c.filedBy === member.id)).toBe(true);
  });

  it('assigns the complaint to directorate staff: an operator only, a staff user only', async () => {
    const byReviewer = await api()
      .post(`/complaints/${complaintId}/assign`)
      .set('authorization', reviewer.auth)
      .send({ ownerId: reviewer.id });
    expect([byReviewer.status, byReviewer.body.code]).toEqual([403, 'ACCESS.FORBIDDEN']);
    const toMember = await api()
      .post(`/complaints/${complaintId}/assign`)
      .set('authorization', operator.auth)
      .send({ ownerId: member.id })
      .expect(400);
    expect(toMember.body.details).toEqual([expect.objectContaining({ field: 'ownerId' })]);
    const nobody = await api()
      .post(`/complaints/${complaintId}/assign`)
      .set('authorization', operator.auth)
      .send({ ownerId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(nobody.body.details[0].field).toBe('ownerId');

    const assigned = await api()
      .post(`/complaints/${complaintId}/assign`)
      .set('authorization', operator.auth)
      .send({ ownerId: reviewer.id, note: 'لطفاً بررسی شود' })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'ASSIGNED', ownerId: reviewer.id });
    // The owner now sees it, in its list too.
    await eventually(async () => {
      const res = await api().get('/complaints').set('authorization', reviewer.auth);
      return res.body.total === 1 ? true : undefined;
    });
    await api().get(`/complaints/${complaintId}`).set('authorization', reviewer.auth).expect(200);
    const again = await api()
      .post(`/complaints/${complaintId}/assign`)
      .set('authorization', operator.auth)
      .send({ ownerId: reviewer.id })
      .expect(409);
    expect(again.body.code).toBe('COMPLAINT.INVALID_INPUT');
  });

  it('records the answer from the owner only; the filer is told and reads it', async () => {
    const bySecretary = await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', secretary.auth)
      .send({ answer: 'پاسخ' })
      .expect(404);
    expect(bySecretary.body.code).toBe('COMPLAINT.NOT_FOUND');
    await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', clerk.auth)
      .send({ answer: 'پاسخ' })
      .expect(403);
    const empty = await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', reviewer.auth)
      .send({ answer: '  ' })
      .expect(400);
    expect(empty.body.details[0].field).toBe('answer');

    const answered = await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', reviewer.auth)
      .set('idempotency-key', 'answer-1')
      .send({ answer: 'مدارك شما بررسي شد و نتيجه اعلام گرديد.' })
      .expect(200);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: {
        text: 'مدارک شما بررسی شد و نتیجه اعلام گردید.',
        by: reviewer.id,
        atJalali: expect.stringMatching(JALALI),
      },
    });
    // A retry with the same key answers the same; the answer is not recorded twice.
    const retried = await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', reviewer.auth)
      .set('idempotency-key', 'answer-1')
      .send({ answer: 'مدارك شما بررسي شد و نتيجه اعلام گرديد.' })
      .expect(200);
    expect(retried.body.answer).toEqual(answered.body.answer);
    // Answered: the workflow has ended, nothing more to do.
    const twice = await api()
      .post(`/complaints/${complaintId}/answer`)
      .set('authorization', operator.auth)
      .send({ answer: 'پاسخ دوم' })
      .expect(409);
    expect(twice.body.code).toBe('COMPLAINT.WRONG_STATUS');

    const read = await eventually(async () => {
      const res = await api()
        .get(`/complaints/${complaintId}`)
        .set('authorization', clerk.auth)
        .expect(200);
      return res.body.status === 'ANSWERED' ? res.body : undefined;
    });
    expect(read.answer.text).toBe('مدارک شما بررسی شد و نتیجه اعلام گردید.');
    expect(read.events.map((e: { action: string }) => e.action)).toEqual([
      'FILED',
      'ASSIGNED',
      'ANSWERED',
    ]);
    expect((await api().get(`/complaints/track/${trackingCode}`).expect(200)).body.status).toBe(
      'ANSWERED',
    );
    await eventually(async () => ((await intents(complaintId)).length === 3 ? true : undefined));
    expect(
      (await intents(complaintId)).map((i) => [i.id.split('/').slice(1).join('/'), i.recipient]),
    ).toEqual([
      ['1/COMPLAINT_FILED', { userId: clerk.id }],
      ['2/COMPLAINT_ASSIGNED', { userId: reviewer.id }],
      ['3/COMPLAINT_ANSWERED', { userId: clerk.id }],
    ]);
    const audited = await stack.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE resource_type = 'complaint' AND resource_id = $1
       ORDER BY seq`,
      [complaintId],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['complaint.file', 'complaint.assign', 'complaint.answer']),
    );
  });

  it('puts the complaint on its case’s timeline, in time order, for whoever sees the case', async () => {
    const res = await api()
      .get(`/cases/${caseId}/timeline`)
      .set('authorization', clerk.auth)
      .expect(200);
    const lines = res.body as { seq: number; at: string; action: string; complaint?: object }[];
    const ofComplaint = lines.filter(
      (l) => (l.complaint as { id?: string } | undefined)?.id === complaintId,
    );
    expect(ofComplaint.map((l) => [l.seq, l.action])).toEqual([
      [0, 'COMPLAINT_FILED'],
      [0, 'COMPLAINT_ASSIGNED'],
      [0, 'COMPLAINT_ANSWERED'],
    ]);
    expect(ofComplaint[0].complaint).toEqual({ id: complaintId, kind: 'COMPLAINT', seq: 1 });
    // Who complained is not shown to every reader of the case.
    expect((ofComplaint[0] as { by?: string }).by).toBe('complainant');
    expect(JSON.stringify(ofComplaint)).not.toContain(clerk.id);
    expect(lines.some((l) => l.action === 'SUBMITTED_FOR_REVIEW')).toBe(true);
    const times = lines.map((l) => Date.parse(l.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await api().get(`/cases/${caseId}/timeline`).set('authorization', otherClerk.auth).expect(404);
  });

  it('lets only the filer withdraw an open complaint; the public look-up shows it', async () => {
    const filed = await file(member.auth, {
      kind: 'OPINION',
      subject: 'نظر',
      text: 'فرم ثبت درخواست می‌تواند ساده‌تر باشد.',
    }).expect(201);
    const id = filed.body.id as string;
    await row(id);
    const byOperator = await api()
      .post(`/complaints/${id}/withdraw`)
      .set('authorization', operator.auth)
      .send({})
      .expect(409);
    expect(byOperator.body.code).toBe('COMPLAINT.NOT_FILER');
    await api()
      .post(`/complaints/${id}/withdraw`)
      .set('authorization', clerk.auth)
      .send({})
      .expect(404);
    const withdrawn = await api()
      .post(`/complaints/${id}/withdraw`)
      .set('authorization', member.auth)
      .send({ reason: 'دیگر لازم نیست' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { reason: 'دیگر لازم نیست' },
    });
    await eventually(async () => {
      const res = await api().get(`/complaints/track/${filed.body.trackingCode}`);
      return res.body.status === 'WITHDRAWN' ? true : undefined;
    });
  });

  it('gives every role exactly the access the matrix declares on the complaint endpoints', async () => {
    const built = await matrixFixtures(stack, 'complaints matrix');
    const fixtures: Fixtures = built.fixtures;
    const wrong: string[] = [];
    const rows = Object.entries(ACCESS_MATRIX).filter(([e]) => e.includes(' /complaints'));
    expect(rows).toHaveLength(7);
    for (const [endpoint, entry] of rows) {
      const method = endpoint.split(' ')[0].toLowerCase() as 'get' | 'post';
      const { path, body } = entry.request(fixtures);
      for (const who of WHO) {
        let call = api()[method](path);
        const bearer = built.auth.get(who);
        if (bearer) call = call.set('authorization', bearer);
        const res = await (body === undefined ? call : call.send(body as object));
        const verdict = entry.verdicts[who];
        const ok =
          verdict === 'allow'
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : who === 'anonymous'
              ? res.status === 401
              : res.status === 403;
        if (!ok) wrong.push(`${endpoint} as ${who}: expected ${verdict}, got ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // The walk changed nothing: the fixture complaint is still open.
    expect((await row(fixtures.complaintId)).status).toBe('OPEN');
  });
});
