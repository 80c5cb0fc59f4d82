import request from 'supertest';
import { eventually, RunningStack, startStack, testConfig } from './harness/app-harness';
import { createAgency, signedIn, signIn, type TestUser } from './harness/identity';

type Caller = TestUser & { auth: string };

const PERSIAN = /[\u0600-\u06FF]/;
const JALALI = /^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const MESSAGE = {
  fa: 'سامانه برای ارتقای پایگاه داده موقتاً فقط خواندنی است.',
  en: 'The service is read-only for a database upgrade.',
};

/**
 * Maintenance notices through the real API and PostgreSQL (docs/domain.md §4.3: maintenance is announced in
 * advance): publishing and cancelling (operators only, validated, a notification intent for
 * everyone in the same transaction), the public list, and what a window under way holds
 * (writes: 503 with Retry-After and the notice, nothing stored) and lets through (reads, the
 * tracking look-up, signing in, the notice endpoints). The stack runs with no minimum lead
 * time, so a window can start within the test. Other test files share the database: every
 * window opened here is closed before the file ends, whatever happens.
 */
describe('maintenance notices: announced windows hold writes, reads and tracking go on', () => {
  let stack: RunningStack;
  let operator: Caller;
  let clerk: Caller;
  let reviewer: Caller;
  let caseId: string;
  let trackingCode: string;
  const api = () => request(stack.baseUrl);

  const registerCase = () =>
    api()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      });

  const publish = (body: object, auth = operator.auth) =>
    api().post('/notices').set('authorization', auth).send(body);

  const cancel = (id: string, auth = operator.auth) =>
    api()
      .post(`/notices/${id}/cancel`)
      .set('authorization', auth)
      .send({ reason: 'کار نگهداری به پایان رسید' });

  const intent = async (id: string) =>
    (
      await stack.dataSource.query<Record<string, unknown>[]>(
        `SELECT id, case_id, session_id, event, recipient, data FROM notification_intents WHERE id = $1`,
        [id],
      )
    )[0];

  const counts = async () =>
    (
      await stack.dataSource.query<{ cases: number; codes: number; keys: number }[]>(
        `SELECT (SELECT count(*)::int FROM cases) AS cases,
                (SELECT count(*)::int FROM tracking_codes) AS codes,
                (SELECT count(*)::int FROM action_keys) AS keys`,
      )
    )[0];

  beforeAll(async () => {
    stack = await startStack(testConfig({ MAINTENANCE_MIN_LEAD_MINUTES: '0' }));
    const agencyId = await createAgency(stack.dataSource, 'notices agency');
    operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    reviewer = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    const registered = await registerCase().expect(201);
    caseId = registered.body.id;
    trackingCode = registered.body.trackingCode;
    await eventually(async () => {
      const rows = await stack.dataSource.query(`SELECT 1 FROM cases WHERE id = $1`, [caseId]);
      return rows.length === 1 ? true : undefined;
    });
  });
  afterAll(async () => {
    // No window opened here may hold the writes of the files that run next.
    await stack?.dataSource.query(
      `UPDATE maintenance_notices
          SET cancelled_at = now(), cancelled_by = $1, cancel_reason = 'test clean-up'
        WHERE cancelled_at IS NULL`,
      [operator?.id ?? '00000000-0000-4000-8000-000000000000'],
    );
    await stack?.close();
  });

  it('publishes a window; everyone sees it, signed in or not; withdrawing it takes it off', async () => {
    const published = await publish({
      startsAt: inMinutes(24 * 60),
      endsAt: inMinutes(26 * 60),
      message: MESSAGE,
    }).expect(201);
    const notice = published.body;
    expect(notice).toEqual({
      id: expect.any(String),
      status: 'UPCOMING',
      startsAt: expect.any(String),
      startsAtJalali: expect.stringMatching(JALALI),
      endsAt: expect.any(String),
      endsAtJalali: expect.stringMatching(JALALI),
      message: MESSAGE,
    });

    const listed = await api().get('/notices').expect(200);
    expect(listed.body).toContainEqual(notice);
    // Signed in, the same list.
    const asClerk = await api().get('/notices').set('authorization', clerk.auth).expect(200);
    expect(asClerk.body).toContainEqual(notice);

    // Everyone is to be told, recorded with the notice.
    expect(await intent(`notice/${notice.id}/published`)).toEqual({
      id: `notice/${notice.id}/published`,
      case_id: null,
      session_id: null,
      event: 'MAINTENANCE_NOTICE_PUBLISHED',
      recipient: { everyone: true },
      data: { noticeId: notice.id, startsAt: notice.startsAt, endsAt: notice.endsAt },
    });
    const audited = await stack.dataSource.query(
      `SELECT actor_user_id FROM audit_log WHERE action = 'notice.publish' AND resource_id = $1`,
      [notice.id],
    );
    expect(audited).toEqual([{ actor_user_id: operator.id }]);

    // An upcoming window holds nothing yet.
    await api().get('/cases?limit=1').set('authorization', clerk.auth).expect(200);

    const withdrawn = await cancel(notice.id).expect(200);
    expect(withdrawn.body).toMatchObject({
      id: notice.id,
      status: 'CANCELLED',
      cancelReason: 'کار نگهداری به پایان رسید',
      cancelledAtJalali: expect.stringMatching(JALALI),
    });
    expect(await intent(`notice/${notice.id}/cancelled`)).toMatchObject({
      event: 'MAINTENANCE_NOTICE_CANCELLED',
      recipient: { everyone: true },
      data: { noticeId: notice.id, startsAt: notice.startsAt, endsAt: notice.endsAt },
    });
    const after = await api().get('/notices').expect(200);
    expect(after.body.map((n: { id: string }) => n.id)).not.toContain(notice.id);

    // Once cancelled, it stays cancelled; an unknown id is not found.
    const again = await cancel(notice.id).expect(409);
    expect(again.body.code).toBe('NOTICE.ALREADY_CANCELLED');
    const unknown = await cancel('0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1').expect(404);
    expect(unknown.body.code).toBe('NOTICE.NOT_FOUND');
  });

  it('refuses a window that ends before it starts, or is announced too late, naming the field', async () => {
    const notices = async () =>
      (
        await stack.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM maintenance_notices`,
        )
      )[0].n;
    const before = await notices();
    const backwards = await publish({
      startsAt: inMinutes(120),
      endsAt: inMinutes(60),
      message: MESSAGE,
    }).expect(400);
    expect(backwards.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(backwards.body.details).toEqual([
      {
        field: 'endsAt',
        code: 'endsAfterStart',
        message: { fa: expect.stringMatching(PERSIAN), en: 'endsAt must be after startsAt' },
      },
    ]);

    // This stack announces with no lead time; the rule reads the configuration per request.
    const lead = stack.config.maintenance.minLeadMinutes;
    stack.config.maintenance.minLeadMinutes = 60;
    try {
      const late = await publish({
        startsAt: inMinutes(30),
        endsAt: inMinutes(90),
        message: MESSAGE,
      }).expect(400);
      expect(late.body.details).toEqual([
        expect.objectContaining({ field: 'startsAt', code: 'minLeadTime' }),
      ]);
      expect(late.body.details[0].message.en).toContain('60 minutes');
    } finally {
      stack.config.maintenance.minLeadMinutes = lead;
    }

    const malformed = await publish({
      startsAt: 'tomorrow at ten',
      endsAt: inMinutes(90),
      message: { fa: 'اطلاعیه' },
    }).expect(400);
    expect(
      (malformed.body.details as { field: string; code: string }[]).map(
        (d) => `${d.field}:${d.code}`,
      ),
    ).toEqual(['startsAt:isIsoInstant', 'message.en:required']);

    expect(await notices()).toBe(before);
  });

  it('lets only operators publish and cancel', async () => {
    const body = { startsAt: inMinutes(120), endsAt: inMinutes(180), message: MESSAGE };
    const byClerk = await publish(body, clerk.auth).expect(403);
    expect(byClerk.body.code).toBe('ACCESS.FORBIDDEN');
    const anonymous = await api().post('/notices').send(body).expect(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    const byReviewer = await cancel('0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1', reviewer.auth).expect(
      403,
    );
    expect(byReviewer.body.code).toBe('ACCESS.FORBIDDEN');
  });

  it('during a window: writes answer 503 with Retry-After and the notice; reads, tracking and sign-in work; cancelling ends it', async () => {
    const published = await publish({
      startsAt: new Date(Date.now() + 1_000).toISOString(),
      endsAt: inMinutes(10),
      message: MESSAGE,
    }).expect(201);
    const notice = published.body as { id: string; startsAt: string; endsAt: string };
    await sleep(Math.max(0, Date.parse(notice.startsAt) - Date.now()) + 200);
    const before = await counts();

    // A write: refused before anything runs, told when to come back and why.
    const refused = await registerCase();
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.body).toMatchObject({
      status: 503,
      code: 'SERVICE.MAINTENANCE',
      message: { fa: expect.stringMatching(PERSIAN), en: expect.any(String) },
      retryAfterSeconds: retryAfter,
      notice: {
        id: notice.id,
        status: 'ACTIVE',
        endsAt: notice.endsAt,
        endsAtJalali: expect.stringMatching(JALALI),
        message: MESSAGE,
      },
    });
    // Another write, an action on a case, and one without signing in: held the same way.
    const accept = await api()
      .post(`/cases/${caseId}/accept`)
      .set('authorization', reviewer.auth)
      .send({});
    expect([accept.status, accept.body.code]).toEqual([503, 'SERVICE.MAINTENANCE']);
    const anonymous = await api().post('/cases').send({});
    expect([anonymous.status, anonymous.body.code]).toEqual([503, 'SERVICE.MAINTENANCE']);
    expect(await counts()).toEqual(before);

    // Reads go on: a list, a case, the public tracking look-up, health, the notices.
    const listed = await api().get('/cases?limit=50').set('authorization', clerk.auth).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    await api().get(`/cases/${caseId}`).set('authorization', clerk.auth).expect(200);
    const tracked = await api().get(`/track/${trackingCode}`).expect(200);
    expect(tracked.body.trackingCode).toBe(trackingCode);
    await request(stack.origin).get('/health/ready').expect(200);
    const notices = await api().get('/notices').expect(200);
    expect(notices.body).toContainEqual(
      expect.objectContaining({ id: notice.id, status: 'ACTIVE' }),
    );
    // Signing in still works, so people can read.
    const tokens = await signIn(stack.baseUrl, clerk.username);
    await api()
      .get('/cases?limit=1')
      .set('authorization', `Bearer ${tokens.accessToken}`)
      .expect(200);

    // The operator ends the window early: writes are accepted again at once.
    const ended = await cancel(notice.id).expect(200);
    expect(ended.body.status).toBe('CANCELLED');
    expect(await intent(`notice/${notice.id}/cancelled`)).toMatchObject({
      event: 'MAINTENANCE_NOTICE_CANCELLED',
      recipient: { everyone: true },
    });
    await registerCase().expect(201);
  });
});
