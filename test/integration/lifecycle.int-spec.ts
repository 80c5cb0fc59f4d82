import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { currentCaseServiceLevel } from '../../src/cases/case-service-level';
import type { Actor } from '../../workflows/common/actors';
import {
  acceptDocumentsUpdate,
  caseWorkflowId,
  getCaseStateQuery,
  getCaseTimelineQuery,
  requestCorrectionsUpdate,
  resubmitCorrectionsUpdate,
} from '../../workflows/case/case.messages';
import {
  addCaseToAgendaUpdate,
  approveMinutesUpdate,
  draftMinutesUpdate,
  getSessionStateQuery,
  markHeldUpdate,
  objectToMinutesUpdate,
  recordDecisionUpdate,
  sessionWorkflowId,
} from '../../workflows/session/session.messages';
import type { SessionInput } from '../../workflows/session/session.types';
import type { SessionWorkflow } from '../../workflows/session/session.messages';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';
import { recordForReplay } from './harness/replay-corpus';

const reviewer: Actor = { userId: 'u-reviewer', roles: ['REVIEWER'] };
const secretary: Actor = { userId: 'u-secretary', roles: ['SECRETARY', 'MEMBER'] };
const chair: Actor = { userId: 'u-chair', roles: ['MEMBER'] };
const treasury: Actor = { userId: 'u-treasury', roles: ['MEMBER'] };
const planning: Actor = { userId: 'u-planning', roles: ['MEMBER'] };

/**
 * Acceptance of the case-workflow issue: through the real Temporal dev server, the real worker
 * and real PostgreSQL, a case goes from registration to result driven only by workflow
 * messages, including a correction round and a minutes objection.
 */
describe('a case from registration to permit, through the commission session', () => {
  let stack: RunningStack;

  let clerk: Actor;
  let clerkAuth: string;
  let reviewerAuth: string;
  beforeAll(async () => {
    stack = await startStack();
    const agencyId = await createAgency(stack.dataSource, 'agency-e2e');
    const clerkUser = await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], agencyId);
    clerk = { userId: clerkUser.id, roles: ['CLERK'], agencyId };
    clerkAuth = clerkUser.auth;
    reviewerAuth = (await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER'])).auth;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('registers, corrects, is scheduled, decided, the minutes objected to, revised, approved, and the permit issued', async () => {
    const registered = await request(stack.baseUrl)
      .post('/cases')
      .set('authorization', clerkAuth)
      .send({
        requestType: 'SCRAP',
        justification: 'خودروی سواری فرسوده با عمر بیش از پانزده سال',
        vehicles: [{ plate: '12ب345-15', usageClass: 'SEDAN', modelYear: 1385 }],
      })
      .expect(201);
    const caseId: string = registered.body.id;
    const caseHandle = stack.client.workflow.getHandle(caseWorkflowId(caseId));
    await eventually(async () =>
      (await caseHandle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
    );

    await caseHandle.executeUpdate(requestCorrectionsUpdate, {
      args: [
        {
          actor: reviewer,
          deficiencies: [{ target: 'document:TECHNICAL_OPINION', note: 'نظر فنی پیوست نشده' }],
        },
      ],
    });
    await caseHandle.executeUpdate(resubmitCorrectionsUpdate, {
      args: [{ actor: clerk, documentIds: ['doc-1'] }],
    });
    const accepted = await caseHandle.executeUpdate(acceptDocumentsUpdate, {
      args: [{ actor: reviewer }],
    });
    expect(accepted).toMatchObject({ stage: 'AWAITING_SESSION', reviewRound: 2 });

    const sessionId = randomUUID();
    const input: SessionInput = {
      sessionId,
      sessionAt: new Date(Date.now() + 1500).toISOString(),
      place: 'اداره کل امور اقتصادی و دارایی، سالن جلسات',
      members: [
        { userId: chair.userId, role: 'CHAIR' },
        { userId: secretary.userId, role: 'SECRETARY' },
        { userId: treasury.userId, role: 'MEMBER' },
        { userId: planning.userId, role: 'MEMBER' },
      ],
      quorum: { kind: 'ALL_PRESENT' },
      createdBy: secretary.userId,
      serviceLevel: currentCaseServiceLevel(),
    };
    const session = await stack.client.workflow.start<SessionWorkflow>(
      'commissionSessionWorkflow',
      {
        workflowId: sessionWorkflowId(sessionId),
        taskQueue: stack.config.temporal.taskQueue,
        args: [input],
      },
    );
    const planned = await session.executeUpdate(addCaseToAgendaUpdate, {
      args: [{ actor: secretary, caseId }],
    });
    expect(planned.agenda.map((item) => item.caseId)).toEqual([caseId]);
    expect((await caseHandle.query(getCaseStateQuery)).stage).toBe('SCHEDULED');

    await new Promise((r) => setTimeout(r, 1600)); // the session meets
    await session.executeUpdate(markHeldUpdate, {
      args: [
        {
          actor: secretary,
          presentMemberIds: [chair.userId, secretary.userId, treasury.userId, planning.userId],
        },
      ],
    });
    await session.executeUpdate(recordDecisionUpdate, {
      args: [{ actor: secretary, caseId, decision: { outcome: 'APPROVED' } }],
    });
    expect((await caseHandle.query(getCaseStateQuery)).stage).toBe('DECIDED');

    await session.executeUpdate(draftMinutesUpdate, { args: [{ actor: secretary }] });
    await session.executeUpdate(approveMinutesUpdate, { args: [{ actor: chair }] });
    const objected = await session.executeUpdate(objectToMinutesUpdate, {
      args: [{ actor: treasury, comment: 'شرط تحویل پلاک به راهور در صورتجلسه نیامده است' }],
    });
    expect(objected.stage).toBe('MINUTES_IN_REVISION');
    await session.executeUpdate(recordDecisionUpdate, {
      args: [
        {
          actor: secretary,
          caseId,
          decision: { outcome: 'APPROVED_WITH_CONDITIONS', conditions: ['تحویل پلاک به راهور'] },
        },
      ],
    });
    const round2 = await session.executeUpdate(draftMinutesUpdate, {
      args: [{ actor: secretary }],
    });
    expect(round2.minutes?.round).toBe(2);
    for (const member of [chair, treasury])
      await session.executeUpdate(approveMinutesUpdate, { args: [{ actor: member }] });
    const final = await session.executeUpdate(approveMinutesUpdate, {
      args: [{ actor: planning }],
    });
    expect(final.stage).toBe('CLOSED');

    const closed = await caseHandle.result();
    expect(closed).toMatchObject({
      stage: 'CLOSED',
      result: { kind: 'PERMIT', conditions: ['تحویل پلاک به راهور'] },
    });
    expect(closed.result?.permitNumber).toMatch(/^14\d\d-\d{5}$/);
    const timeline = await caseHandle.query(getCaseTimelineQuery);
    expect(timeline.map((e) => e.action)).toEqual([
      'SUBMITTED_FOR_REVIEW',
      'CORRECTIONS_REQUESTED',
      'CORRECTIONS_SUBMITTED',
      'DOCUMENTS_ACCEPTED',
      'SCHEDULED',
      'DECISION_RECORDED',
      'DECISION_REVISED',
      'PERMIT_ISSUED',
      'CLOSED',
    ]);

    // The read model caught up with every step, once each.
    const [row] = await stack.dataSource.query(
      'SELECT stage, sla_breached FROM cases WHERE id = $1',
      [caseId],
    );
    expect(row).toEqual({ stage: 'CLOSED', sla_breached: false });
    const events = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM case_events WHERE case_id = $1',
      [caseId],
    );
    expect(events[0].n).toBe(1 + timeline.length);
    const permits = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM permit_numbers WHERE case_id = $1',
      [caseId],
    );
    expect(permits[0].n).toBe(1);
    const sessions = await stack.dataSource.query('SELECT stage FROM sessions WHERE id = $1', [
      sessionId,
    ]);
    expect(sessions).toEqual([{ stage: 'CLOSED' }]);
    expect((await session.query(getSessionStateQuery)).pastMinutesRounds).toHaveLength(1);

    // And the HTTP API shows it.
    const shown = await request(stack.baseUrl)
      .get(`/cases/${caseId}`)
      .set('authorization', reviewerAuth)
      .expect(200);
    expect(shown.body).toMatchObject({ stage: 'CLOSED', live: { stage: 'CLOSED' } });

    await recordForReplay(stack.client, 'case-full-lifecycle-real-server', caseHandle.workflowId);
    await recordForReplay(stack.client, 'session-full-lifecycle-real-server', session.workflowId);
  });
});
