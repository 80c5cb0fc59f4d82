import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import request from 'supertest';
import {
  createNotificationDeliveryActivities,
  type PlannedDelivery,
} from '../../activities/notification-delivery.activities';
import type { OutgoingMessage } from '../../src/notifications/channels/channel';
import { eventually, type RunningStack, startStack, testConfig } from './harness/app-harness';
import { FakeSmsGateway, LoopbackSmtp } from './harness/fake-channels';
import { createAgency, signedIn, type TestUser } from './harness/identity';
import { recordForReplay } from './harness/replay-corpus';
import { notificationWorkflowId } from '../../workflows/notification/notification.messages';

type Caller = TestUser & { auth: string };

interface DeliveryRow {
  id: string;
  channel: 'IN_APP' | 'EMAIL' | 'SMS';
  status: 'QUEUED' | 'SENT' | 'FAILED';
  attempts: number;
  last_error: string | null;
}

const API_KEY = 'test-gateway-key';

/**
 * Notification delivery end to end: the real API and worker (with the outbox dispatcher), a
 * real SMTP server on loopback and a local HTTP server shaped like Kavenegar's gateway. Faults:
 * an SMTP server that refuses for a while, a gateway that fails and one that loses its answer
 * after taking the message, a permanent refusal — each notification still arrives exactly once
 * per channel, or is recorded as failed with its reason.
 */
describe('notifications: inbox, e-mail over SMTP and SMS, exactly once', () => {
  let stack: RunningStack;
  let smtp: LoopbackSmtp;
  let gateway: FakeSmsGateway;
  const api = () => request(stack.baseUrl);

  beforeAll(async () => {
    smtp = await new LoopbackSmtp().start();
    gateway = await new FakeSmsGateway().start(API_KEY);
    stack = await startStack(
      testConfig({
        SMTP_URL: smtp.url(),
        SMTP_FROM: 'سامانه مجوز خودرو <no-reply@permits.test>',
        SMS_PROVIDER: 'kavenegar',
        SMS_GATEWAY_URL: gateway.url(),
        SMS_API_KEY: API_KEY,
        SMS_SENDER: '10004346',
        // Retries within the test's patience: 200 ms, doubling, at most 40 attempts.
        NOTIFICATION_RETRY_INITIAL_MS: '200',
        NOTIFICATION_MAX_ATTEMPTS: '40',
      }),
    );
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
    await gateway?.stop();
  });

  /** A user with an e-mail address and a mobile number on file. */
  const reachable = async (roles: Parameters<typeof signedIn>[2], agencyId?: string) => {
    const user: Caller = await signedIn(stack.baseUrl, stack.dataSource, roles, agencyId);
    const email = `${user.username}@agency.test`;
    const mobile = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await stack.dataSource.query(`UPDATE users SET email = $2, mobile = $3 WHERE id = $1`, [
      user.id,
      email,
      mobile,
    ]);
    return { ...user, email, mobile };
  };

  /** Records an intent as the workflows and the API do; the dispatcher takes it from there. */
  const intend = async (event: string, userId: string, data: Record<string, unknown> = {}) => {
    const id = `test/${randomUUID()}/${event}`;
    await stack.dataSource.query(
      `INSERT INTO notification_intents (id, event, recipient, data, due_at) VALUES ($1, $2, $3, $4, now())`,
      [id, event, JSON.stringify({ userId }), JSON.stringify(data)],
    );
    return id;
  };

  const deliveries = (intentId: string) =>
    stack.dataSource.query<DeliveryRow[]>(
      `SELECT id, channel, status, attempts, last_error FROM notification_deliveries
        WHERE intent_id = $1 ORDER BY channel`,
      [intentId],
    );

  /** Waits until no delivery of the intent is queued any more; answers them by channel. */
  const settled = async (intentId: string, channels: number) =>
    eventually(async () => {
      const rows = await deliveries(intentId);
      return rows.length === channels && rows.every((r) => r.status !== 'QUEUED')
        ? Object.fromEntries(rows.map((r) => [r.channel, r]))
        : undefined;
    }, 60_000);

  it('tells a clerk of their case’s registration in the inbox, by e-mail and by SMS, once each', async () => {
    const agencyId = await createAgency(stack.dataSource, 'notified agency');
    const clerk = await reachable(['CLERK'], agencyId);
    const registered = await api()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      })
      .expect(201);
    const { trackingCode } = registered.body as { trackingCode: string };
    const intentId = `${registered.body.id}/registered`;
    const byChannel = await settled(intentId, 3);
    expect([byChannel.IN_APP.status, byChannel.EMAIL.status, byChannel.SMS.status]).toEqual([
      'SENT',
      'SENT',
      'SENT',
    ]);

    const mails = smtp.to(clerk.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(`<${byChannel.EMAIL.id}@vehicle-permit.invalid>`);
    expect(mails[0].text).toContain(trackingCode);
    expect(mails[0].text).toContain('The request was registered');
    const texts = gateway.to(clerk.mobile);
    expect(texts).toHaveLength(1);
    expect(texts[0].message).toContain('درخواست شما ثبت شد');
    expect(texts[0].message).toContain(trackingCode);

    // The inbox: listed with how it went out, unread until read.
    const inbox = await api().get('/notifications').set('authorization', clerk.auth).expect(200);
    expect(inbox.body).toMatchObject({ total: 1, unread: 1 });
    const [item] = inbox.body.items;
    expect(item).toMatchObject({
      event: 'CASE_REGISTERED',
      caseId: registered.body.id,
      title: { fa: 'درخواست شما ثبت شد', en: 'Your request was registered' },
      readAt: null,
    });
    expect(item.body.fa).toContain(trackingCode);
    expect(item.createdAtJalali).toMatch(/^1[34]\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect(item.deliveries.map((d: { channel: string; status: string }) => d)).toEqual([
      expect.objectContaining({ channel: 'EMAIL', status: 'SENT', attempts: 1 }),
      expect.objectContaining({ channel: 'IN_APP', status: 'SENT' }),
      expect.objectContaining({ channel: 'SMS', status: 'SENT', attempts: 1 }),
    ]);
    // The case's timeline says what its notifications did, channel by channel.
    const timeline = await api()
      .get(`/cases/${registered.body.id}/timeline`)
      .set('authorization', clerk.auth)
      .expect(200);
    const lines = (
      timeline.body as { action: string; notification?: { event: string; channel: string } }[]
    ).filter((line) => line.notification);
    expect(
      lines.map((l) => [l.action, l.notification!.event, l.notification!.channel]).sort(),
    ).toEqual([
      ['NOTIFICATION_SENT', 'CASE_REGISTERED', 'EMAIL'],
      ['NOTIFICATION_SENT', 'CASE_REGISTERED', 'IN_APP'],
      ['NOTIFICATION_SENT', 'CASE_REGISTERED', 'SMS'],
    ]);
    expect(JSON.stringify(lines)).not.toContain(clerk.email);
    const count = () => api().get('/notifications/unread-count').set('authorization', clerk.auth);
    expect((await count().expect(200)).body).toEqual({ unread: 1 });
    const someoneElse = await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER']);
    const notMine = await api()
      .post(`/notifications/${item.id}/read`)
      .set('authorization', someoneElse.auth)
      .expect(404);
    expect(notMine.body.code).toBe('NOTIFICATION.NOT_FOUND');
    const read = await api()
      .post(`/notifications/${item.id}/read`)
      .set('authorization', clerk.auth)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await count().expect(200)).body).toEqual({ unread: 0 });
    const unreadOnly = await api()
      .get('/notifications?unread=true')
      .set('authorization', clerk.auth)
      .expect(200);
    expect(unreadOnly.body).toMatchObject({ total: 0, items: [] });
    const all = await api()
      .post('/notifications/read-all')
      .set('authorization', clerk.auth)
      .expect(200);
    expect(all.body).toEqual({ marked: 0 });
  });

  it('sends exactly one e-mail when the SMTP server refuses for a while and then accepts', async () => {
    const user = await reachable(['REVIEWER']);
    smtp.behaviour = { kind: 'refuse' };
    let intentId: string;
    try {
      intentId = await intend('DEADLINE_ESCALATION', user.id, {
        target: 'documentReview',
        dueAt: new Date().toISOString(),
        trackingCode: '123456789018',
      });
      // Refused at least three times (the outage lasts), each refusal recorded on the delivery.
      const refused = await eventually(async () => {
        const rows = await deliveries(intentId);
        const email = rows.find((r) => r.channel === 'EMAIL');
        return email && email.attempts >= 3 ? email : undefined;
      }, 60_000);
      expect(refused).toMatchObject({ status: 'QUEUED' });
      expect(refused.last_error).toContain('451');
      expect(smtp.to(user.email)).toEqual([]);
    } finally {
      smtp.behaviour = { kind: 'accept' };
    }
    const byChannel = await settled(intentId, 3);
    expect(byChannel.EMAIL).toMatchObject({ status: 'SENT', last_error: null });
    // At least two refusals, then the attempt that went through (one may have been under way
    // when the server came back).
    expect(byChannel.EMAIL.attempts).toBeGreaterThanOrEqual(3);
    await recordForReplay(
      stack.client,
      'notification-smtp-outage',
      notificationWorkflowId(intentId!),
    );
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(gateway.to(user.mobile)).toHaveLength(1);
  });

  it('sends exactly one SMS when the gateway fails, and when it takes a message but loses its answer', async () => {
    const user = await reachable(['SECRETARY']);
    gateway.failNext = 2;
    const first = await intend('MINUTES_TO_SIGN', user.id, { sessionAt: new Date().toISOString() });
    const one = await settled(first, 3);
    expect(one.SMS).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(gateway.to(user.mobile)).toHaveLength(1);

    // The gateway takes the message and the answer is lost: the retry asks by local id first.
    gateway.loseAnswerNext = 1;
    const statusCallsBefore = gateway.statusCalls;
    const second = await intend('SESSION_INVITATION', user.id, {
      sessionAt: new Date().toISOString(),
    });
    const two = await settled(second, 3);
    expect(two.SMS).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(gateway.statusCalls).toBeGreaterThan(statusCallsBefore);
    expect(gateway.to(user.mobile)).toHaveLength(2); // one per notification, none twice
    expect(new Set(gateway.to(user.mobile).map((s) => s.localid)).size).toBe(2);
  });

  it('records a permanent refusal as failed, with its reason, without retrying it', async () => {
    const user = await reachable(['OPERATOR']);
    smtp.rejected.add(user.email);
    const intentId = await intend('CASE_FINALIZATION_REFUSED', user.id, {
      sessionAt: new Date().toISOString(),
    });
    const byChannel = await settled(intentId, 3);
    expect(byChannel.EMAIL).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(byChannel.EMAIL.last_error).toContain('550');
    await recordForReplay(
      stack.client,
      'notification-permanent-refusal',
      notificationWorkflowId(intentId),
    );
    expect(byChannel.SMS.status).toBe('SENT');
    const inbox = await api().get('/notifications').set('authorization', user.auth).expect(200);
    expect(inbox.body.items[0].deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'EMAIL',
          status: 'FAILED',
          lastError: expect.stringContaining('550'),
        }),
      ]),
    );
  });

  it('lets only one attempt send while another may still be sending (the lease)', async () => {
    const user = await reachable(['REVIEWER']);
    // Recorded as already dispatched: this test drives the activities itself.
    const intentId = `test/${randomUUID()}/CASE_DEFERRED`;
    await stack.dataSource.query(
      `INSERT INTO notification_intents (id, event, recipient, data, due_at, dispatched_at)
       VALUES ($1, 'CASE_DEFERRED', $2, '{}', now(), now())`,
      [intentId, JSON.stringify({ userId: user.id })],
    );
    const sent: OutgoingMessage[] = [];
    let release!: () => void;
    const slow = {
      send: async (message: OutgoingMessage) => {
        sent.push(message);
        await new Promise<void>((resolve) => (release = resolve)); // a slow SMTP server
        return { providerRef: 'slow' };
      },
    };
    const activities = createNotificationDeliveryActivities({
      dataSource: stack.dataSource,
      channels: { email: slow, sms: slow },
      sendLeaseSeconds: 60,
    });
    const planned: PlannedDelivery[] = await new MockActivityEnvironment().run(
      activities.planNotification,
      intentId,
    );
    expect(planned.map((p) => p.channel)).toEqual(['EMAIL']); // not urgent: no SMS
    const { deliveryId } = planned[0];
    // The first attempt is inside the send; Temporal (having timed it out) starts a second.
    const first = new MockActivityEnvironment({ attempt: 1 }).run(
      activities.deliverNotification,
      deliveryId,
    );
    await eventually(() => (sent.length === 1 ? true : undefined));
    const second = new MockActivityEnvironment({ attempt: 2 }).run(
      activities.deliverNotification,
      deliveryId,
    );
    await expect(second).rejects.toMatchObject({ type: 'NOTIFICATION.DELIVERY_LEASED' });
    release();
    await expect(first).resolves.toBe('SENT');
    // A later attempt finds it sent and sends nothing.
    await expect(
      new MockActivityEnvironment({ attempt: 3 }).run(activities.deliverNotification, deliveryId),
    ).resolves.toBe('SENT');
    expect(sent).toHaveLength(1);
    const [row] = await deliveries(intentId);
    expect(row).toMatchObject({ channel: 'EMAIL', status: 'SENT', attempts: 1 });
  });

  it('follows each user’s channel preferences, and SMS only for urgent events', async () => {
    const user = await reachable(['MEMBER']);
    const prefs = await api()
      .get('/notifications/preferences')
      .set('authorization', user.auth)
      .expect(200);
    expect(prefs.body).toEqual({
      inApp: true,
      email: true,
      sms: true,
      emailOnFile: true,
      mobileOnFile: true,
    });
    const changed = await api()
      .put('/notifications/preferences')
      .set('authorization', user.auth)
      .send({ email: false })
      .expect(200);
    expect(changed.body).toMatchObject({ email: false, sms: true });
    const bad = await api()
      .put('/notifications/preferences')
      .set('authorization', user.auth)
      .send({ sms: 'no' })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'sms' })]);

    const urgent = await intend('SESSION_CANCELLED', user.id, {
      sessionAt: new Date().toISOString(),
    });
    const urgentDeliveries = await settled(urgent, 2);
    expect(Object.keys(urgentDeliveries).sort()).toEqual(['IN_APP', 'SMS']);
    // A reminder is not urgent: inbox only (e-mail is off for this user).
    const reminder = await intend('DEADLINE_REMINDER', user.id, {
      target: 'minutesApproval',
      dueAt: new Date().toISOString(),
    });
    const reminderDeliveries = await settled(reminder, 1);
    expect(Object.keys(reminderDeliveries)).toEqual(['IN_APP']);
    expect(smtp.to(user.email)).toEqual([]);
  });

  it('tells everyone of a maintenance window, and the supervisor role reaches the operators', async () => {
    const operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
    const clerk = await signedIn(
      stack.baseUrl,
      stack.dataSource,
      ['CLERK'],
      await createAgency(stack.dataSource, 'maintenance agency'),
    );
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString();
    const notice = await api()
      .post('/notices')
      .set('authorization', operator.auth)
      .send({ startsAt, endsAt, message: { fa: 'به‌روزرسانی سامانه', en: 'System upgrade' } })
      .expect(201);
    try {
      for (const who of [operator, clerk]) {
        const inbox = await eventually(async () => {
          const res = await api().get('/notifications').set('authorization', who.auth);
          return res.body.items?.length > 0 ? res.body : undefined;
        }, 30_000);
        expect(inbox.items[0]).toMatchObject({
          event: 'MAINTENANCE_NOTICE_PUBLISHED',
          title: { fa: 'اطلاعیه توقف برنامه‌ریزی‌شده سامانه', en: 'Planned maintenance' },
        });
      }
    } finally {
      await api()
        .post(`/notices/${notice.body.id}/cancel`)
        .set('authorization', operator.auth)
        .send({ reason: 'آزمون' })
        .expect(200);
    }

    const escalation = `test/${randomUUID()}/DEADLINE_ESCALATION`;
    await stack.dataSource.query(
      `INSERT INTO notification_intents (id, event, recipient, data, due_at) VALUES ($1, 'DEADLINE_ESCALATION', $2, '{}', now())`,
      [escalation, JSON.stringify({ role: 'SUPERVISOR' })],
    );
    const rows = await eventually(async () => {
      const found = await stack.dataSource.query<{ user_id: string }[]>(
        `SELECT user_id FROM notifications WHERE intent_id = $1`,
        [escalation],
      );
      return found.length > 0 ? found : undefined;
    });
    expect(rows.map((r) => r.user_id)).toContain(operator.id);
    const roles = await stack.dataSource.query<{ roles: string[] }[]>(
      `SELECT u.roles FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.intent_id = $1`,
      [escalation],
    );
    expect(roles.every((r) => r.roles.includes('OPERATOR'))).toBe(true);
  });
});
