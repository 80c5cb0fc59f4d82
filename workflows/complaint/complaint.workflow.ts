import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities/complaint.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import { EVENTUAL_WRITES } from '../common/activity-options';
import {
  type AnswerComplaintInput,
  type AssignComplaintInput,
  type WithdrawComplaintInput,
  answerComplaintUpdate,
  assignComplaintUpdate,
  getComplaintStateQuery,
  withdrawComplaintUpdate,
} from './complaint.messages';
import {
  complaintDeadline,
  complaintRules,
  isTerminalComplaint,
  nextComplaintTimer,
  reminderRecipient,
} from './complaint.rules';
import type {
  ComplaintAction,
  ComplaintEvent,
  ComplaintState,
  ComplaintStatus,
  ComplaintView,
  ComplaintWorkflowInput,
} from './complaint.types';

/** The complaint's read-model and notification writes: they must eventually succeed. */
const persistence = proxyActivities<ComplaintActivities & NotificationActivities>(EVENTUAL_WRITES);

const nowIso = () => new Date().toISOString(); // workflow time: deterministic under replay

type Notify = Pick<NotificationIntent, 'event' | 'recipient'> & { data?: Record<string, unknown> };

/**
 * One opinion or complaint (docs/domain.md §4.2): filed → (assigned to an owner) → answered, or
 * withdrawn by its filer. It has a response target in working days on the calendar pinned when
 * it was filed: a reminder before it (to the owner, or the operators while nobody owns it) and an
 * escalation when it passes unanswered. Every human action is an update whose validator applies
 * complaintRules; the answer is the new state. No search attributes: nothing to index that would
 * not be personal.
 */
export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintView> {
  const { filing, serviceLevel } = input;
  const deadline = complaintDeadline(Date.parse(filing.filedAt), serviceLevel);
  const state: ComplaintState = {
    ...filing,
    status: 'OPEN',
    statusSince: filing.filedAt,
    dueAt: deadline.dueAt,
    remindAt: deadline.remindAt,
    policyVersion: serviceLevel.policyVersion,
    events: [],
  };
  /** Bumped on every change so the main loop re-plans its timer. */
  let changes = 0;
  /** The read model's row exists: later writes (an early action's among them) wait for it. */
  let filedRecorded = false;

  const view = (): ComplaintView => ({ ...state, events: [...state.events] });

  const moveTo = (status: ComplaintStatus) => {
    state.status = status;
    state.statusSince = nowIso();
  };

  /** Appends to the history, writes it and the complaint's current state to the read model. */
  const record = async (
    by: string,
    action: ComplaintAction,
    details?: Record<string, unknown>,
    notify?: Notify,
  ) => {
    const event: ComplaintEvent = {
      seq: state.events.length + 1,
      at: nowIso(),
      by,
      action,
      ...(details ? { details } : {}),
    };
    state.events.push(event);
    changes++;
    await condition(() => filedRecorded);
    await persistence.recordComplaintProgress({
      complaintId: state.complaintId,
      event,
      status: state.status,
      statusSince: state.statusSince,
      ownerId: state.owner?.userId,
      assignedAt: state.owner?.assignedAt,
      remindedAt: state.remindedAt,
      escalatedAt: state.escalatedAt,
      answer: state.answer,
      withdrawal: state.withdrawal,
    });
    if (notify) await intent(event, notify);
  };

  const intent = (event: Pick<ComplaintEvent, 'seq' | 'at'>, notify: Notify) =>
    persistence.recordNotificationIntent({
      ...notify,
      key: `complaint-${state.complaintId}/${event.seq}/${notify.event}`,
      data: {
        complaintId: state.complaintId,
        trackingCode: state.trackingCode,
        kind: state.kind,
        ...(state.caseId ? { caseId: state.caseId } : {}),
        ...notify.data,
      },
      at: event.at,
    });

  setHandler(getComplaintStateQuery, view);

  setHandler(
    assignComplaintUpdate,
    async ({ actor, owner, note }) => {
      const previous = state.owner?.userId;
      state.owner = { userId: owner.userId, assignedBy: actor.userId, assignedAt: nowIso() };
      moveTo('ASSIGNED');
      await record(
        actor.userId,
        'ASSIGNED',
        { ownerId: owner.userId, ...(previous ? { previousOwnerId: previous } : {}), note },
        {
          event: 'COMPLAINT_ASSIGNED',
          recipient: { userId: owner.userId },
          data: { dueAt: state.dueAt },
        },
      );
      return view();
    },
    {
      validator: ({ actor, owner, note }: AssignComplaintInput) =>
        complaintRules.assign(state, actor, owner, note),
    },
  );

  setHandler(
    answerComplaintUpdate,
    async ({ actor, answer }) => {
      state.answer = { text: answer, by: actor.userId, at: nowIso() };
      moveTo('ANSWERED');
      await record(
        actor.userId,
        'ANSWERED',
        { onTime: Date.parse(state.answer.at) <= Date.parse(state.dueAt) },
        { event: 'COMPLAINT_ANSWERED', recipient: { userId: state.filedBy } },
      );
      return view();
    },
    {
      validator: ({ actor, answer }: AnswerComplaintInput) =>
        complaintRules.answer(state, actor, answer),
    },
  );

  setHandler(
    withdrawComplaintUpdate,
    async ({ actor, reason }) => {
      state.withdrawal = { reason, by: actor.userId, at: nowIso() };
      moveTo('WITHDRAWN');
      // Whoever owed the answer hears that nothing is owed any more.
      await record(
        actor.userId,
        'WITHDRAWN',
        undefined,
        state.owner
          ? { event: 'COMPLAINT_WITHDRAWN', recipient: { userId: state.owner.userId } }
          : undefined,
      );
      return view();
    },
    {
      validator: ({ actor, reason }: WithdrawComplaintInput) =>
        complaintRules.withdraw(state, actor, reason),
    },
  );

  /** The reminder before the target, or the escalation when it has passed unanswered. */
  async function fire(kind: 'REMIND' | 'ESCALATE'): Promise<void> {
    if (kind === 'REMIND') {
      state.remindedAt = nowIso();
      await record(
        'system',
        'REMINDER',
        { dueAt: state.dueAt },
        {
          event: 'COMPLAINT_REMINDER',
          recipient: reminderRecipient(state),
          data: { dueAt: state.dueAt },
        },
      );
      return;
    }
    state.escalatedAt = nowIso();
    await record(
      'system',
      'ESCALATED',
      { dueAt: state.dueAt, ownerId: state.owner?.userId },
      {
        event: 'COMPLAINT_ESCALATION',
        recipient: { role: serviceLevel.escalateToRole },
        data: { dueAt: state.dueAt, ownerId: state.owner?.userId },
      },
    );
  }

  // Filed: the read model's row and first event in one write, then the filer's receipt.
  const filed: ComplaintEvent = { seq: 1, at: filing.filedAt, by: filing.filedBy, action: 'FILED' };
  state.events.push(filed);
  await persistence.recordComplaintFiled({
    filing,
    policyVersion: state.policyVersion,
    dueAt: state.dueAt,
    remindAt: state.remindAt,
  });
  filedRecorded = true;
  await intent(filed, {
    event: 'COMPLAINT_FILED',
    recipient: { userId: filing.filedBy },
    data: { dueAt: state.dueAt },
  });

  while (!isTerminalComplaint(state.status)) {
    const seen = changes;
    const next = nextComplaintTimer(state);
    const changed =
      next === undefined
        ? await condition(() => changes !== seen).then(() => true)
        : await condition(() => changes !== seen, Math.max(1, next.atMs - Date.now()));
    if (!changed && next && !isTerminalComplaint(state.status)) await fire(next.kind);
  }
  await condition(allHandlersFinished);
  return view();
}
