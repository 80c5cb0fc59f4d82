import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Actor } from '../../workflows/common/actors';
import {
  acceptDocumentsUpdate,
  caseWorkflowId,
  getCaseStateQuery,
} from '../../workflows/case/case.messages';
import { getSessionStateQuery, sessionWorkflowId } from '../../workflows/session/session.messages';
import type { SessionView } from '../../workflows/session/session.types';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, createUser, signedIn, type TestUser } from './harness/identity';

type Signed = TestUser & { auth: string };

/**
 * The session endpoints through the real API, Temporal worker and PostgreSQL: a session is
 * planned, a case scheduled, decided, the minutes objected to, revised and approved, and the
 * case gets its permit; members see and act on only the sessions they sit on.
 */
describe('commission sessions over HTTP', () => {
  let stack: RunningStack;
  let clerk: Signed;
  let reviewer: Actor;
  let secretary: Signed;
  let chair: Signed;
  let treasury: Signed;
  let planning: Signed;
  let outsider: Signed;
  let operator: Signed;

  const http = () => request(stack.baseUrl);
  const later = (ms: number) => new Date(Date.now() + ms).toISOString();

  /** A case registered by the clerk and accepted by a reviewer: it awaits a session. */
  async function caseAwaitingSession(): Promise<string> {
    const registered = await http()
      .post('/cases')
      .set('authorization', clerk.auth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی سواری فرسوده با عمر بیش از پانزده سال',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      })
      .expect(201);
    const caseId: string = registered.body.id;
    const handle = stack.client.workflow.getHandle(caseWorkflowId(caseId));
    await eventually(async () =>
      (await handle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
    );
    const accepted = await handle.executeUpdate(acceptDocumentsUpdate, {
      args: [{ actor: reviewer }],
    });
    expect(accepted.stage).toBe('AWAITING_SESSION');
    return caseId;
  }

  const caseStage = async (caseId: string) =>
    (await stack.client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseStateQuery)).stage;

  beforeAll(async () => {
    stack = await startStack();
    const agencyId = await createAgency(stack.dataSource, 'agency-sessions');
    clerk = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    reviewer = {
      userId: (await createUser(stack.dataSource, ['REVIEWER'])).id,
      roles: ['REVIEWER'],
    };
    secretary = await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY']);
    chair = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    treasury = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    planning = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    outsider = await signedIn(stack.baseUrl, stack.dataSource, ['MEMBER']);
    operator = await signedIn(stack.baseUrl, stack.dataSource, ['OPERATOR']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const seats = () => [
    { userId: chair.id, role: 'CHAIR' },
    { userId: secretary.id, role: 'SECRETARY' },
    { userId: treasury.id, role: 'MEMBER' },
    { userId: planning.id, role: 'MEMBER' },
  ];

  describe('a session from planning to closed minutes, and its case to a permit', () => {
    let sessionId: string;
    let sessionAt: string;
    let caseId: string;

    it('plans a session with three members and the secretary', async () => {
      sessionAt = later(6000);
      const res = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({ sessionAt, place: 'اداره کل امور اقتصادی و دارایی، سالن جلسات', members: seats() })
        .expect(201);
      const view = res.body as SessionView;
      expect(view).toMatchObject({
        stage: 'PLANNED',
        sessionAt,
        place: 'اداره کل امور اقتصادی و دارایی، سالن جلسات',
        quorum: { kind: 'ALL_PRESENT' },
        agenda: [],
      });
      expect(view.members).toHaveLength(4);
      sessionId = view.sessionId;
      expect(
        await stack.client.workflow
          .getHandle(sessionWorkflowId(sessionId))
          .query(getSessionStateQuery),
      ).toMatchObject({ sessionId, stage: 'PLANNED' });
      // The creation is audited with the new session's id.
      const audit = await stack.dataSource.query(
        `SELECT outcome FROM audit_log WHERE action = 'session.create' AND resource_id = $1`,
        [sessionId],
      );
      expect(audit).toEqual([{ outcome: 'success' }]);
    });

    it('shows the session to its members, the secretary and operators, and to nobody else', async () => {
      // The workflow writes the read model on its own; wait for the row.
      await eventually(async () => {
        const rows = await stack.dataSource.query('SELECT 1 FROM sessions WHERE id = $1', [
          sessionId,
        ]);
        return rows.length === 1 ? true : undefined;
      });
      const shown = (
        await http().get(`/sessions/${sessionId}`).set('authorization', chair.auth).expect(200)
      ).body;
      expect(shown).toMatchObject({ id: sessionId, stage: 'PLANNED', live: { stage: 'PLANNED' } });
      expect(shown.sessionAtJalali).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
      await http().get(`/sessions/${sessionId}`).set('authorization', operator.auth).expect(200);
      await http().get(`/sessions/${sessionId}`).set('authorization', secretary.auth).expect(200);

      const hidden = await http()
        .get(`/sessions/${sessionId}`)
        .set('authorization', outsider.auth)
        .expect(404);
      expect(hidden.body.code).toBe('SESSION.NOT_FOUND');
      const unknown = await http()
        .get(`/sessions/${randomUUID()}`)
        .set('authorization', secretary.auth)
        .expect(404);
      expect(unknown.body.code).toBe('SESSION.NOT_FOUND');
      const clerkRead = await http()
        .get(`/sessions/${sessionId}`)
        .set('authorization', clerk.auth)
        .expect(403);
      expect(clerkRead.body.code).toBe('ACCESS.FORBIDDEN');

      const listed = async (who: Signed) =>
        (
          await http().get('/sessions?limit=100').set('authorization', who.auth).expect(200)
        ).body.items.map((item: { id: string }) => item.id);
      expect(await listed(chair)).toContain(sessionId);
      expect(await listed(operator)).toContain(sessionId);
      expect(await listed(outsider)).not.toContain(sessionId);
      const planned = await http()
        .get(`/sessions?stage=PLANNED&from=${encodeURIComponent(sessionAt)}&limit=100`)
        .set('authorization', treasury.auth)
        .expect(200);
      expect(planned.body.items.map((item: { id: string }) => item.id)).toEqual([sessionId]);
      expect(planned.body.total).toBe(1);
    });

    it('hides the session from a member who does not sit on it, and refuses a clerk', async () => {
      const approve = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', outsider.auth)
        .expect(404);
      expect(approve.body.code).toBe('SESSION.NOT_FOUND');
      const object = await http()
        .post(`/sessions/${sessionId}/minutes/objections`)
        .set('authorization', outsider.auth)
        .send({ comment: 'اعتراض از کسی که عضو نیست' })
        .expect(404);
      expect(object.body.code).toBe('SESSION.NOT_FOUND');
      const clerkApprove = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', clerk.auth)
        .expect(403);
      expect(clerkApprove.body.code).toBe('ACCESS.FORBIDDEN');
    });

    it('answers a refusal of the workflow with 409 and its code', async () => {
      const early = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', chair.auth)
        .expect(409);
      expect(early.body).toMatchObject({
        code: 'SESSION.WRONG_STAGE',
        message: { en: expect.stringContaining('session') },
      });
      const notSecretary = await http()
        .post(`/sessions/${sessionId}/cancel`)
        .set('authorization', (await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY'])).auth)
        .send({ reason: 'دبیر دیگری که دبیر این جلسه نیست' })
        .expect(409);
      expect(notSecretary.body.code).toBe('SESSION.NOT_SECRETARY');
      const tooEarly = await http()
        .post(`/sessions/${sessionId}/held`)
        .set('authorization', secretary.auth)
        .send({ presentMemberIds: [chair.id, secretary.id] })
        .expect(409);
      expect(tooEarly.body.code).toBe('SESSION.WRONG_STAGE');
    });

    it('puts an accepted case on the agenda once, however often the same Idempotency-Key is sent', async () => {
      caseId = await caseAwaitingSession();
      const key = `agenda-${randomUUID()}`;
      const add = () =>
        http()
          .post(`/sessions/${sessionId}/agenda`)
          .set('authorization', secretary.auth)
          .set('idempotency-key', key)
          .send({ caseId });
      const first = await add().expect(200);
      const again = await add().expect(200);
      expect(first.body.agenda.map((item: { caseId: string }) => item.caseId)).toEqual([caseId]);
      expect(again.body.agenda).toEqual(first.body.agenda);
      expect(await caseStage(caseId)).toBe('SCHEDULED');
      // The key sent with another action, or another body, is refused rather than answered with
      // the first action's result as if it had been done.
      for (const [path, body] of [
        [`/sessions/${sessionId}/agenda`, { caseId: randomUUID() }],
        [`/sessions/${sessionId}/cancel`, { reason: 'جلسه لغو شد' }],
      ] as const) {
        const reused = await http()
          .post(path)
          .set('authorization', secretary.auth)
          .set('idempotency-key', key)
          .send(body)
          .expect(422);
        expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      }
      // Without the key, the same request is a new action, and the workflow refuses it.
      const duplicate = await http()
        .post(`/sessions/${sessionId}/agenda`)
        .set('authorization', secretary.auth)
        .send({ caseId })
        .expect(409);
      expect(duplicate.body.code).toBe('SESSION.CASE_ALREADY_ON_AGENDA');
      const state = await stack.client.workflow
        .getHandle(sessionWorkflowId(sessionId))
        .query(getSessionStateQuery);
      expect(state.agenda).toHaveLength(1);
    });

    it('records attendance, the decision and the minutes; a member objects, the secretary revises, all approve', async () => {
      // The session meets.
      await new Promise((r) =>
        setTimeout(r, Math.max(0, Date.parse(sessionAt) - Date.now() + 200)),
      );
      const held = await http()
        .post(`/sessions/${sessionId}/held`)
        .set('authorization', secretary.auth)
        .send({ presentMemberIds: [chair.id, secretary.id, treasury.id, planning.id] })
        .expect(200);
      expect(held.body.stage).toBe('HELD');

      const decided = await http()
        .post(`/sessions/${sessionId}/decisions`)
        .set('authorization', secretary.auth)
        .send({ caseId, outcome: 'APPROVED' })
        .expect(200);
      expect(decided.body.agenda[0].decision).toMatchObject({
        outcome: 'APPROVED',
        recordedBy: secretary.id,
      });
      expect(await caseStage(caseId)).toBe('DECIDED');

      const drafted = await http()
        .post(`/sessions/${sessionId}/minutes`)
        .set('authorization', secretary.auth)
        .expect(200);
      expect(drafted.body).toMatchObject({
        stage: 'MINUTES_UNDER_APPROVAL',
        minutes: { round: 1, draftedBy: secretary.id },
      });

      await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', chair.auth)
        .expect(200);
      const twice = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', chair.auth)
        .expect(409);
      expect(twice.body.code).toBe('SESSION.ALREADY_VOTED');

      // The objection, sent twice with one key, counts once.
      const key = randomUUID();
      const object = () =>
        http()
          .post(`/sessions/${sessionId}/minutes/objections`)
          .set('authorization', treasury.auth)
          .set('idempotency-key', key)
          .send({ comment: 'شرط تحویل پلاک به راهور در صورتجلسه نیامده است' });
      const objected = await object().expect(200);
      const objectedAgain = await object().expect(200);
      expect(objected.body.stage).toBe('MINUTES_IN_REVISION');
      expect(objected.body.minutes.objections).toEqual([
        {
          userId: treasury.id,
          at: expect.any(String),
          comment: 'شرط تحویل پلاک به راهور در صورتجلسه نیامده است',
        },
      ]);
      expect(objectedAgain.body.minutes.objections).toEqual(objected.body.minutes.objections);

      const revised = await http()
        .post(`/sessions/${sessionId}/decisions`)
        .set('authorization', secretary.auth)
        .send({ caseId, outcome: 'APPROVED_WITH_CONDITIONS', conditions: ['تحویل پلاک به راهور'] })
        .expect(200);
      expect(revised.body.agenda[0].decision.conditions).toEqual(['تحویل پلاک به راهور']);
      const round2 = await http()
        .post(`/sessions/${sessionId}/minutes`)
        .set('authorization', secretary.auth)
        .expect(200);
      expect(round2.body).toMatchObject({ stage: 'MINUTES_UNDER_APPROVAL', minutes: { round: 2 } });
      expect(round2.body.pastMinutesRounds).toHaveLength(1);

      for (const member of [chair, treasury]) {
        const res = await http()
          .post(`/sessions/${sessionId}/minutes/approve`)
          .set('authorization', member.auth)
          .expect(200);
        expect(res.body.stage).toBe('MINUTES_UNDER_APPROVAL');
      }
      const final = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', planning.auth)
        .expect(200);
      expect(final.body).toMatchObject({ stage: 'CLOSED', finalizedAt: expect.any(String) });
    });

    it('closes the session in the read model and gives the case its permit', async () => {
      const row = await eventually(async () => {
        const res = await http()
          .get(`/sessions/${sessionId}`)
          .set('authorization', secretary.auth)
          .expect(200);
        return res.body.stage === 'CLOSED' ? res.body : undefined;
      });
      expect(row.minutes).toHaveLength(2);
      const closedCase = await eventually(async () => {
        const state = await stack.client.workflow
          .getHandle(caseWorkflowId(caseId))
          .query(getCaseStateQuery);
        return state.stage === 'CLOSED' ? state : undefined;
      });
      expect(closedCase.result).toMatchObject({
        kind: 'PERMIT',
        conditions: ['تحویل پلاک به راهور'],
      });
      expect(closedCase.result?.permitNumber).toMatch(/^14\d\d-\d{5}$/);

      // Once the session's workflow has ended, an action is refused as out of stage, not "not found".
      await stack.client.workflow.getHandle(sessionWorkflowId(sessionId)).result();
      const afterwards = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', chair.auth)
        .expect(409);
      expect(afterwards.body.code).toBe('SESSION.WRONG_STAGE');
      const stillHidden = await http()
        .post(`/sessions/${sessionId}/minutes/approve`)
        .set('authorization', outsider.auth)
        .expect(404);
      expect(stillHidden.body.code).toBe('SESSION.NOT_FOUND');
    });
  });

  describe('planning changes: move, members, agenda removal, conflicts, cancellation', () => {
    it('moves a session, changes its members, takes a case off and on, records a conflict and cancels', async () => {
      const caseId = await caseAwaitingSession();
      const created = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({
          sessionAt: later(86_400_000),
          place: 'سالن ۲',
          members: [
            { userId: secretary.id, role: 'SECRETARY' },
            { userId: chair.id, role: 'CHAIR' },
          ],
          quorum: { kind: 'MIN_APPROVALS', count: 1 },
        })
        .expect(201);
      const id: string = created.body.sessionId;

      const newTime = later(2 * 86_400_000);
      const moved = await http()
        .post(`/sessions/${id}/move`)
        .set('authorization', secretary.auth)
        .send({ sessionAt: newTime, place: 'سالن ۳' })
        .expect(200);
      // Text is stored normalised (ASCII digits, Persian ی and ک).
      expect(moved.body).toMatchObject({ sessionAt: newTime, place: 'سالن 3' });

      // The outsider joins: from now on they see the session.
      await http().get(`/sessions/${id}`).set('authorization', outsider.auth).expect(404);
      const members = await http()
        .post(`/sessions/${id}/members`)
        .set('authorization', secretary.auth)
        .send({
          members: [
            { userId: secretary.id, role: 'SECRETARY' },
            { userId: chair.id, role: 'CHAIR' },
            { userId: outsider.id, role: 'MEMBER' },
          ],
          quorum: { kind: 'ALL_PRESENT' },
        })
        .expect(200);
      expect(members.body.members).toHaveLength(3);
      expect(members.body.quorum).toEqual({ kind: 'ALL_PRESENT' });
      await http().get(`/sessions/${id}`).set('authorization', outsider.auth).expect(200);

      await http()
        .post(`/sessions/${id}/agenda`)
        .set('authorization', secretary.auth)
        .send({ caseId })
        .expect(200);
      const noReason = await http()
        .delete(`/sessions/${id}/agenda/${caseId}`)
        .set('authorization', secretary.auth)
        .expect(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      const removed = await http()
        .delete(`/sessions/${id}/agenda/${caseId}`)
        .query({ reason: 'مدارک مالکیت باید دوباره بررسی شود' })
        .set('authorization', secretary.auth)
        .expect(200);
      expect(removed.body.agenda).toEqual([]);
      await eventually(async () =>
        (await caseStage(caseId)) === 'AWAITING_SESSION' ? true : undefined,
      );
      await http()
        .post(`/sessions/${id}/agenda`)
        .set('authorization', secretary.auth)
        .send({ caseId })
        .expect(200);

      const conflict = await http()
        .post(`/sessions/${id}/conflicts`)
        .set('authorization', outsider.auth)
        .send({ caseId, note: 'خویشاوندی با مدیر دستگاه' })
        .expect(200);
      expect(conflict.body.agenda[0].conflictedMemberIds).toEqual([outsider.id]);
      const notOnAgenda = await http()
        .post(`/sessions/${id}/conflicts`)
        .set('authorization', chair.auth)
        .send({ caseId: randomUUID() })
        .expect(409);
      expect(notOnAgenda.body.code).toBe('SESSION.CASE_NOT_ON_AGENDA');
      // treasury does not sit on this session
      const hidden = await http()
        .post(`/sessions/${id}/conflicts`)
        .set('authorization', treasury.auth)
        .send({ caseId })
        .expect(404);
      expect(hidden.body.code).toBe('SESSION.NOT_FOUND');

      const cancelled = await http()
        .post(`/sessions/${id}/cancel`)
        .set('authorization', secretary.auth)
        .send({ reason: 'عدم امکان حضور اعضا' })
        .expect(200);
      expect(cancelled.body).toMatchObject({
        stage: 'CANCELLED',
        cancellation: { by: secretary.id, reason: 'عدم امکان حضور اعضا' },
      });
      await eventually(async () =>
        (await caseStage(caseId)) === 'AWAITING_SESSION' ? true : undefined,
      );
    });
  });

  it('plans one session per Idempotency-Key: a retry answers the same session, another body a 422', async () => {
    const key = `plan-${Date.now()}`;
    const body = { sessionAt: later(86_400_000), place: 'سالن جلسات', members: seats() };
    const plan = (b: object) =>
      http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .set('idempotency-key', key)
        .send(b);
    const first = await plan(body).expect(201);
    const again = await plan(body).expect(201);
    expect(again.body.sessionId).toBe(first.body.sessionId);
    const changed = await plan({ ...body, place: 'سالن دیگر' }).expect(422);
    expect(changed.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    // Another secretary's same key is another session.
    const other = await signedIn(stack.baseUrl, stack.dataSource, ['SECRETARY']);
    const theirs = await http()
      .post('/sessions')
      .set('authorization', other.auth)
      .set('idempotency-key', key)
      .send({
        ...body,
        members: seats().map((m) => (m.role === 'SECRETARY' ? { ...m, userId: other.id } : m)),
      })
      .expect(201);
    expect(theirs.body.sessionId).not.toBe(first.body.sessionId);
  });

  describe('bad input', () => {
    let sessionId: string;
    beforeAll(async () => {
      const res = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({ sessionAt: later(86_400_000), place: 'سالن ۱', members: seats() })
        .expect(201);
      sessionId = res.body.sessionId;
    });

    const fields = (body: { details: { field: string; code: string }[] }) =>
      Object.fromEntries(body.details.map((d) => [d.field, d.code]));

    it('refuses a malformed session with 400 and each field named', async () => {
      const res = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({
          sessionAt: '2020-01-01T10:00:00Z',
          place: '',
          members: [{ userId: 'not-a-uuid', role: 'KING' }],
          quorum: { kind: 'MIN_APPROVALS' },
          extra: true,
        })
        .expect(400);
      expect(res.body.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(fields(res.body)).toMatchObject({
        sessionAt: 'plannableInstant',
        place: 'minLength',
        members: 'arrayMinSize',
        'members[0].userId': 'isUuid',
        'members[0].role': 'isIn',
        'quorum.count': 'required',
        extra: 'whitelistValidation',
      });
      for (const message of res.body.details.map((d: { message: object }) => d.message)) {
        expect(message).toEqual({ fa: expect.any(String), en: expect.any(String) });
      }

      const notAnInstant = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({ sessionAt: '2026-02-30T10:00:00Z', place: 'سالن', members: seats() })
        .expect(400);
      expect(fields(notAnInstant.body)).toEqual({ sessionAt: 'isIsoInstant' });
    });

    it('refuses members who are not active users with the right role, and seats that cannot work', async () => {
      const disabled = await createUser(stack.dataSource, ['MEMBER']);
      await stack.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [disabled.id]);
      const res = await http()
        .post('/sessions')
        .set('authorization', secretary.auth)
        .send({
          sessionAt: later(86_400_000),
          place: 'سالن ۱',
          members: [
            { userId: secretary.id, role: 'SECRETARY' },
            { userId: clerk.id, role: 'MEMBER' },
            { userId: randomUUID(), role: 'MEMBER' },
            { userId: disabled.id, role: 'CHAIR' },
            { userId: chair.id, role: 'SECRETARY' },
            { userId: chair.id.toUpperCase(), role: 'MEMBER' },
          ],
          quorum: { kind: 'MIN_APPROVALS', count: 6 },
        })
        .expect(400);
      expect(fields(res.body)).toEqual({
        members: 'oneSecretary',
        'members[1].userId': 'roleMissing',
        'members[2].userId': 'notAnActiveUser',
        'members[3].userId': 'notAnActiveUser',
        'members[4].userId': 'roleMissing',
        'members[5].userId': 'duplicateMember',
        'quorum.count': 'quorumUnreachable',
      });
    });

    it('refuses bad action bodies, ids and headers with 400, never 500', async () => {
      const cases: [string, string, object | undefined, string][] = [
        ['post', `/sessions/${sessionId}/move`, { sessionAt: 'tomorrow' }, 'sessionAt'],
        ['post', `/sessions/${sessionId}/members`, { members: [] }, 'members'],
        ['post', `/sessions/${sessionId}/agenda`, { caseId: 42 }, 'caseId'],
        ['post', `/sessions/${sessionId}/cancel`, { reason: '   ' }, 'reason'],
        [
          'post',
          `/sessions/${sessionId}/held`,
          { presentMemberIds: [chair.id, chair.id] },
          'presentMemberIds',
        ],
        [
          'post',
          `/sessions/${sessionId}/decisions`,
          { caseId: randomUUID(), outcome: 'MAYBE' },
          'outcome',
        ],
        [
          'post',
          `/sessions/${sessionId}/decisions`,
          { caseId: randomUUID(), outcome: 'REJECTED' },
          'reasons',
        ],
        [
          'post',
          `/sessions/${sessionId}/decisions`,
          { caseId: randomUUID(), outcome: 'APPROVED', conditions: ['شرط'] },
          'conditions',
        ],
        [
          'post',
          `/sessions/${sessionId}/decisions`,
          {
            caseId: randomUUID(),
            outcome: 'DEFERRED_TO_CORRECTIONS',
            deficiencies: [{ target: 'somewhere', note: 'x' }],
          },
          'deficiencies[0].target',
        ],
        [
          'post',
          `/sessions/${sessionId}/minutes/objections`,
          { comment: 'x'.repeat(2001) },
          'comment',
        ],
        ['post', `/sessions/${sessionId}/conflicts`, { caseId: null }, 'caseId'],
        ['post', '/sessions/not-a-uuid/minutes', undefined, 'id'],
        ['get', '/sessions?stage=OPEN&limit=1000', undefined, 'stage'],
      ];
      for (const [method, path, body, field] of cases) {
        const who =
          path.includes('objections') || path.includes('conflicts') ? chair.auth : secretary.auth;
        let call = method === 'get' ? http().get(path) : http().post(path);
        call = call.set('authorization', who);
        const res = await (body === undefined ? call : call.send(body));
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 400,
          code: 'REQUEST.VALIDATION_FAILED',
        });
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const badKey = await http()
        .post(`/sessions/${sessionId}/minutes`)
        .set('authorization', secretary.auth)
        .set('idempotency-key', 'has spaces and ünïcode')
        .expect(400);
      expect(badKey.body.details).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key', code: 'idempotencyKey' }),
      ]);
      const longKey = await http()
        .post(`/sessions/${sessionId}/minutes`)
        .set('authorization', secretary.auth)
        .set('idempotency-key', 'k'.repeat(101))
        .expect(400);
      expect(longKey.body.code).toBe('REQUEST.VALIDATION_FAILED');
    });
  });
});
