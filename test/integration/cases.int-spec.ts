import { AccessChangeChannel } from '../../src/auth/access-change-channel';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { caseWorkflowId, getCaseStateQuery } from '../../workflows/case/case.messages';
import { checkTrackingCode } from '../../src/common/tracking-code';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';

const validCase = {
  requestType: 'SCRAP',
  justification: 'خودروی فرسوده با هزینه تعمیر بیش از ارزش آن',
  vehicles: [
    { plate: '12ب345-15', vin: 'NAAM01E07HK123456', usageClass: 'SEDAN', modelYear: 1385 },
  ],
};

describe('cases: the first vertical slice through the real API, Temporal and PostgreSQL', () => {
  let stack: RunningStack;
  const count = async (table: string) =>
    Number((await stack.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  let agencyId: string;
  let clerk: string;
  let reviewer: string;
  beforeAll(async () => {
    stack = await startStack();
    agencyId = await createAgency(stack.dataSource);
    clerk = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId)).auth;
    reviewer = (await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER'])).auth;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('registers a case: answers with id and a valid tracking code, starts its workflow and records it', async () => {
    const res = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .send(validCase)
      .expect(201);
    expect(res.body).toMatchObject({ stage: 'REGISTERED' });
    expect(checkTrackingCode(res.body.trackingCode)).toBe('valid');
    expect(res.body.registeredAtJalali).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);

    const handle = stack.client.workflow.getHandle(caseWorkflowId(res.body.id));
    const live = await eventually(async () => {
      const state = await handle.query(getCaseStateQuery);
      return state.stage === 'UNDER_REVIEW' ? state : undefined;
    });
    expect(live).toMatchObject({ trackingCode: res.body.trackingCode, waitingOn: 'REVIEWER' });

    const detail = await eventually(async () => {
      const got = await request(stack.baseUrl)
        .get(`/cases/${res.body.id}`)
        .set('authorization', reviewer)
        .expect(200);
      return got.body.stage === 'UNDER_REVIEW' ? got.body : undefined;
    });
    expect(detail).toMatchObject({
      id: res.body.id,
      trackingCode: res.body.trackingCode,
      requestType: 'SCRAP',
      agencyId,
      vehicles: validCase.vehicles,
      live: { stage: 'UNDER_REVIEW', waitingOn: 'REVIEWER' },
    });
    // Both the write and the reads are audited, with who did them.
    const audited: { action: string; outcome: string; actor_roles: string[] }[] =
      await stack.dataSource.query(
        `SELECT action, outcome, actor_roles FROM audit_log WHERE resource_type = 'case' AND resource_id = $1 ORDER BY seq`,
        [res.body.id],
      );
    expect(audited[0]).toEqual({
      action: 'case.register',
      outcome: 'success',
      actor_roles: ['CLERK'],
    });
    expect(audited.slice(1).every((row) => row.action === 'case.read')).toBe(true);
    expect(audited.length).toBeGreaterThan(1);
    expect(audited[1].actor_roles).toEqual(['REVIEWER']);
    const events = await stack.dataSource.query(
      'SELECT kind FROM case_events WHERE case_id = $1 ORDER BY occurred_at',
      [res.body.id],
    );
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'REGISTERED',
      'SUBMITTED_FOR_REVIEW',
    ]);
  });

  it('keeps personal data out of the Temporal history in plain text (payloads are encrypted)', async () => {
    const res = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .send(validCase)
      .expect(201);
    const handle = stack.client.workflow.getHandle(caseWorkflowId(res.body.id));
    await eventually(async () =>
      (await handle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
    );
    // Fetched by a client without the codec: what the server (and its database) holds.
    const raw = new Client({ connection: stack.temporalConnection });
    const history = await raw.workflow.getHandle(caseWorkflowId(res.body.id)).fetchHistory();
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString(
      'utf8',
    );
    expect(bytes).toContain('binary/encrypted');
    for (const secret of [
      validCase.vehicles[0].plate,
      validCase.vehicles[0].vin,
      validCase.justification,
    ]) {
      expect(bytes).not.toContain(secret);
    }
    // The service's own client reads it fine.
    expect((await handle.query(getCaseStateQuery)).trackingCode).toBe(res.body.trackingCode);
  });

  it('keeps the operators’ search attributes current (visibility query on the dev server)', async () => {
    const res = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .send({ ...validCase, requestType: 'SALE' })
      .expect(201);
    const query = `TrackingCode = "${res.body.trackingCode}" AND CaseStage = "UNDER_REVIEW" AND RequestType = "SALE" AND AgencyId = "${agencyId}" AND SlaBreached = false`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of stack.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length === 1 ? ids : undefined;
    });
    expect(found).toEqual([caseWorkflowId(res.body.id)]);
  });

  it('refuses bad input field by field, in Persian and English, and stores nothing', async () => {
    const before = await count('tracking_codes');
    const res = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .send({ ...validCase, requestType: 'LEASE', vehicles: [{ vin: 'IOQ' }], extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(res.body.message.fa).toBeTruthy();
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['requestType', 'vehicles[0].vin', 'extra']));
    for (const detail of res.body.details) {
      expect(detail.message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(detail.message.en).toBeTruthy();
    }
    expect(await count('tracking_codes')).toBe(before);
  });

  it('answers malformed JSON, unknown ids, bad ids and unknown routes with the one error format', async () => {
    const malformed = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .set('content-type', 'application/json')
      .send('{"requestType": ')
      .expect(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');

    const huge = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerk)
      .send({ ...validCase, justification: 'x'.repeat(300 * 1024) })
      .expect(413);
    expect(huge.body.code).toBe('REQUEST.PAYLOAD_TOO_LARGE');

    const unknown = await request(stack.baseUrl)
      .get(`/cases/${randomUUID()}`)
      .set('authorization', reviewer)
      .expect(404);
    expect(unknown.body.code).toBe('CASE.NOT_FOUND');

    const badId = await request(stack.baseUrl)
      .get('/cases/not-a-uuid')
      .set('authorization', reviewer)
      .expect(400);
    expect(badId.body.details[0]).toMatchObject({ field: 'id' });

    const route = await request(stack.baseUrl).get('/nowhere').expect(404);
    expect(route.body.code).toBe('ROUTE.NOT_FOUND');
    expect(JSON.stringify(route.body)).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('reports not ready, naming the dependency, when PostgreSQL is gone', async () => {
    const { connectDatabase } = await import('../../src/bootstrap/dependencies');
    const { createApp } = await import('../../src/bootstrap/create-app');
    const doomed = await connectDatabase(stack.config, stack.config.database.url!);
    const app = await createApp(stack.config, {
      dataSource: doomed,
      temporalConnection: stack.temporalConnection,
    });
    app.useLogger(false);
    await app.init();
    try {
      await doomed.destroy();
      const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({
        code: 'SERVICE.NOT_READY',
        details: [{ field: 'database', code: 'down' }],
      });
    } finally {
      // Not app.close(): that would close the stack's Temporal connection it borrowed. But its
      // access-change channel has a connection of its own, whose reconnect timer would outlive
      // the test file (and crash jest after teardown, when the harness's PostgreSQL stops).
      await app.get(AccessChangeChannel).onApplicationShutdown();
      await app.getHttpServer().close();
    }
  });

  it('serves health and the OpenAPI document', async () => {
    await request(stack.origin).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(stack.origin).get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ database: 'up', temporal: 'up' });
    const doc = await request(stack.origin).get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/health/ready']),
    );
    // Probes keep their unversioned addresses: nothing of them under the API prefix.
    await request(stack.baseUrl).get('/health/live').expect(404);
  });
});
