import { randomUUID } from 'node:crypto';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { CaseUpdateName } from '../../activities/case-messaging.activities';
import type { NotificationIntent } from '../../activities/notification.activities';
import type { SessionSnapshot } from '../../activities/session.activities';
import { SYSTEM_ACTOR, type Actor } from '../../workflows/common/actors';
import { caseLeftAgendaSignal } from '../../workflows/case/case.messages';
import type { CaseDecision, CaseStage } from '../../workflows/case/case.types';
import {
  addCaseToAgendaUpdate,
  approveMinutesUpdate,
  cancelSessionUpdate,
  declareConflictUpdate,
  draftMinutesUpdate,
  getSessionStateQuery,
  markHeldUpdate,
  moveSessionUpdate,
  objectToMinutesUpdate,
  recordDecisionUpdate,
  removeCaseFromAgendaUpdate,
  SESSION_WORKFLOW_TYPE,
  sessionWorkflowId,
  setMembersUpdate,
} from '../../workflows/session/session.messages';
import type { RecordDecisionInput } from '../../workflows/session/session.rules';
import type {
  QuorumRule,
  SessionInput,
  SessionMember,
} from '../../workflows/session/session.types';
import type { SessionWorkflow } from '../../workflows/session/session.messages';
import { addWorkingDays, type WorkingCalendar } from '../../workflows/common/sla/calendar';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../../workflows/common/sla/policy';
import { startTimeSkippingRig, type TimeSkippingRig } from './harness/time-skipping';
import { eventually } from './harness/app-harness';
import { recordForReplay } from './harness/replay-corpus';

/**
 * The commission session workflow on Temporal's time-skipping test server, with stub
 * activities: a stub case that answers (and refuses) like a case workflow would, and recorders
 * for notifications and read-model snapshots. `env.sleep` moves the server's clock.
 */

// ---- stub activities ------------------------------------------------------------------------

interface Delivery {
  caseId: string;
  update: CaseUpdateName;
  input: Record<string, unknown>;
  updateId: string;
}

interface StubCase {
  stage: CaseStage;
  sessionId?: string;
  sessionAt?: string;
  decision?: CaseDecision;
}

/**
 * Cases as the session sees them through `deliverToCase`: a small state machine with the case
 * workflow's refusals, and Temporal's update-id de-duplication. `refuseNext` makes a case
 * refuse one kind of message with the given code.
 */
class StubCases {
  readonly applied: Delivery[] = [];
  readonly cases = new Map<string, StubCase>();
  private readonly results = new Map<string, StubCase>();
  private readonly forced = new Map<string, string>();

  refuse(caseId: string, update: CaseUpdateName, code: string): void {
    this.forced.set(`${caseId}/${update}`, code);
  }

  stop(caseId: string, update: CaseUpdateName): void {
    this.forced.delete(`${caseId}/${update}`);
  }

  to(caseId: string, update?: CaseUpdateName): Delivery[] {
    return this.applied.filter((d) => d.caseId === caseId && (!update || d.update === update));
  }

  readonly deliverToCase = async (request: Delivery): Promise<StubCase> => {
    const earlier = this.results.get(request.updateId);
    if (earlier) return Promise.resolve(earlier);
    const code = this.forced.get(`${request.caseId}/${request.update}`);
    if (code) throw refusal(code);
    const current: StubCase = this.cases.get(request.caseId) ?? { stage: 'AWAITING_SESSION' };
    const input = request.input as {
      actor?: Actor;
      sessionId?: string;
      sessionAt?: string;
      decision?: CaseDecision;
    };
    // Like the case's validators: the session's secretary acts, or the system when the minutes
    // become final.
    const bySystem = input.actor?.userId === SYSTEM_ACTOR.userId;
    if (
      request.update === 'finalizeCaseDecision'
        ? !bySystem
        : !input.actor?.roles.includes('SECRETARY')
    ) {
      throw refusal('CASE.ROLE_REQUIRED');
    }
    let next: StubCase;
    switch (request.update) {
      case 'scheduleCase': {
        const reschedule = current.stage === 'SCHEDULED' && current.sessionId === input.sessionId;
        if (current.stage !== 'AWAITING_SESSION' && !reschedule) throw refusal('CASE.WRONG_STAGE');
        next = { stage: 'SCHEDULED', sessionId: input.sessionId, sessionAt: input.sessionAt };
        break;
      }
      case 'unscheduleCase':
        if (current.stage !== 'SCHEDULED' || current.sessionId !== input.sessionId) {
          throw refusal('CASE.WRONG_SESSION');
        }
        next = { stage: 'AWAITING_SESSION' };
        break;
      case 'recordCaseDecision':
        if (current.sessionId !== input.decision?.sessionId) throw refusal('CASE.WRONG_SESSION');
        if (current.stage !== 'SCHEDULED' && current.stage !== 'DECIDED') {
          throw refusal('CASE.WRONG_STAGE');
        }
        next = { ...current, stage: 'DECIDED', decision: input.decision };
        break;
      case 'finalizeCaseDecision':
        if (current.stage !== 'DECIDED') throw refusal('CASE.WRONG_STAGE');
        next = { ...current, stage: 'RESULT_ANNOUNCED' };
        break;
    }
    this.cases.set(request.caseId, next);
    this.results.set(request.updateId, next);
    this.applied.push(request);
    return Promise.resolve(next);
  };
}

function refusal(code: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message: `stub case says ${code}`,
    nonRetryable: true,
  });
}

const stubCases = new StubCases();
const notifications: NotificationIntent[] = [];
const snapshots: SessionSnapshot[] = [];
const activities = {
  deliverToCase: stubCases.deliverToCase,
  recordNotificationIntent: (intent: NotificationIntent) => {
    notifications.push(intent);
    return Promise.resolve();
  },
  recordSessionState: (snapshot: SessionSnapshot) => {
    snapshots.push(snapshot);
    return Promise.resolve();
  },
};

// ---- fixtures -------------------------------------------------------------------------------

/** No holidays, so the expected deadlines are easy to follow; Friday is still off. */
const calendar: WorkingCalendar = {
  utcOffsetMinutes: 210,
  thursdayIsWorkingDay: false,
  holidays: [],
  closures: [],
};
const policy = DEFAULT_SERVICE_LEVEL_POLICY; // decisions 2, minutes 3, reminder 1 working day

const actor = (userId: string, role: 'SECRETARY' | 'MEMBER'): Actor => ({ userId, roles: [role] });
const sec = actor('sec', 'SECRETARY');
const chair = actor('chair', 'MEMBER');
const m1 = actor('m1', 'MEMBER');
const m2 = actor('m2', 'MEMBER');
const m3 = actor('m3', 'MEMBER');
const outsider = actor('stranger', 'MEMBER');
const MEMBERS: SessionMember[] = [
  { userId: 'sec', role: 'SECRETARY' },
  { userId: 'chair', role: 'CHAIR' },
  { userId: 'm1', role: 'MEMBER' },
  { userId: 'm2', role: 'MEMBER' },
  { userId: 'm3', role: 'MEMBER' },
];
/** m3 stays away. */
const PRESENT = ['sec', 'chair', 'm1', 'm2'];

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const ms = (iso: string) => Date.parse(iso);

type Handle = WorkflowHandle<SessionWorkflow>;

describe('commission session workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `sessions-${randomUUID()}`;

  let rig: TimeSkippingRig;
  beforeAll(async () => {
    // The stub cases' refusals are expected: keep the worker's warnings about them out of the
    // test output.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    rig = await startTimeSkippingRig({
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    env = rig.env;
  });
  afterAll(async () => {
    await rig?.close();
  });

  // ---- helpers ------------------------------------------------------------------------------

  async function startSession(
    options: { members?: SessionMember[]; quorum?: QuorumRule; inMs?: number } = {},
  ) {
    const startedAt = await env.currentTimeMs();
    const sessionId = randomUUID();
    const input: SessionInput = {
      sessionId,
      sessionAt: new Date(startedAt + (options.inMs ?? HOUR)).toISOString(),
      place: 'Directorate, meeting room 2',
      members: options.members ?? MEMBERS,
      quorum: options.quorum ?? { kind: 'ALL_PRESENT' },
      createdBy: 'sec',
      serviceLevel: { policy, calendar },
    };
    const handle: Handle = await env.client.workflow.start<SessionWorkflow>(SESSION_WORKFLOW_TYPE, {
      workflowId: sessionWorkflowId(sessionId),
      taskQueue,
      args: [input],
    });
    return { handle, sessionId, input, startedAt };
  }

  const state = (handle: Handle) => handle.query(getSessionStateQuery);
  const intents = (sessionId: string, event?: string) =>
    notifications.filter((n) => n.sessionId === sessionId && (!event || n.event === event));

  async function addCases(handle: Handle, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const caseId of ids) {
      await handle.executeUpdate(addCaseToAgendaUpdate, { args: [{ actor: sec, caseId }] });
    }
    return ids;
  }

  /** Plans a session with cases, lets its time come, and marks it held. */
  async function heldSession(
    options: { cases?: number; present?: string[]; quorum?: QuorumRule } = {},
  ) {
    const started = await startSession({ quorum: options.quorum });
    const caseIds = await addCases(started.handle, options.cases ?? 2);
    await env.sleep(2 * HOUR);
    const heldView = await started.handle.executeUpdate(markHeldUpdate, {
      args: [{ actor: sec, presentMemberIds: options.present ?? PRESENT }],
    });
    return { ...started, caseIds, heldView };
  }

  const approve = (handle: Handle, who: Actor) =>
    handle.executeUpdate(approveMinutesUpdate, { args: [{ actor: who }] });
  const decide = (
    handle: Handle,
    caseId: string,
    decision: RecordDecisionInput['decision'] = { outcome: 'APPROVED' },
  ) => handle.executeUpdate(recordDecisionUpdate, { args: [{ actor: sec, caseId, decision }] });
  const draft = (handle: Handle) =>
    handle.executeUpdate(draftMinutesUpdate, { args: [{ actor: sec }] });

  /** Sessions with every case decided and round 1 of the minutes out for approval. */
  async function minutesOut(
    options: { cases?: number; present?: string[]; quorum?: QuorumRule } = {},
  ) {
    const session = await heldSession(options);
    for (const caseId of session.caseIds) await decide(session.handle, caseId);
    const drafted = await draft(session.handle);
    return { ...session, drafted };
  }

  async function acceptedUpdates(handle: Handle): Promise<number> {
    const history = await handle.fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
      .length;
  }

  /**
   * The action is refused by the update's validator with `code`: the caller sees the code,
   * the state is unchanged, and no update was written to the workflow's history.
   */
  async function expectRefused(
    handle: Handle,
    action: () => Promise<unknown>,
    code: string,
  ): Promise<void> {
    const before = await state(handle);
    const acceptedBefore = await acceptedUpdates(handle);
    const error: unknown = await action().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(code);
    expect(await state(handle)).toEqual(before);
    expect(await acceptedUpdates(handle)).toBe(acceptedBefore);
  }

  /** Advances the server's clock to `targetMs` (plus a margin). */
  async function sleepUntil(targetMs: number, marginMs = MINUTE): Promise<void> {
    const now = await env.currentTimeMs();
    if (targetMs + marginMs > now) await env.sleep(targetMs + marginMs - now);
  }

  // ---- the paths ----------------------------------------------------------------------------

  it('runs the full path: planned → held → decisions → minutes → objection → revision → round 2 → final', async () => {
    const { handle, sessionId, input } = await startSession();
    const workflowId = sessionWorkflowId(sessionId);
    await eventually(() =>
      intents(sessionId, 'SESSION_INVITATION').length === 5 ? true : undefined,
    );
    expect(
      intents(sessionId, 'SESSION_INVITATION')
        .map((n) => n.recipient.userId)
        .sort(),
    ).toEqual(['chair', 'm1', 'm2', 'm3', 'sec']);

    // Planning: two cases on the agenda, each scheduled on the session.
    const [a, b] = await addCases(handle, 2);
    expect(stubCases.cases.get(a)).toEqual({
      stage: 'SCHEDULED',
      sessionId,
      sessionAt: input.sessionAt,
    });
    expect(stubCases.to(b, 'scheduleCase')).toEqual([
      {
        caseId: b,
        update: 'scheduleCase',
        input: { actor: sec, sessionId, sessionAt: input.sessionAt },
        updateId: `${workflowId}/schedule/${b}/1`,
      },
    ]);

    // The session meets; m3 is absent.
    await env.sleep(2 * HOUR);
    const heldView = await handle.executeUpdate(markHeldUpdate, {
      args: [{ actor: sec, presentMemberIds: PRESENT }],
    });
    expect(heldView).toMatchObject({ stage: 'HELD', presentMemberIds: PRESENT });

    // Decisions, each delivered to its case.
    await decide(handle, a, {
      outcome: 'APPROVED_WITH_CONDITIONS',
      conditions: ['Scrap within 90 days'],
    });
    const afterB = await decide(handle, b, {
      outcome: 'REJECTED',
      reasons: ['Below worn-out age'],
    });
    expect(afterB.agenda.find((i) => i.caseId === b)?.decision).toMatchObject({
      outcome: 'REJECTED',
      reasons: ['Below worn-out age'],
      recordedBy: 'sec',
    });
    const decisionToA = stubCases.to(a, 'recordCaseDecision');
    expect(decisionToA).toHaveLength(1);
    expect(decisionToA[0].input).toEqual({
      actor: sec,
      decision: {
        outcome: 'APPROVED_WITH_CONDITIONS',
        conditions: ['Scrap within 90 days'],
        sessionId,
        recordedBy: 'sec',
        recordedAt: expect.any(String),
      },
    });
    expect(stubCases.cases.get(a)?.stage).toBe('DECIDED');

    // Round 1: asks chair, m1 and m2 (not the drafter, not the absent m3).
    const round1 = await draft(handle);
    expect(round1).toMatchObject({
      stage: 'MINUTES_UNDER_APPROVAL',
      minutes: { round: 1, draftedBy: 'sec', approvals: [], objections: [] },
    });
    expect(
      intents(sessionId, 'MINUTES_TO_SIGN')
        .map((n) => n.recipient.userId)
        .sort(),
    ).toEqual(['chair', 'm1', 'm2']);

    await approve(handle, chair);
    const objected = await handle.executeUpdate(objectToMinutesUpdate, {
      args: [{ actor: m1, comment: 'Case B was deferred, not rejected' }],
    });
    expect(objected.stage).toBe('MINUTES_IN_REVISION');
    expect(objected.minutes?.objections).toEqual([
      { userId: 'm1', at: expect.any(String), comment: 'Case B was deferred, not rejected' },
    ]);
    expect(intents(sessionId, 'MINUTES_OBJECTION')).toEqual([
      expect.objectContaining({ recipient: { userId: 'sec', role: 'SECRETARY' } }),
    ]);

    // Revision: the secretary re-records B; the case gets the new decision with a new id.
    await decide(handle, b, {
      outcome: 'DEFERRED_TO_CORRECTIONS',
      deficiencies: [{ target: 'document:TECHNICAL_OPINION', note: 'Missing the inspection' }],
    });
    expect(stubCases.to(b, 'recordCaseDecision').map((d) => d.updateId)).toEqual([
      `${workflowId}/decision/${b}/1`,
      `${workflowId}/decision/${b}/2`,
    ]);
    expect(stubCases.cases.get(b)?.decision?.outcome).toBe('DEFERRED_TO_CORRECTIONS');

    // Round 2, with fresh approvals: chair's round-1 approval does not carry over.
    const round2 = await draft(handle);
    expect(round2.minutes).toMatchObject({ round: 2, approvals: [], objections: [] });
    expect(round2.pastMinutesRounds).toHaveLength(1);
    expect(round2.pastMinutesRounds[0]).toMatchObject({
      round: 1,
      approvals: [{ userId: 'chair' }],
      objections: [{ userId: 'm1' }],
    });
    expect(intents(sessionId, 'MINUTES_TO_SIGN')).toHaveLength(6);

    expect((await approve(handle, chair)).stage).toBe('MINUTES_UNDER_APPROVAL');
    expect((await approve(handle, m1)).stage).toBe('MINUTES_UNDER_APPROVAL');
    expect(stubCases.to(a, 'finalizeCaseDecision')).toHaveLength(0);
    const final = await approve(handle, m2);
    expect(final).toMatchObject({
      stage: 'CLOSED',
      finalizedAt: expect.any(String),
      deadlines: [],
    });

    // The workflow ends once every case has its result, given once.
    const result = await handle.result();
    expect(result).toEqual(final);
    for (const caseId of [a, b]) {
      expect(stubCases.to(caseId, 'finalizeCaseDecision')).toEqual([
        {
          caseId,
          update: 'finalizeCaseDecision',
          input: { actor: SYSTEM_ACTOR, sessionId, minutesApprovedAt: final.finalizedAt },
          updateId: `${workflowId}/finalize/${caseId}/1`,
        },
      ]);
      expect(stubCases.cases.get(caseId)?.stage).toBe('RESULT_ANNOUNCED');
    }

    // The read model saw every change, the last one being the closed session.
    const mine = snapshots.filter((s) => s.sessionId === sessionId);
    const latest = mine.reduce((x, y) => (y.version > x.version ? y : x));
    expect(latest).toMatchObject({ stage: 'CLOSED', finalizedAt: final.finalizedAt });
    expect(new Set(mine.map((s) => s.stage))).toEqual(
      new Set(['PLANNED', 'HELD', 'MINUTES_UNDER_APPROVAL', 'MINUTES_IN_REVISION', 'CLOSED']),
    );
    await recordForReplay(env.client, 'session-full-path-objection-revision', workflowId);
  });

  it('refuses every forbidden action through the real validators, and changes nothing', async () => {
    const { handle, startedAt } = await startSession({ inMs: 3 * HOUR });
    const [a] = await addCases(handle, 1);

    // PLANNED
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(addCaseToAgendaUpdate, {
          args: [{ actor: chair, caseId: randomUUID() }],
        }),
      'SESSION.NOT_SECRETARY',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(moveSessionUpdate, {
          args: [
            { actor: actor('sec-2', 'SECRETARY'), sessionAt: new Date(startedAt).toISOString() },
          ],
        }),
      'SESSION.NOT_SECRETARY',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(moveSessionUpdate, {
          args: [{ actor: sec, sessionAt: '2026-02-30T10:00:00Z' }],
        }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(setMembersUpdate, {
          args: [{ actor: sec, members: [...MEMBERS, { userId: 'sec-2', role: 'SECRETARY' }] }],
        }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(setMembersUpdate, {
          args: [{ actor: sec, members: MEMBERS, quorum: { kind: 'MIN_APPROVALS', count: 5 } }],
        }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () => handle.executeUpdate(addCaseToAgendaUpdate, { args: [{ actor: sec, caseId: a }] }),
      'SESSION.CASE_ALREADY_ON_AGENDA',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(removeCaseFromAgendaUpdate, {
          args: [{ actor: sec, caseId: randomUUID(), reason: 'not ready' }],
        }),
      'SESSION.CASE_NOT_ON_AGENDA',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(removeCaseFromAgendaUpdate, {
          args: [{ actor: sec, caseId: a, reason: ' ' }],
        }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () => handle.executeUpdate(cancelSessionUpdate, { args: [{ actor: sec, reason: '' }] }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(markHeldUpdate, { args: [{ actor: sec, presentMemberIds: PRESENT }] }),
      'SESSION.WRONG_STAGE', // before the session's time
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(recordDecisionUpdate, {
          args: [{ actor: sec, caseId: a, decision: { outcome: 'APPROVED' } }],
        }),
      'SESSION.WRONG_STAGE',
    );
    await expectRefused(handle, () => draft(handle), 'SESSION.WRONG_STAGE');
    await expectRefused(handle, () => approve(handle, chair), 'SESSION.WRONG_STAGE');
    await expectRefused(handle, () => approve(handle, outsider), 'SESSION.NOT_A_MEMBER');
    await expectRefused(
      handle,
      () => handle.executeUpdate(declareConflictUpdate, { args: [{ actor: outsider, caseId: a }] }),
      'SESSION.NOT_A_MEMBER',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(declareConflictUpdate, {
          args: [{ actor: m1, caseId: randomUUID() }],
        }),
      'SESSION.CASE_NOT_ON_AGENDA',
    );

    // HELD
    await env.sleep(4 * HOUR);
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(markHeldUpdate, {
          args: [{ actor: sec, presentMemberIds: ['chair', 'stranger'] }],
        }),
      'SESSION.INVALID_INPUT',
    );
    await handle.executeUpdate(markHeldUpdate, {
      args: [{ actor: sec, presentMemberIds: PRESENT }],
    });
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(addCaseToAgendaUpdate, {
          args: [{ actor: sec, caseId: randomUUID() }],
        }),
      'SESSION.WRONG_STAGE',
    );
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(cancelSessionUpdate, { args: [{ actor: sec, reason: 'too late' }] }),
      'SESSION.WRONG_STAGE',
    );
    await expectRefused(
      handle,
      () => decide(handle, a, { outcome: 'REJECTED' }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () => decide(handle, a, { outcome: 'APPROVED_WITH_CONDITIONS' }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () => decide(handle, a, { outcome: 'DEFERRED_TO_CORRECTIONS' }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(
      handle,
      () => decide(handle, a, { outcome: 'MAYBE' as CaseDecision['outcome'] }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(handle, () => decide(handle, randomUUID()), 'SESSION.CASE_NOT_ON_AGENDA');
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(recordDecisionUpdate, {
          args: [{ actor: m1, caseId: a, decision: { outcome: 'APPROVED' } }],
        }),
      'SESSION.NOT_SECRETARY',
    );
    await expectRefused(handle, () => draft(handle), 'SESSION.DECISIONS_MISSING');

    // MINUTES_UNDER_APPROVAL
    await decide(handle, a);
    await draft(handle);
    await expectRefused(handle, () => approve(handle, sec), 'SESSION.SAME_PERSON');
    await expectRefused(handle, () => approve(handle, m3), 'SESSION.NOT_PRESENT');
    await expectRefused(
      handle,
      () => handle.executeUpdate(objectToMinutesUpdate, { args: [{ actor: m1, comment: '   ' }] }),
      'SESSION.INVALID_INPUT',
    );
    await expectRefused(handle, () => decide(handle, a), 'SESSION.WRONG_STAGE');
    await expectRefused(handle, () => draft(handle), 'SESSION.WRONG_STAGE');
    await approve(handle, chair);
    await expectRefused(handle, () => approve(handle, chair), 'SESSION.ALREADY_VOTED');
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(objectToMinutesUpdate, {
          args: [{ actor: chair, comment: 'changed my mind' }],
        }),
      'SESSION.ALREADY_VOTED',
    );
    await handle.executeUpdate(declareConflictUpdate, { args: [{ actor: m2, caseId: a }] });
    await expectRefused(handle, () => approve(handle, m2), 'SESSION.CONFLICT_OF_INTEREST');

    // CLOSED
    const final = await approve(handle, m1);
    expect(final.stage).toBe('CLOSED');
    await handle.result();
    // The workflow has completed: the server itself now refuses any update.
    await expect(approve(handle, m1)).rejects.toThrow();
  });

  it('leaves the agenda unchanged when a case refuses to be scheduled, with the case’s own code', async () => {
    const { handle, sessionId } = await startSession();
    const [a] = await addCases(handle, 1);
    const refusing = randomUUID();
    stubCases.refuse(refusing, 'scheduleCase', 'CASE.WRONG_STAGE');
    const before = await state(handle);
    const error = await handle
      .executeUpdate(addCaseToAgendaUpdate, { args: [{ actor: sec, caseId: refusing }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'CASE.WRONG_STAGE' });
    const after = await state(handle);
    expect(after.agenda).toEqual(before.agenda);
    expect(after.agenda.map((i) => i.caseId)).toEqual([a]);
    // The read model does not keep the case either.
    const latest = snapshots
      .filter((s) => s.sessionId === sessionId)
      .reduce((x, y) => (y.version > x.version ? y : x));
    expect(latest.agenda.map((i) => i.caseId)).toEqual([a]);

    // Once the case accepts, the same case can be added.
    stubCases.stop(refusing, 'scheduleCase');
    const added = await handle.executeUpdate(addCaseToAgendaUpdate, {
      args: [{ actor: sec, caseId: refusing }],
    });
    expect(added.agenda.map((i) => i.caseId)).toEqual([a, refusing]);
    expect(stubCases.to(refusing, 'scheduleCase')[0].updateId).toBe(
      `${sessionWorkflowId(sessionId)}/schedule/${refusing}/2`,
    );

    // A case refusing a decision leaves the decision as it was.
    await env.sleep(2 * HOUR);
    await handle.executeUpdate(markHeldUpdate, {
      args: [{ actor: sec, presentMemberIds: PRESENT }],
    });
    await decide(handle, a, { outcome: 'APPROVED' });
    stubCases.refuse(a, 'recordCaseDecision', 'CASE.WRONG_STAGE');
    await expect(
      decide(handle, a, { outcome: 'REJECTED', reasons: ['second thoughts'] }),
    ).rejects.toMatchObject({ cause: { type: 'CASE.WRONG_STAGE' } });
    stubCases.stop(a, 'recordCaseDecision');
    const kept = await state(handle);
    expect(kept.agenda.find((i) => i.caseId === a)?.decision?.outcome).toBe('APPROVED');
  });

  it('drops a case that leaves the agenda (withdrawn or cancelled) when it says so', async () => {
    const { handle, caseIds } = await heldSession({ cases: 3 });
    const [a, b, c] = caseIds;
    await decide(handle, a);
    await expectRefused(handle, () => draft(handle), 'SESSION.DECISIONS_MISSING');
    await handle.signal(caseLeftAgendaSignal, { caseId: b, reason: 'WITHDRAWN' });
    await handle.signal(caseLeftAgendaSignal, { caseId: randomUUID(), reason: 'CANCELLED' });
    await eventually(async () => ((await state(handle)).agenda.length === 2 ? true : undefined));
    expect((await state(handle)).agenda.map((i) => i.caseId)).toEqual([a, c]);
    // The session does not message a case that left on its own.
    expect(stubCases.to(b, 'unscheduleCase')).toEqual([]);
    await handle.signal(caseLeftAgendaSignal, { caseId: c, reason: 'CANCELLED' });
    await eventually(async () => ((await state(handle)).agenda.length === 1 ? true : undefined));
    // Every remaining case is decided now.
    expect((await draft(handle)).stage).toBe('MINUTES_UNDER_APPROVAL');
  });

  it('moves the session and takes a case off the agenda, telling cases and members', async () => {
    const { handle, sessionId, startedAt } = await startSession();
    const workflowId = sessionWorkflowId(sessionId);
    const [a, b] = await addCases(handle, 2);
    const later = new Date(startedAt + 3 * 24 * HOUR).toISOString();
    const moved = await handle.executeUpdate(moveSessionUpdate, {
      args: [{ actor: sec, sessionAt: later, place: 'Governorate, hall 1' }],
    });
    expect(moved).toMatchObject({
      stage: 'PLANNED',
      sessionAt: later,
      place: 'Governorate, hall 1',
    });
    for (const caseId of [a, b]) {
      expect(
        stubCases.to(caseId, 'scheduleCase').map((d) => [d.updateId, d.input.sessionAt]),
      ).toEqual([
        [`${workflowId}/schedule/${caseId}/1`, expect.any(String)],
        [`${workflowId}/schedule/${caseId}/2`, later],
      ]);
      expect(stubCases.cases.get(caseId)?.sessionAt).toBe(later);
    }
    expect(
      intents(sessionId, 'SESSION_MOVED')
        .map((n) => n.recipient.userId)
        .sort(),
    ).toEqual(['chair', 'm1', 'm2', 'm3', 'sec']);
    // The old time no longer counts.
    await env.sleep(2 * HOUR);
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(markHeldUpdate, { args: [{ actor: sec, presentMemberIds: PRESENT }] }),
      'SESSION.WRONG_STAGE',
    );

    const removed = await handle.executeUpdate(removeCaseFromAgendaUpdate, {
      args: [{ actor: sec, caseId: a, reason: 'Needs the governorate’s opinion first' }],
    });
    expect(removed.agenda.map((i) => i.caseId)).toEqual([b]);
    expect(stubCases.to(a, 'unscheduleCase').map((d) => d.input)).toEqual([
      { actor: sec, sessionId, reason: 'Needs the governorate’s opinion first' },
    ]);
    expect(stubCases.cases.get(a)?.stage).toBe('AWAITING_SESSION');

    // A new member is invited; the others are not invited again.
    const withNewMember = await handle.executeUpdate(setMembersUpdate, {
      args: [{ actor: sec, members: [...MEMBERS, { userId: 'm4', role: 'MEMBER' }] }],
    });
    expect(withNewMember.members).toHaveLength(6);
    expect(
      intents(sessionId, 'SESSION_INVITATION')
        .map((n) => n.recipient.userId)
        .sort(),
    ).toEqual(['chair', 'm1', 'm2', 'm3', 'm4', 'sec']);
  });

  it('cancels the session: every case unscheduled, members told, the workflow ends CANCELLED', async () => {
    const { handle, sessionId } = await startSession();
    const caseIds = await addCases(handle, 2);
    const cancelled = await handle.executeUpdate(cancelSessionUpdate, {
      args: [{ actor: sec, reason: 'The deputy governor is travelling' }],
    });
    expect(cancelled).toMatchObject({
      stage: 'CANCELLED',
      cancellation: { by: 'sec', reason: 'The deputy governor is travelling' },
    });
    for (const caseId of caseIds) {
      expect(stubCases.to(caseId, 'unscheduleCase')).toHaveLength(1);
      expect(stubCases.cases.get(caseId)?.stage).toBe('AWAITING_SESSION');
    }
    expect(intents(sessionId, 'SESSION_CANCELLED')).toHaveLength(5);
    expect((await handle.result()).stage).toBe('CANCELLED');
    await recordForReplay(env.client, 'session-cancelled', handle.workflowId);
  });

  it('conflict of interest: a member conflicted on every case is not asked and may not vote; on some, still approves', async () => {
    const { handle, sessionId, caseIds } = await heldSession({ cases: 2 });
    const [a, b] = caseIds;
    for (const caseId of [a, b]) {
      await handle.executeUpdate(declareConflictUpdate, {
        args: [{ actor: m2, caseId, note: 'Former head of the requesting agency' }],
      });
    }
    const declared = await handle.executeUpdate(declareConflictUpdate, {
      args: [{ actor: m1, caseId: a }],
    });
    expect(declared.agenda.map((i) => i.conflictedMemberIds)).toEqual([['m2', 'm1'], ['m2']]);
    await expectRefused(
      handle,
      () => handle.executeUpdate(declareConflictUpdate, { args: [{ actor: m1, caseId: a }] }),
      'SESSION.INVALID_INPUT',
    );
    await decide(handle, a);
    await decide(handle, b);
    const drafted = await draft(handle);
    expect(drafted.deadlines.map((d) => d.userId)).toEqual(['chair', 'm1']);
    expect(
      intents(sessionId, 'MINUTES_TO_SIGN')
        .map((n) => n.recipient.userId)
        .sort(),
    ).toEqual(['chair', 'm1']);
    await expectRefused(handle, () => approve(handle, m2), 'SESSION.CONFLICT_OF_INTEREST');
    await expectRefused(
      handle,
      () => handle.executeUpdate(objectToMinutesUpdate, { args: [{ actor: m2, comment: 'no' }] }),
      'SESSION.CONFLICT_OF_INTEREST',
    );
    expect((await approve(handle, chair)).stage).toBe('MINUTES_UNDER_APPROVAL');
    // m1 (conflicted on a only) is still required; their approval completes the minutes.
    expect((await approve(handle, m1)).stage).toBe('CLOSED');
    await recordForReplay(env.client, 'session-conflict-of-interest', handle.workflowId);
  });

  it('a conflict declared during approval can complete the quorum', async () => {
    const { handle, caseIds } = await minutesOut({ cases: 1 });
    await approve(handle, chair);
    await approve(handle, m1);
    const view = await handle.executeUpdate(declareConflictUpdate, {
      args: [{ actor: m2, caseId: caseIds[0] }],
    });
    expect(view.stage).toBe('CLOSED');
    await handle.result();
    expect(stubCases.to(caseIds[0], 'finalizeCaseDecision')).toHaveLength(1);
  });

  it('keeps the minutes final when a case refuses its result, and tells an operator', async () => {
    const { handle, sessionId, caseIds } = await minutesOut({ cases: 2 });
    const [a, b] = caseIds;
    stubCases.refuse(a, 'finalizeCaseDecision', 'CASE.WRONG_STAGE'); // e.g. cancelled meanwhile
    await approve(handle, chair);
    await approve(handle, m1);
    expect((await approve(handle, m2)).stage).toBe('CLOSED');
    expect((await handle.result()).stage).toBe('CLOSED');
    expect(stubCases.to(a, 'finalizeCaseDecision')).toEqual([]);
    expect(stubCases.to(b, 'finalizeCaseDecision')).toHaveLength(1);
    expect(intents(sessionId, 'CASE_FINALIZATION_REFUSED')).toEqual([
      expect.objectContaining({
        key: `${sessionWorkflowId(sessionId)}/finalize-refused/${a}`,
        recipient: { role: 'OPERATOR' },
      }),
    ]);
  });

  it('MIN_APPROVALS: final with that many approvals from present members', async () => {
    const { handle, caseIds } = await minutesOut({
      quorum: { kind: 'MIN_APPROVALS', count: 2 },
      present: ['sec', 'chair', 'm1', 'm2'],
    });
    const one = await approve(handle, m1);
    expect(one.stage).toBe('MINUTES_UNDER_APPROVAL');
    const two = await approve(handle, m2);
    expect(two.stage).toBe('CLOSED');
    expect(two.minutes?.approvals.map((x) => x.userId)).toEqual(['m1', 'm2']);
    // The session is over: the third member's approval was not needed.
    expect((await handle.result()).minutes?.approvals).toHaveLength(2);
    for (const caseId of caseIds) {
      expect(stubCases.to(caseId, 'finalizeCaseDecision')).toHaveLength(1);
    }
  });

  it('MIN_APPROVALS: refuses an attendance that cannot reach the quorum', async () => {
    const { handle } = await startSession({ quorum: { kind: 'MIN_APPROVALS', count: 3 } });
    await addCases(handle, 1);
    await env.sleep(2 * HOUR);
    await expectRefused(
      handle,
      () =>
        handle.executeUpdate(markHeldUpdate, {
          args: [{ actor: sec, presentMemberIds: ['sec', 'chair', 'm1'] }],
        }),
      'SESSION.INVALID_INPUT',
    );
  });

  it('decision recording: a reminder before the deadline, an escalation to the supervisor and a breach at it', async () => {
    const { handle, sessionId, heldView, caseIds } = await heldSession({ cases: 1 });
    const workflowId = sessionWorkflowId(sessionId);
    const heldAt = ms(heldView.stageSince);
    const dueAt = addWorkingDays(heldAt, policy.targets.decisionRecording, calendar);
    const remindAt = addWorkingDays(heldAt, policy.targets.decisionRecording - 1, calendar);
    expect(heldView.deadlines).toEqual([
      {
        target: 'decisionRecording',
        stage: 'HELD',
        dueAt: new Date(dueAt).toISOString(),
        remindAt: new Date(remindAt).toISOString(),
      },
    ]);

    await sleepUntil(remindAt, -10 * MINUTE);
    expect(intents(sessionId, 'SESSION_DEADLINE_REMINDER')).toEqual([]);
    expect((await state(handle)).deadlines[0].remindedAt).toBeUndefined();

    await sleepUntil(remindAt);
    const reminded = await eventually(() => intents(sessionId, 'SESSION_DEADLINE_REMINDER')[0]);
    expect(reminded).toMatchObject({
      key: `${workflowId}/reminder/decisionRecording`,
      recipient: { userId: 'sec', role: 'SECRETARY' },
      data: expect.objectContaining({
        target: 'decisionRecording',
        dueAt: new Date(dueAt).toISOString(),
      }),
    });
    expect(ms(reminded.at)).toBeGreaterThanOrEqual(remindAt);
    expect(intents(sessionId, 'SESSION_DEADLINE_ESCALATION')).toEqual([]);
    expect((await state(handle)).breaches).toEqual([]);

    await sleepUntil(dueAt);
    const escalated = await eventually(() => intents(sessionId, 'SESSION_DEADLINE_ESCALATION')[0]);
    expect(escalated).toMatchObject({
      key: `${workflowId}/escalation/decisionRecording`,
      recipient: { role: 'SUPERVISOR' },
    });
    const breached = await state(handle);
    expect(breached.breaches).toEqual([
      {
        target: 'decisionRecording',
        stage: 'HELD',
        dueAt: new Date(dueAt).toISOString(),
        detectedAt: expect.any(String),
      },
    ]);
    expect(ms(breached.breaches[0].detectedAt)).toBeGreaterThanOrEqual(dueAt);
    expect(breached.deadlines[0].breachedAt).toBe(breached.breaches[0].detectedAt);

    // Days later, nothing more is sent for the same deadline.
    await env.sleep(5 * 24 * HOUR);
    expect(intents(sessionId, 'SESSION_DEADLINE_REMINDER')).toHaveLength(1);
    expect(intents(sessionId, 'SESSION_DEADLINE_ESCALATION')).toHaveLength(1);

    // Drafting the minutes ends the deadline; the breach stays on record.
    await decide(handle, caseIds[0]);
    const drafted = await draft(handle);
    expect(drafted.deadlines.every((d) => d.target === 'minutesApproval')).toBe(true);
    expect(drafted.breaches).toHaveLength(1);
    await recordForReplay(env.client, 'session-decision-deadline-breach', workflowId);
  });

  it('minutes approval: per member and per round, reminders to members, escalations to the secretary, breaches', async () => {
    const { handle, sessionId, drafted } = await minutesOut({ cases: 1 });
    const workflowId = sessionWorkflowId(sessionId);
    const roundStart = ms(drafted.minutes!.draftedAt);
    const dueAt = addWorkingDays(roundStart, policy.targets.minutesApproval, calendar);
    const remindAt = addWorkingDays(roundStart, policy.targets.minutesApproval - 1, calendar);
    expect(drafted.deadlines).toEqual(
      ['chair', 'm1', 'm2'].map((userId) => ({
        target: 'minutesApproval',
        stage: 'MINUTES_UNDER_APPROVAL',
        userId,
        dueAt: new Date(dueAt).toISOString(),
        remindAt: new Date(remindAt).toISOString(),
      })),
    );
    // chair approves at once: no reminder, no breach for chair.
    expect((await approve(handle, chair)).deadlines.map((d) => d.userId)).toEqual(['m1', 'm2']);

    await sleepUntil(remindAt);
    await eventually(() =>
      intents(sessionId, 'SESSION_DEADLINE_REMINDER').length === 2 ? true : undefined,
    );
    expect(
      intents(sessionId, 'SESSION_DEADLINE_REMINDER').map((n) => [n.key, n.recipient]),
    ).toEqual(
      expect.arrayContaining([
        [`${workflowId}/reminder/minutesApproval/1/m1`, { userId: 'm1' }],
        [`${workflowId}/reminder/minutesApproval/1/m2`, { userId: 'm2' }],
      ]),
    );

    // m2 approves before the deadline; m1 does not.
    await approve(handle, m2);
    await sleepUntil(dueAt);
    const escalation = await eventually(() => intents(sessionId, 'SESSION_DEADLINE_ESCALATION')[0]);
    expect(escalation).toMatchObject({
      key: `${workflowId}/escalation/minutesApproval/1/m1`,
      recipient: { userId: 'sec', role: 'SECRETARY' },
      data: expect.objectContaining({ userId: 'm1' }),
    });
    const breached = await state(handle);
    expect(breached.breaches).toEqual([
      {
        target: 'minutesApproval',
        stage: 'MINUTES_UNDER_APPROVAL',
        userId: 'm1',
        dueAt: new Date(dueAt).toISOString(),
        detectedAt: expect.any(String),
      },
    ]);
    expect(intents(sessionId, 'SESSION_DEADLINE_ESCALATION')).toHaveLength(1);

    // An objection ends the round and its deadlines; round 2 has deadlines of its own.
    const objected = await handle.executeUpdate(objectToMinutesUpdate, {
      args: [{ actor: m1, comment: 'The condition on the case is missing' }],
    });
    expect(objected.deadlines).toEqual([]);
    const round2 = await draft(handle);
    const round2Start = ms(round2.minutes!.draftedAt);
    expect(round2.deadlines.map((d) => [d.userId, d.dueAt])).toEqual(
      ['chair', 'm1', 'm2'].map((userId) => [
        userId,
        new Date(
          addWorkingDays(round2Start, policy.targets.minutesApproval, calendar),
        ).toISOString(),
      ]),
    );
    await sleepUntil(ms(round2.deadlines[0].remindAt!));
    await eventually(() =>
      intents(sessionId, 'SESSION_DEADLINE_REMINDER').length === 5 ? true : undefined,
    );
    expect(
      intents(sessionId, 'SESSION_DEADLINE_REMINDER')
        .map((n) => n.key)
        .filter((key) => key.includes('/minutesApproval/2/'))
        .sort(),
    ).toEqual(['chair', 'm1', 'm2'].map((u) => `${workflowId}/reminder/minutesApproval/2/${u}`));
    await recordForReplay(env.client, 'session-minutes-approval-deadlines', workflowId);
  });

  it('does not start a session whose input breaks the rules', async () => {
    const startedAt = await env.currentTimeMs();
    const sessionId = randomUUID();
    const handle = await env.client.workflow.start<SessionWorkflow>(SESSION_WORKFLOW_TYPE, {
      workflowId: sessionWorkflowId(sessionId),
      taskQueue,
      args: [
        {
          sessionId,
          sessionAt: new Date(startedAt + HOUR).toISOString(),
          place: 'Room 2',
          members: MEMBERS.filter((m) => m.role !== 'SECRETARY'),
          quorum: { kind: 'ALL_PRESENT' },
          createdBy: 'sec',
          serviceLevel: { policy, calendar },
        },
      ],
    });
    await expect(handle.result()).rejects.toMatchObject({
      cause: { type: 'SESSION.INVALID_INPUT' },
    });
    expect(snapshots.filter((s) => s.sessionId === sessionId)).toEqual([]);
  });

  it('applies an update sent twice with the same update id once', async () => {
    const { handle, sessionId } = await startSession();
    const caseId = randomUUID();
    const updateId = `add-${caseId}`;
    const first = await handle.executeUpdate(addCaseToAgendaUpdate, {
      args: [{ actor: sec, caseId }],
      updateId,
    });
    const second = await handle.executeUpdate(addCaseToAgendaUpdate, {
      args: [{ actor: sec, caseId }],
      updateId,
    });
    expect(second).toEqual(first);
    expect((await state(handle)).agenda.map((i) => i.caseId)).toEqual([caseId]);
    expect(stubCases.to(caseId, 'scheduleCase')).toHaveLength(1);
    expect(await acceptedUpdates(handle)).toBe(1);

    // A vote re-sent (a client retry) is not refused as a second vote, nor counted twice.
    await env.sleep(2 * HOUR);
    await handle.executeUpdate(markHeldUpdate, {
      args: [{ actor: sec, presentMemberIds: PRESENT }],
    });
    await decide(handle, caseId);
    await draft(handle);
    const vote = { args: [{ actor: chair }] as [{ actor: Actor }], updateId: `vote-${sessionId}` };
    await handle.executeUpdate(approveMinutesUpdate, vote);
    const again = await handle.executeUpdate(approveMinutesUpdate, vote);
    expect(again.minutes?.approvals.map((x) => x.userId)).toEqual(['chair']);
  });
});
