import { randomUUID } from 'node:crypto';
import {
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CaseActivities, CaseProgress } from '../../activities/case.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import type { Actor } from '../../workflows/common/actors';
import {
  acceptDocumentsUpdate,
  cancelCaseUpdate,
  caseWorkflowId,
  finalizeCaseDecisionUpdate,
  getCaseStateQuery,
  getCaseTimelineQuery,
  recordCaseDecisionUpdate,
  rejectCaseUpdate,
  requestCorrectionsUpdate,
  resubmitCorrectionsUpdate,
  scheduleCaseUpdate,
  unscheduleCaseUpdate,
  withdrawCaseUpdate,
} from '../../workflows/case/case.messages';
import type {
  CaseDecision,
  CaseRegistration,
  CaseServiceLevel,
  CaseStage,
  CaseView,
  CaseWorkflowInput,
} from '../../workflows/case/case.types';
import { caseWorkflow } from '../../workflows/case/case.workflow';
import { defaultWorkingCalendar } from '../../workflows/common/sla/default-calendar-data';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../../workflows/common/sla/policy';
import { startTimeSkippingRig, type TimeSkippingRig } from './harness/time-skipping';
import { eventually } from './harness/app-harness';
import { recordForReplay } from './harness/replay-corpus';

/**
 * The case workflow's paths, refusals and timers on Temporal's Java time-skipping test server:
 * `env.sleep` moves the server's clock, so working days pass in milliseconds. Activities are
 * stubs that record what the workflow asked for (the real ones are tested against PostgreSQL).
 */
const clerk: Actor = { userId: 'u-clerk', roles: ['CLERK'], agencyId: 'agency-1' };
const otherClerk: Actor = { userId: 'u-clerk-2', roles: ['CLERK'], agencyId: 'agency-2' };
const reviewer: Actor = { userId: 'u-reviewer', roles: ['REVIEWER'] };
const secretary: Actor = { userId: 'u-secretary', roles: ['SECRETARY', 'MEMBER'] };
const operator: Actor = { userId: 'u-operator', roles: ['OPERATOR'] };
const clerkAndReviewer: Actor = {
  userId: 'u-clerk',
  roles: ['CLERK', 'REVIEWER'],
  agencyId: 'agency-1',
};

// No holidays: the arithmetic here is about the workflow, the calendar has its own tests.
const serviceLevel: CaseServiceLevel = {
  policy: DEFAULT_SERVICE_LEVEL_POLICY,
  calendar: {
    ...defaultWorkingCalendar({ thursdayIsWorkingDay: false }),
    holidays: [],
    closures: [],
  },
  permitValidityDays: 180,
};

describe('case workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `case-ts-${randomUUID()}`;
  const progress: CaseProgress[] = [];
  const intents: NotificationIntent[] = [];
  const registered: CaseRegistration[] = [];
  /**
   * Cases whose permit number is held back until the test lets it go, to catch actions arriving
   * while it is being issued: `issuing` once the activity has started.
   */
  const heldPermits = new Map<
    string,
    { issuing: boolean; released: Promise<void>; release: () => void }
  >();
  const holdPermit = (caseId: string) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = { issuing: false, released, release };
    heldPermits.set(caseId, held);
    return held;
  };

  const activities: CaseActivities & NotificationActivities = {
    recordCaseRegistered: (registration) => {
      registered.push(registration);
      return Promise.resolve();
    },
    recordCaseProgress: (p) => {
      progress.push(p);
      return Promise.resolve();
    },
    issuePermitNumber: async ({ caseId, jalaliYear }) => {
      const held = heldPermits.get(caseId);
      if (held) {
        held.issuing = true;
        await held.released;
      }
      return `${jalaliYear}-00001`;
    },
    recordNotificationIntent: (intent) => {
      intents.push(intent);
      return Promise.resolve();
    },
  };

  let rig: TimeSkippingRig;
  beforeAll(async () => {
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

  async function startCase(
    overrides: Partial<CaseWorkflowInput> = {},
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof caseWorkflow>> {
    const caseId = randomUUID();
    const registration: CaseRegistration = {
      caseId,
      trackingCode: '123456789018',
      requestType: 'SCRAP',
      agencyId: 'agency-1',
      justification: 'خودروی فرسوده',
      vehicles: [{ usageClass: 'SEDAN', modelYear: 1385 }],
      registeredAt: new Date(await env.currentTimeMs()).toISOString(),
      registeredBy: clerk.userId,
    };
    const handle = await env.client.workflow.start(caseWorkflow, {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ registration, serviceLevel, ...overrides }],
    });
    await eventually(async () =>
      (await handle.query(getCaseStateQuery)).stage === 'UNDER_REVIEW' ? true : undefined,
    );
    return handle;
  }

  /** Accepts the case's documents, schedules it on a new session and records `decision` there. */
  async function decide(
    handle: WorkflowHandle<typeof caseWorkflow>,
    decision: Pick<CaseDecision, 'outcome' | 'reasons' | 'deficiencies' | 'conditions'>,
  ): Promise<{ sessionId: string; decided: CaseView }> {
    await handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: reviewer }] });
    const sessionId = randomUUID();
    await handle.executeUpdate(scheduleCaseUpdate, {
      args: [{ actor: secretary, sessionId, sessionAt: sessionAt() }],
    });
    const decided = await handle.executeUpdate(recordCaseDecisionUpdate, {
      args: [
        {
          actor: secretary,
          decision: {
            ...decision,
            sessionId,
            recordedBy: secretary.userId,
            recordedAt: new Date().toISOString(),
          },
        },
      ],
    });
    return { sessionId, decided };
  }

  async function refusal(action: Promise<unknown>): Promise<string | undefined> {
    try {
      await action;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
        return error.cause.type ?? undefined;
      throw error;
    }
    return undefined;
  }

  const sessionAt = () => new Date(Date.now() + 7 * 86400000).toISOString();

  it('goes from registration to a permit, with a correction round, answering each action with the new state', async () => {
    const handle = await startCase();
    const corrections = await handle.executeUpdate(requestCorrectionsUpdate, {
      args: [
        {
          actor: reviewer,
          deficiencies: [{ target: 'document:VEHICLE_CARD', note: 'کارت خودرو ناخوانا است' }],
        },
      ],
    });
    expect(corrections).toMatchObject({
      stage: 'AWAITING_CORRECTIONS',
      waitingOn: 'AGENCY',
      reviewRound: 1,
    });
    const resubmitted = await handle.executeUpdate(resubmitCorrectionsUpdate, {
      args: [{ actor: clerk, documentIds: ['d-1'] }],
    });
    expect(resubmitted).toMatchObject({ stage: 'UNDER_REVIEW', reviewRound: 2 });
    const accepted = await handle.executeUpdate(acceptDocumentsUpdate, {
      args: [{ actor: reviewer }],
    });
    expect(accepted).toMatchObject({ stage: 'AWAITING_SESSION', waitingOn: 'SECRETARY' });

    const sessionId = randomUUID();
    const scheduled = await handle.executeUpdate(scheduleCaseUpdate, {
      args: [{ actor: secretary, sessionId, sessionAt: sessionAt() }],
    });
    expect(scheduled).toMatchObject({ stage: 'SCHEDULED', session: { sessionId } });
    const decided = await handle.executeUpdate(recordCaseDecisionUpdate, {
      args: [
        {
          actor: secretary,
          decision: {
            outcome: 'APPROVED_WITH_CONDITIONS',
            conditions: ['تحویل پلاک'],
            sessionId,
            recordedBy: secretary.userId,
            recordedAt: new Date().toISOString(),
          },
        },
      ],
    });
    expect(decided.stage).toBe('DECIDED');
    const final = await handle.executeUpdate(finalizeCaseDecisionUpdate, {
      args: [{ actor: secretary, sessionId, minutesApprovedAt: new Date().toISOString() }],
    });
    expect(final).toMatchObject({
      stage: 'CLOSED',
      result: { kind: 'PERMIT', conditions: ['تحویل پلاک'] },
    });
    expect(final.result?.permitNumber).toMatch(/^14\d\d-00001$/);
    expect(Date.parse(final.result!.validUntil!) - Date.parse(final.result!.validFrom!)).toBe(
      180 * 86400000,
    );

    const result = await handle.result();
    expect(result.stage).toBe('CLOSED');
    const timeline = await handle.query(getCaseTimelineQuery);
    expect(timeline.map((e) => e.action)).toEqual([
      'SUBMITTED_FOR_REVIEW',
      'CORRECTIONS_REQUESTED',
      'CORRECTIONS_SUBMITTED',
      'DOCUMENTS_ACCEPTED',
      'SCHEDULED',
      'DECISION_RECORDED',
      'PERMIT_ISSUED',
      'CLOSED',
    ]);
    expect(timeline.find((e) => e.action === 'CORRECTIONS_SUBMITTED')?.clock).toBe('DIRECTORATE');
    expect(timeline.find((e) => e.action === 'CORRECTIONS_REQUESTED')?.clock).toBe('AGENCY');
    const mine = intents.filter((i) => i.caseId === final.caseId).map((i) => i.event);
    expect(mine).toEqual([
      'CASE_REGISTERED',
      'CORRECTIONS_REQUESTED',
      'CASE_SCHEDULED',
      'RESULT_PERMIT',
    ]);
    // Every timeline line reached the read model exactly once.
    const rows = progress.filter((p) => p.caseId === final.caseId);
    expect(rows.map((p) => p.entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await recordForReplay(env.client, 'case-permit-after-correction-round', handle.workflowId);
  });

  const outcomes: [
    string,
    Pick<CaseDecision, 'outcome' | 'reasons' | 'deficiencies'>,
    CaseStage,
    string | undefined,
  ][] = [
    ['APPROVED', { outcome: 'APPROVED' }, 'CLOSED', 'PERMIT'],
    ['REJECTED', { outcome: 'REJECTED', reasons: ['خودرو قابل تعمیر است'] }, 'CLOSED', 'REFUSAL'],
    [
      'DEFERRED_TO_SCHEDULING',
      { outcome: 'DEFERRED_TO_SCHEDULING' },
      'AWAITING_SESSION',
      undefined,
    ],
    [
      'DEFERRED_TO_CORRECTIONS',
      {
        outcome: 'DEFERRED_TO_CORRECTIONS',
        deficiencies: [{ target: 'document:EXPERT_OPINION', note: 'نظر کارشناس رسمی لازم است' }],
      },
      'AWAITING_CORRECTIONS',
      undefined,
    ],
  ];
  it.each(outcomes)(
    'applies a %s decision once the minutes are final',
    async (_name, decision, stage, result) => {
      const handle = await startCase();
      const { sessionId } = await decide(handle, decision);
      const final = await handle.executeUpdate(finalizeCaseDecisionUpdate, {
        args: [{ actor: secretary, sessionId, minutesApprovedAt: new Date().toISOString() }],
      });
      expect(final.stage).toBe(stage);
      expect(final.result?.kind).toBe(result);
      if (stage !== 'CLOSED')
        await handle.executeUpdate(cancelCaseUpdate, {
          args: [{ actor: operator, reason: 'پایان آزمون' }],
        });
      await recordForReplay(
        env.client,
        `case-decision-${decision.outcome.toLowerCase()}`,
        handle.workflowId,
      );
    },
  );

  it('closes on withdrawal, operator cancellation and rejection at review, keeping who and why', async () => {
    const withdrawn = await startCase();
    expect(
      await withdrawn.executeUpdate(withdrawCaseUpdate, {
        args: [{ actor: clerk, reason: 'منصرف شدیم' }],
      }),
    ).toMatchObject({
      stage: 'WITHDRAWN',
      closure: { stage: 'WITHDRAWN', by: clerk.userId, reason: 'منصرف شدیم' },
    });
    const cancelled = await startCase();
    expect(
      await cancelled.executeUpdate(cancelCaseUpdate, {
        args: [{ actor: operator, reason: 'ثبت تکراری' }],
      }),
    ).toMatchObject({
      stage: 'CANCELLED',
      closure: { by: operator.userId, reason: 'ثبت تکراری' },
    });
    const rejected = await startCase();
    expect(
      await rejected.executeUpdate(rejectCaseUpdate, {
        args: [{ actor: reviewer, reasons: ['مدارک جعلی'] }],
      }),
    ).toMatchObject({
      stage: 'REJECTED',
      result: { kind: 'REFUSAL', reasons: ['مدارک جعلی'] },
    });
    for (const handle of [withdrawn, cancelled, rejected])
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    await recordForReplay(env.client, 'case-withdrawn', withdrawn.workflowId);
    await recordForReplay(env.client, 'case-cancelled', cancelled.workflowId);
    await recordForReplay(env.client, 'case-rejected-at-review', rejected.workflowId);
  });

  it('refuses wrong stage, wrong role, another agency, the filer reviewing, bad input and wrong session — changing nothing', async () => {
    const handle = await startCase();
    const before = await handle.query(getCaseStateQuery);
    const attempts: [string, Promise<unknown>][] = [
      [
        'CASE.ROLE_REQUIRED',
        handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: clerk }] }),
      ],
      [
        'CASE.SAME_PERSON',
        handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: clerkAndReviewer }] }),
      ],
      [
        'CASE.WRONG_STAGE',
        handle.executeUpdate(resubmitCorrectionsUpdate, { args: [{ actor: clerk }] }),
      ],
      [
        'CASE.NOT_YOUR_AGENCY',
        handle.executeUpdate(withdrawCaseUpdate, { args: [{ actor: otherClerk }] }),
      ],
      [
        'CASE.INVALID_INPUT',
        handle.executeUpdate(requestCorrectionsUpdate, {
          args: [{ actor: reviewer, deficiencies: [] }],
        }),
      ],
      [
        'CASE.INVALID_INPUT',
        handle.executeUpdate(rejectCaseUpdate, { args: [{ actor: reviewer, reasons: [] }] }),
      ],
      [
        'CASE.ROLE_REQUIRED',
        handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: reviewer, reason: 'x' }] }),
      ],
      [
        'CASE.WRONG_STAGE',
        handle.executeUpdate(scheduleCaseUpdate, {
          args: [{ actor: secretary, sessionId: 's', sessionAt: sessionAt() }],
        }),
      ],
    ];
    for (const [code, attempt] of attempts) expect(await refusal(attempt)).toBe(code);
    const after = await handle.query(getCaseStateQuery);
    expect(after).toEqual(before);

    await handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: reviewer }] });
    const sessionId = randomUUID();
    await handle.executeUpdate(scheduleCaseUpdate, {
      args: [{ actor: secretary, sessionId, sessionAt: sessionAt() }],
    });
    expect(
      await refusal(
        handle.executeUpdate(scheduleCaseUpdate, {
          args: [{ actor: secretary, sessionId: 'another', sessionAt: sessionAt() }],
        }),
      ),
    ).toBe('CASE.WRONG_SESSION');
    expect(
      await refusal(
        handle.executeUpdate(finalizeCaseDecisionUpdate, {
          args: [{ actor: secretary, sessionId, minutesApprovedAt: new Date().toISOString() }],
        }),
      ),
    ).toBe('CASE.WRONG_STAGE');
    // Moving the session re-schedules the case on the same session; unscheduling hands it back.
    expect(
      await handle.executeUpdate(scheduleCaseUpdate, {
        args: [{ actor: secretary, sessionId, sessionAt: sessionAt() }],
      }),
    ).toMatchObject({ stage: 'SCHEDULED' });
    const unscheduled = await handle.executeUpdate(unscheduleCaseUpdate, {
      args: [{ actor: secretary, sessionId, reason: 'جلسه شلوغ بود' }],
    });
    expect(unscheduled.stage).toBe('AWAITING_SESSION');
    expect(unscheduled.session).toBeUndefined();
    // Once closed the workflow has ended, so Temporal itself refuses further updates.
    await handle.executeUpdate(withdrawCaseUpdate, { args: [{ actor: clerk }] });
    expect((await handle.result()).stage).toBe('WITHDRAWN');
    await recordForReplay(env.client, 'case-refusals-move-unschedule-withdraw', handle.workflowId);
  });

  it('refuses any action that arrives while a final decision is being applied', async () => {
    const handle = await startCase();
    const { caseId } = await handle.query(getCaseStateQuery);
    const permit = holdPermit(caseId);
    const { sessionId } = await decide(handle, { outcome: 'APPROVED' });
    const finalizing = handle.executeUpdate(finalizeCaseDecisionUpdate, {
      args: [{ actor: secretary, sessionId, minutesApprovedAt: new Date().toISOString() }],
    });
    try {
      // The permit number is being issued (its activity has started, and waits for the test).
      await eventually(() => (permit.issuing ? true : undefined));
      expect(
        await refusal(
          handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: operator, reason: 'دیر شد' }] }),
        ),
      ).toBe('CASE.WRONG_STAGE');
    } finally {
      permit.release();
    }
    const final = await finalizing;
    expect(final).toMatchObject({ stage: 'CLOSED', result: { kind: 'PERMIT' } });
    expect(final.closure?.stage).toBe('CLOSED');
  });

  it('applies a retried action (same update id) once', async () => {
    const handle = await startCase();
    const updateId = `accept-${randomUUID()}`;
    const first = await handle.executeUpdate(acceptDocumentsUpdate, {
      args: [{ actor: reviewer }],
      updateId,
    });
    const second = await handle.executeUpdate(acceptDocumentsUpdate, {
      args: [{ actor: reviewer }],
      updateId,
    });
    expect(second).toEqual(first);
    const timeline = await handle.query(getCaseTimelineQuery);
    expect(timeline.filter((e) => e.action === 'DOCUMENTS_ACCEPTED')).toHaveLength(1);
    await recordForReplay(env.client, 'case-retried-update', handle.workflowId);
    await handle.executeUpdate(withdrawCaseUpdate, { args: [{ actor: clerk }] });
  });

  it('reminds the reviewer a working day before the review deadline, escalates and records a breach after it', async () => {
    const handle = await startCase();
    const start = await handle.query(getCaseStateQuery);
    const review = start.deadlines.find((d) => d.target === 'documentReview')!;
    expect(review.remindAt).toBeDefined();
    // Five working days: never less than five calendar days, at most nine with weekends.
    const span = Date.parse(review.dueAt) - Date.parse(start.stageSince);
    expect(span).toBeGreaterThanOrEqual(5 * 86400000);
    expect(span).toBeLessThanOrEqual(9 * 86400000);

    await env.sleep(Date.parse(review.remindAt!) - (await env.currentTimeMs()) + 1000);
    const reminded = await handle.query(getCaseStateQuery);
    expect(reminded.deadlines.find((d) => d.target === 'documentReview')?.remindedAt).toBeDefined();
    expect(reminded.breaches).toEqual([]);
    expect(
      intents.filter((i) => i.caseId === start.caseId && i.event === 'DEADLINE_REMINDER'),
    ).toHaveLength(1);

    await env.sleep(Date.parse(review.dueAt) - (await env.currentTimeMs()) + 1000);
    const breached = await handle.query(getCaseStateQuery);
    expect(breached.breaches).toEqual([
      expect.objectContaining({ target: 'documentReview', stage: 'UNDER_REVIEW' }),
    ]);
    const escalations = intents.filter(
      (i) => i.caseId === start.caseId && i.event === 'DEADLINE_ESCALATION',
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0].recipient).toEqual({ role: 'SUPERVISOR' });
    const described = await handle.describe();
    expect(described.searchAttributes?.SlaBreached).toEqual([true]);
    // Still reviewable after the breach; the breach stays on record.
    expect(
      await handle.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: reviewer }] }),
    ).toMatchObject({
      stage: 'AWAITING_SESSION',
      breaches: [expect.objectContaining({ target: 'documentReview' })],
    });
    await handle.executeUpdate(withdrawCaseUpdate, { args: [{ actor: clerk }] });
    await recordForReplay(env.client, 'case-review-reminder-and-breach', handle.workflowId);
  });

  it('abandons the case when the agency’s correction window runs out, and pauses the directorate’s clock meanwhile', async () => {
    const handle = await startCase();
    const asked = await handle.executeUpdate(requestCorrectionsUpdate, {
      args: [
        {
          actor: reviewer,
          deficiencies: [{ target: 'field:vehicles[0].vin', note: 'شماره شاسی اشتباه است' }],
        },
      ],
    });
    const window = asked.deadlines.find((d) => d.target === 'correctionWindow')!;
    expect(asked.deadlines.find((d) => d.target === 'wholeCase')).toBeUndefined(); // clock paused
    const usedAtPause = asked.directorateWorkingDaysUsed;
    await env.sleep(Date.parse(window.dueAt) - (await env.currentTimeMs()) - 60000);
    const justBefore = await handle.query(getCaseStateQuery);
    expect(justBefore.stage).toBe('AWAITING_CORRECTIONS');
    expect(justBefore.directorateWorkingDaysUsed).toBe(usedAtPause);
    expect(
      intents.filter((i) => i.caseId === asked.caseId && i.event === 'DEADLINE_REMINDER')[0]
        ?.recipient,
    ).toEqual({
      role: 'CLERK',
      agencyId: 'agency-1',
    });
    await env.sleep(120000);
    const result = await handle.result();
    expect(result).toMatchObject({
      stage: 'ABANDONED',
      closure: { stage: 'ABANDONED', by: 'system' },
    });
    expect(intents.filter((i) => i.caseId === asked.caseId).map((i) => i.event)).toContain(
      'CASE_ABANDONED',
    );
    await recordForReplay(env.client, 'case-abandoned', handle.workflowId);
  });

  it('continues as new in long cases, carrying state and pending deadlines', async () => {
    const handle = await startCase({ continueAsNewAfterEvents: 40 });
    for (let round = 0; round < 6; round++) {
      await handle.executeUpdate(requestCorrectionsUpdate, {
        args: [
          {
            actor: reviewer,
            deficiencies: [{ target: 'document:REQUEST_LETTER', note: `دور ${round + 1}` }],
          },
        ],
      });
      await handle.executeUpdate(resubmitCorrectionsUpdate, { args: [{ actor: clerk }] });
    }
    const latest = env.client.workflow.getHandle(handle.workflowId); // follows the newest run
    const state = await latest.query(getCaseStateQuery);
    expect(state.generation).toBeGreaterThan(0);
    expect(state).toMatchObject({ stage: 'UNDER_REVIEW', reviewRound: 7, timelineLength: 13 });
    expect(state.deadlines.map((d) => d.target).sort()).toEqual(['documentReview', 'wholeCase']);
    const timeline = await latest.query(getCaseTimelineQuery);
    expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(
      await latest.executeUpdate(acceptDocumentsUpdate, { args: [{ actor: reviewer }] }),
    ).toMatchObject({
      stage: 'AWAITING_SESSION',
    });
    await latest.executeUpdate(withdrawCaseUpdate, { args: [{ actor: clerk }] });
    await recordForReplay(
      env.client,
      'case-continued-as-new-first-run',
      handle.workflowId,
      handle.firstExecutionRunId,
    );
    await recordForReplay(env.client, 'case-continued-as-new-latest-run', handle.workflowId);
  });
});
