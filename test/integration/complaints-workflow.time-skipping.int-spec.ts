import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type {
  ComplaintActivities,
  ComplaintFiled,
  ComplaintProgress,
} from '../../activities/complaint.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import type { Actor } from '../../workflows/common/actors';
import {
  answerComplaintUpdate,
  assignComplaintUpdate,
  complaintWorkflowId,
  getComplaintStateQuery,
  withdrawComplaintUpdate,
} from '../../workflows/complaint/complaint.messages';
import type {
  ComplaintServiceLevel,
  ComplaintWorkflowInput,
} from '../../workflows/complaint/complaint.types';
import { complaintWorkflow } from '../../workflows/complaint/complaint.workflow';
import { defaultWorkingCalendar } from '../../workflows/common/sla/default-calendar-data';
import { recordForReplay } from './harness/replay-corpus';
import { startTimeSkippingRig, type TimeSkippingRig } from './harness/time-skipping';

/**
 * The complaint workflow on Temporal's time-skipping test server: filing, assignment, the
 * reminder before the response target and the escalation after it, the answer; refusals and
 * withdrawal. Activities are stubs recording what the workflow asked for (the real ones write
 * PostgreSQL in complaints.int-spec.ts).
 */
const filer: Actor = { userId: 'u-filer', roles: ['CLERK'], agencyId: 'agency-1' };
const operator: Actor = { userId: 'u-operator', roles: ['OPERATOR'] };
const reviewer: Actor = { userId: 'u-reviewer', roles: ['REVIEWER'] };
const secretary: Actor = { userId: 'u-secretary', roles: ['SECRETARY'] };
const member: Actor = { userId: 'u-member', roles: ['MEMBER'] };

// No holidays: the arithmetic here is about the workflow, the calendar has its own tests.
const serviceLevel: ComplaintServiceLevel = {
  policyVersion: 'complaints-1',
  responseWorkingDays: 5,
  reminderBeforeWorkingDays: 1,
  escalateToRole: 'SUPERVISOR',
  calendar: {
    ...defaultWorkingCalendar({ thursdayIsWorkingDay: false }),
    holidays: [],
    closures: [],
  },
};

/** Polls (in real time) until `probe` returns a value that is not undefined. */
async function eventually<T>(probe: () => T | undefined, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
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

describe('complaint workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let rig: TimeSkippingRig;
  const taskQueue = `complaint-ts-${randomUUID()}`;
  const filed: ComplaintFiled[] = [];
  const progress: ComplaintProgress[] = [];
  const intents: NotificationIntent[] = [];

  const activities: ComplaintActivities & NotificationActivities = {
    recordComplaintFiled: (f) => {
      filed.push(f);
      return Promise.resolve();
    },
    recordComplaintProgress: (p) => {
      progress.push(p);
      return Promise.resolve();
    },
    recordNotificationIntent: (intent) => {
      intents.push(intent);
      return Promise.resolve();
    },
  };

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

  async function fileComplaint(overrides: Partial<ComplaintWorkflowInput['filing']> = {}) {
    const complaintId = randomUUID();
    const handle = await env.client.workflow.start(complaintWorkflow, {
      workflowId: complaintWorkflowId(complaintId),
      taskQueue,
      args: [
        {
          filing: {
            complaintId,
            trackingCode: '123456789018',
            kind: 'COMPLAINT',
            caseId: randomUUID(),
            caseAgencyId: 'agency-1',
            subject: 'تأخیر در بررسی',
            text: 'مدارک ما دو هفته است بررسی نشده است',
            filedBy: filer.userId,
            filerAgencyId: filer.agencyId,
            filedAt: new Date(await env.currentTimeMs()).toISOString(),
            ...overrides,
          },
          serviceLevel,
        },
      ],
    });
    await eventually(() =>
      intents.some((i) => i.key === `complaint-${complaintId}/1/COMPLAINT_FILED`)
        ? true
        : undefined,
    );
    return { handle, complaintId };
  }
  const intentsOf = (complaintId: string) =>
    intents.filter((i) => i.key.startsWith(`complaint-${complaintId}/`));

  it('goes from filing to answer: assigned, reminded a working day before the target, escalated after it, answered', async () => {
    const { handle, complaintId } = await fileComplaint();
    const start = await handle.query(getComplaintStateQuery);
    expect(start).toMatchObject({ status: 'OPEN', policyVersion: 'complaints-1' });
    expect(filed.find((f) => f.filing.complaintId === complaintId)).toMatchObject({
      dueAt: start.dueAt,
      remindAt: start.remindAt,
    });
    // Five working days: never less than five calendar days, at most nine with weekends.
    const span = Date.parse(start.dueAt) - Date.parse(start.filedAt);
    expect(span).toBeGreaterThanOrEqual(5 * 86400000);
    expect(span).toBeLessThanOrEqual(9 * 86400000);
    expect(intentsOf(complaintId)).toEqual([
      expect.objectContaining({
        event: 'COMPLAINT_FILED',
        recipient: { userId: filer.userId },
        data: expect.objectContaining({ trackingCode: '123456789018', dueAt: start.dueAt }),
      }),
    ]);

    const assigned = await handle.executeUpdate(assignComplaintUpdate, {
      args: [{ actor: operator, owner: { userId: reviewer.userId, roles: reviewer.roles } }],
    });
    expect(assigned).toMatchObject({ status: 'ASSIGNED', owner: { userId: reviewer.userId } });

    await env.sleep(Date.parse(start.remindAt!) - (await env.currentTimeMs()) + 1000);
    const reminded = await handle.query(getComplaintStateQuery);
    expect(reminded.remindedAt).toBeDefined();
    expect(reminded.escalatedAt).toBeUndefined();

    await env.sleep(Date.parse(start.dueAt) - (await env.currentTimeMs()) + 1000);
    const escalated = await handle.query(getComplaintStateQuery);
    expect(escalated.escalatedAt).toBeDefined();
    expect(escalated.status).toBe('ASSIGNED'); // still owed: escalation does not close it

    // Another directorate user may not answer; the owner does.
    expect(
      await refusal(
        handle.executeUpdate(answerComplaintUpdate, { args: [{ actor: secretary, answer: 'x' }] }),
      ),
    ).toBe('COMPLAINT.NOT_OWNER');
    const answered = await handle.executeUpdate(answerComplaintUpdate, {
      args: [{ actor: reviewer, answer: 'مدارک بررسی و نتیجه اعلام شد.' }],
    });
    expect(answered).toMatchObject({
      status: 'ANSWERED',
      answer: { by: reviewer.userId, text: 'مدارک بررسی و نتیجه اعلام شد.' },
    });
    expect((await handle.result()).status).toBe('ANSWERED');
    expect(answered.events.map((e) => e.action)).toEqual([
      'FILED',
      'ASSIGNED',
      'REMINDER',
      'ESCALATED',
      'ANSWERED',
    ]);
    expect(answered.events.find((e) => e.action === 'ANSWERED')?.details).toEqual({
      onTime: false,
    });
    expect(
      intentsOf(complaintId).map((i) => [
        i.event,
        i.recipient,
        i.key.split('/').slice(1).join('/'),
      ]),
    ).toEqual([
      ['COMPLAINT_FILED', { userId: filer.userId }, '1/COMPLAINT_FILED'],
      ['COMPLAINT_ASSIGNED', { userId: reviewer.userId }, '2/COMPLAINT_ASSIGNED'],
      ['COMPLAINT_REMINDER', { userId: reviewer.userId }, '3/COMPLAINT_REMINDER'],
      ['COMPLAINT_ESCALATION', { role: 'SUPERVISOR' }, '4/COMPLAINT_ESCALATION'],
      ['COMPLAINT_ANSWERED', { userId: filer.userId }, '5/COMPLAINT_ANSWERED'],
    ]);
    // Every history line reached the read model once, in order, with the state after it.
    expect(
      progress.filter((p) => p.complaintId === complaintId).map((p) => [p.event.seq, p.status]),
    ).toEqual([
      [2, 'ASSIGNED'],
      [3, 'ASSIGNED'],
      [4, 'ASSIGNED'],
      [5, 'ANSWERED'],
    ]);
    // No search attributes: nothing about a complaint is indexed in Temporal's visibility.
    const described = await handle.describe();
    expect(Object.keys(described.searchAttributes ?? {})).toEqual([]);
    await recordForReplay(env.client, 'complaint-reminder-escalation-answer', handle.workflowId);
  });

  it('reminds the operators while nobody owns it; an operator may answer unassigned', async () => {
    const { handle, complaintId } = await fileComplaint({ kind: 'OPINION', caseId: undefined });
    const start = await handle.query(getComplaintStateQuery);
    await env.sleep(Date.parse(start.remindAt!) - (await env.currentTimeMs()) + 1000);
    await eventually(() =>
      intentsOf(complaintId).some((i) => i.event === 'COMPLAINT_REMINDER') ? true : undefined,
    );
    expect(intentsOf(complaintId).find((i) => i.event === 'COMPLAINT_REMINDER')?.recipient).toEqual(
      { role: 'OPERATOR' },
    );
    const answered = await handle.executeUpdate(answerComplaintUpdate, {
      args: [{ actor: operator, answer: 'نظر شما دریافت شد؛ سپاسگزاریم.' }],
    });
    expect(answered.status).toBe('ANSWERED');
    expect(answered.events.at(-1)?.details).toEqual({ onTime: true });
    // Answered before the target: no escalation comes later.
    await env.sleep(10 * 86400000);
    expect(intentsOf(complaintId).some((i) => i.event === 'COMPLAINT_ESCALATION')).toBe(false);
  });

  it('refuses wrong people, bad input and closed complaints, changing nothing; the filer withdraws', async () => {
    const { handle, complaintId } = await fileComplaint();
    const before = await handle.query(getComplaintStateQuery);
    const owner = { userId: reviewer.userId, roles: reviewer.roles };
    const attempts: [string, Promise<unknown>][] = [
      [
        'COMPLAINT.ROLE_REQUIRED',
        handle.executeUpdate(assignComplaintUpdate, { args: [{ actor: reviewer, owner }] }),
      ],
      [
        'COMPLAINT.INVALID_INPUT',
        handle.executeUpdate(assignComplaintUpdate, {
          args: [{ actor: operator, owner: { userId: member.userId, roles: member.roles } }],
        }),
      ],
      [
        'COMPLAINT.NOT_OWNER',
        handle.executeUpdate(answerComplaintUpdate, { args: [{ actor: reviewer, answer: 'x' }] }),
      ],
      [
        'COMPLAINT.INVALID_INPUT',
        handle.executeUpdate(answerComplaintUpdate, { args: [{ actor: operator, answer: ' ' }] }),
      ],
      [
        'COMPLAINT.NOT_FILER',
        handle.executeUpdate(withdrawComplaintUpdate, { args: [{ actor: operator }] }),
      ],
    ];
    for (const [code, attempt] of attempts) expect(await refusal(attempt)).toBe(code);
    expect(await handle.query(getComplaintStateQuery)).toEqual(before);

    // A retried action (same update id) applies once.
    const updateId = `assign-${randomUUID()}`;
    const first = await handle.executeUpdate(assignComplaintUpdate, {
      args: [{ actor: operator, owner }],
      updateId,
    });
    const second = await handle.executeUpdate(assignComplaintUpdate, {
      args: [{ actor: operator, owner }],
      updateId,
    });
    expect(second).toEqual(first);
    expect(first.events.filter((e) => e.action === 'ASSIGNED')).toHaveLength(1);

    const withdrawn = await handle.executeUpdate(withdrawComplaintUpdate, {
      args: [{ actor: filer, reason: 'موضوع حل شد' }],
    });
    expect(withdrawn).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { by: filer.userId, reason: 'موضوع حل شد' },
    });
    expect((await handle.result()).status).toBe('WITHDRAWN');
    // The owner hears that nothing is owed any more.
    expect(intentsOf(complaintId).at(-1)).toMatchObject({
      event: 'COMPLAINT_WITHDRAWN',
      recipient: { userId: reviewer.userId },
    });
    await recordForReplay(env.client, 'complaint-refusals-withdrawn', handle.workflowId);
  });
});
