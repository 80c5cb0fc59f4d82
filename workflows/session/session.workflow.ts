import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  CaseMessagingActivities,
  CaseUpdateName,
} from '../../activities/case-messaging.activities';
import type {
  NotificationActivities,
  NotificationIntent,
} from '../../activities/notification.activities';
import type { SessionActivities } from '../../activities/session.activities';
import { SYSTEM_ACTOR, type Actor } from '../shared/actors';
import { caseLeftAgendaSignal } from '../case/case.messages';
import type {
  Breach,
  CaseDecision,
  FinalizeCaseDecisionInput,
  RecordCaseDecisionInput,
  ScheduleCaseInput,
  StageDeadline,
  UnscheduleCaseInput,
} from '../case/case.types';
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
  setMembersUpdate,
} from './session.messages';
import {
  type AddCaseInput,
  type CancelSessionInput,
  type DeclareConflictInput,
  type MarkHeldInput,
  type MoveSessionInput,
  type ObjectToMinutesInput,
  type RecordDecisionInput,
  type RemoveCaseInput,
  type SetMembersInput,
  checkAddCase,
  checkApproveMinutes,
  checkCancelSession,
  checkDeclareConflict,
  checkDraftMinutes,
  checkMarkHeld,
  checkMoveSession,
  checkObjectToMinutes,
  checkRecordDecision,
  checkRemoveCase,
  checkSessionInput,
  checkSetMembers,
  eligibleApprovers,
  quorumHolds,
  secretaryOf,
} from './session.rules';
import type { AgendaItem, SessionInput, SessionState, SessionView } from './session.types';
import { addWorkingDays } from '../shared/sla/calendar';

/**
 * The read model, notifications and messages the session owes its cases must eventually
 * happen: their failures are transient, so they retry for as long as it takes (an operator
 * sees the pending activity) rather than failing the session.
 */
const durable = proxyActivities<
  CaseMessagingActivities & NotificationActivities & SessionActivities
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Scheduling a case and recording its decision answer a secretary who is waiting. A case's
 * refusal (including CASE.NOT_FOUND for an unknown or ended case) is non-retryable and comes
 * back at once, and only a refusal rolls the session's change back; anything else (the case's
 * worker or database briefly down) is retried until the case answers, because giving up could
 * roll back a change the case has in fact accepted.
 */
const interactive = proxyActivities<CaseMessagingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * Messages to cases carry the secretary who acted (the case's timeline says who scheduled it,
 * who recorded the decision); when the session itself acts, because the minutes became final,
 * they carry the system actor. The case's validators accept exactly these (case.rules.ts).
 */
const toCaseActor = (actor: Actor): Actor => ({ userId: actor.userId, roles: [...actor.roles] });

/** One commission session: planning, attendance, decisions, minutes and their approval. */
export async function commissionSessionWorkflow(input: SessionInput): Promise<SessionView> {
  checkSessionInput(input);
  const { workflowId } = workflowInfo();
  const { policy, calendar } = input.serviceLevel;
  const now = () => new Date().toISOString(); // workflow time: deterministic under replay

  const state: SessionState = {
    sessionId: input.sessionId,
    stage: 'PLANNED',
    stageSince: now(),
    sessionAt: input.sessionAt,
    place: input.place,
    members: input.members.map((member) => ({ userId: member.userId, role: member.role })),
    quorum: input.quorum,
    agenda: [],
    pastMinutesRounds: [],
    deadlines: [],
    breaches: [],
  };

  /** Bumped on every change: the main loop wakes on it and snapshots carry it. */
  let version = 1;
  const changed = () => {
    version++;
  };
  const view = (): SessionView => state;
  const persist = () => durable.recordSessionState({ ...state, version });
  const isOver = () => state.stage === 'CLOSED' || state.stage === 'CANCELLED';
  const secretaryId = () => secretaryOf(state.members)!.userId;

  // Deterministic sequence numbers make the ids of messages and notifications stable under
  // replay and unique within the session: `${workflowId}/schedule/${caseId}/2`.
  const sequences = new Map<string, number>();
  const next = (name: string) => {
    const n = (sequences.get(name) ?? 0) + 1;
    sequences.set(name, n);
    return n;
  };

  // ---- messages to cases --------------------------------------------------------------------

  /**
   * Messages to one case are delivered one after the other, in the order the session decided
   * them (schedule before unschedule, a decision before its finalisation), whatever order
   * concurrent handlers reach their awaits in.
   */
  const caseQueues = new Map<string, Promise<unknown>>();
  function inCaseOrder<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = caseQueues.get(caseId) ?? Promise.resolve();
    const result = previous.then(work);
    caseQueues.set(
      caseId,
      result.catch(() => undefined),
    );
    return result;
  }

  type CaseMessage =
    | { update: 'scheduleCase'; input: ScheduleCaseInput }
    | { update: 'unscheduleCase'; input: UnscheduleCaseInput }
    | { update: 'recordCaseDecision'; input: RecordCaseDecisionInput }
    | { update: 'finalizeCaseDecision'; input: FinalizeCaseDecisionInput };
  const SLUGS: Record<CaseUpdateName, string> = {
    scheduleCase: 'schedule',
    unscheduleCase: 'unschedule',
    recordCaseDecision: 'decision',
    finalizeCaseDecision: 'finalize',
  };

  /** The update id is fixed when the session decides to send, so a retry applies once. */
  function messageId(caseId: string, update: CaseUpdateName): string {
    const slug = SLUGS[update];
    return `${workflowId}/${slug}/${caseId}/${next(`${slug}/${caseId}`)}`;
  }

  function deliver(
    proxy: typeof interactive,
    caseId: string,
    updateId: string,
    message: CaseMessage,
  ) {
    return proxy.deliverToCase({ caseId, update: message.update, input: message.input, updateId });
  }

  /**
   * For messages whose refusal does not undo the session's action (the case has left, or
   * never got the earlier message): the refusal is logged and the session carries on.
   */
  async function deliverTolerating(caseId: string, updateId: string, message: CaseMessage) {
    try {
      await deliver(durable, caseId, updateId, message);
      return true;
    } catch (error) {
      log.warn('a case refused a message from its session', {
        caseId,
        update: message.update,
        refusal: caseRefusal(error)?.type ?? String(error),
      });
      return false;
    }
  }

  // ---- notifications and deadlines ----------------------------------------------------------

  function notify(
    key: string,
    event: string,
    recipient: NotificationIntent['recipient'],
    data: Record<string, unknown> = {},
  ): Promise<void> {
    return durable.recordNotificationIntent({
      key: `${workflowId}/${key}`,
      sessionId: state.sessionId,
      event,
      recipient,
      data: { sessionAt: state.sessionAt, ...data },
      at: now(),
    });
  }

  /** Each deadline's identity, for the idempotency keys of its reminder and escalation. */
  const deadlineKeys = new Map<StageDeadline, string>();

  function addDeadline(
    key: string,
    deadline: Pick<StageDeadline, 'target' | 'stage' | 'userId'>,
    days: number,
  ): void {
    const startMs = Date.now();
    const before = policy.reminderBeforeWorkingDays;
    const added: StageDeadline = {
      ...deadline,
      dueAt: new Date(addWorkingDays(startMs, days, calendar)).toISOString(),
      // No reminder when it would fall at the start (or at the deadline itself).
      remindAt:
        before > 0 && before < days
          ? new Date(addWorkingDays(startMs, days - before, calendar)).toISOString()
          : undefined,
    };
    if (added.remindAt === undefined) delete added.remindAt;
    if (added.userId === undefined) delete added.userId;
    state.deadlines.push(added);
    deadlineKeys.set(added, key);
  }

  function dropDeadlines(which: (deadline: StageDeadline) => boolean): void {
    state.deadlines = state.deadlines.filter((deadline) => !which(deadline));
  }

  /** The next instant a reminder or an escalation is due. */
  function nextTimerMs(): number | undefined {
    const instants = state.deadlines.flatMap((deadline) => [
      ...(deadline.remindAt && !deadline.remindedAt ? [Date.parse(deadline.remindAt)] : []),
      ...(!deadline.breachedAt ? [Date.parse(deadline.dueAt)] : []),
    ]);
    return instants.length > 0 ? Math.min(...instants) : undefined;
  }

  /**
   * Reminders go to whoever must act; escalations for the decisions go to the directorate's
   * supervisor, and for a member's approval to the session's secretary.
   */
  async function fireDueTimers(): Promise<void> {
    const nowMs = Date.now();
    const effects: Promise<void>[] = [];
    for (const deadline of state.deadlines) {
      const key = deadlineKeys.get(deadline)!;
      const data = { target: deadline.target, dueAt: deadline.dueAt, userId: deadline.userId };
      const remindWhom = deadline.userId
        ? { userId: deadline.userId }
        : { userId: secretaryId(), role: 'SECRETARY' };
      if (deadline.remindAt && !deadline.remindedAt && Date.parse(deadline.remindAt) <= nowMs) {
        deadline.remindedAt = new Date(nowMs).toISOString();
        effects.push(notify(`reminder/${key}`, 'SESSION_DEADLINE_REMINDER', remindWhom, data));
      }
      if (!deadline.breachedAt && Date.parse(deadline.dueAt) <= nowMs) {
        deadline.breachedAt = new Date(nowMs).toISOString();
        const breach: Breach = {
          target: deadline.target,
          stage: deadline.stage,
          dueAt: deadline.dueAt,
          detectedAt: deadline.breachedAt,
        };
        if (deadline.userId) breach.userId = deadline.userId;
        state.breaches.push(breach);
        const escalateTo = deadline.userId
          ? { userId: secretaryId(), role: 'SECRETARY' }
          : { role: 'SUPERVISOR' };
        effects.push(notify(`escalation/${key}`, 'SESSION_DEADLINE_ESCALATION', escalateTo, data));
      }
    }
    if (effects.length === 0) return;
    changed();
    await Promise.all([...effects, persist()]);
  }

  /** Drops the approval deadlines of members who voted or are no longer asked to. */
  function syncApprovalDeadlines(): void {
    const round = state.minutes;
    const voted = new Set(
      [...(round?.approvals ?? []), ...(round?.objections ?? [])].map((vote) => vote.userId),
    );
    const asked = new Set(eligibleApprovers(state));
    dropDeadlines(
      (deadline) =>
        deadline.target === 'minutesApproval' &&
        (!deadline.userId || voted.has(deadline.userId) || !asked.has(deadline.userId)),
    );
  }

  // ---- closing the minutes --------------------------------------------------------------------

  let finalization: Promise<unknown> | undefined;

  /**
   * Once the quorum holds the minutes are final: the stage changes at once (so no further vote
   * is accepted), then every case on them gets its result. The action that completed the quorum
   * does not wait for the cases: a case that cannot be reached must not keep a member's answer
   * waiting. The workflow waits for them before it ends.
   */
  function closeIfQuorumHolds(): void {
    if (finalization || !quorumHolds(state)) return;
    const at = now();
    state.stage = 'CLOSED';
    state.stageSince = at;
    state.finalizedAt = at;
    state.deadlines = [];
    changed();
    finalization = Promise.all(
      state.agenda.map(({ caseId }) => {
        const updateId = messageId(caseId, 'finalizeCaseDecision');
        return inCaseOrder(caseId, async () => {
          const message: CaseMessage = {
            update: 'finalizeCaseDecision',
            input: { actor: SYSTEM_ACTOR, sessionId: state.sessionId, minutesApprovedAt: at },
          };
          if (!(await deliverTolerating(caseId, updateId, message))) {
            // The minutes stay final; an operator must look at the case that refused its result.
            await notify(`finalize-refused/${caseId}`, 'CASE_FINALIZATION_REFUSED', {
              role: 'OPERATOR',
            });
          }
        });
      }),
    );
  }

  // ---- handlers -------------------------------------------------------------------------------

  setHandler(getSessionStateQuery, view);

  setHandler(
    moveSessionUpdate,
    async ({ actor, sessionAt, place }) => {
      state.sessionAt = sessionAt;
      if (place !== undefined) state.place = place;
      changed();
      const move = next('move');
      await Promise.all([
        persist(),
        ...state.agenda.map((item) => {
          const updateId = messageId(item.caseId, 'scheduleCase');
          return inCaseOrder(item.caseId, async () => {
            // A case whose scheduling failed in the meantime has left the agenda.
            if (!state.agenda.includes(item)) return;
            await deliverTolerating(item.caseId, updateId, {
              update: 'scheduleCase',
              input: {
                actor: toCaseActor(actor),
                sessionId: state.sessionId,
                sessionAt: state.sessionAt,
              },
            });
          });
        }),
        ...state.members.map((member) =>
          notify(`moved/${move}/${member.userId}`, 'SESSION_MOVED', { userId: member.userId }),
        ),
      ]);
      return view();
    },
    { validator: (update: MoveSessionInput) => checkMoveSession(state, update.actor, update) },
  );

  setHandler(
    setMembersUpdate,
    async ({ members, quorum }) => {
      const before = new Set(state.members.map((member) => member.userId));
      state.members = members.map((member) => ({ userId: member.userId, role: member.role }));
      if (quorum) state.quorum = quorum;
      const ids = new Set(state.members.map((member) => member.userId));
      for (const item of state.agenda) {
        item.conflictedMemberIds = item.conflictedMemberIds.filter((id) => ids.has(id));
      }
      changed();
      const change = next('members');
      await Promise.all([
        persist(),
        ...state.members
          .filter((member) => !before.has(member.userId))
          .map((member) =>
            notify(`invitation/${change}/${member.userId}`, 'SESSION_INVITATION', {
              userId: member.userId,
            }),
          ),
      ]);
      return view();
    },
    { validator: (update: SetMembersInput) => checkSetMembers(state, update.actor, update) },
  );

  setHandler(
    addCaseToAgendaUpdate,
    async ({ actor, caseId }) => {
      const item: AgendaItem = { caseId, addedAt: now(), conflictedMemberIds: [] };
      state.agenda.push(item);
      changed();
      const updateId = messageId(caseId, 'scheduleCase');
      await inCaseOrder(caseId, async () => {
        try {
          await deliver(interactive, caseId, updateId, {
            update: 'scheduleCase',
            input: {
              actor: toCaseActor(actor),
              sessionId: state.sessionId,
              sessionAt: state.sessionAt,
            },
          });
        } catch (error) {
          // The case decides what it accepts: without its consent the agenda stays as it was.
          if (state.agenda.includes(item)) {
            state.agenda = state.agenda.filter((candidate) => candidate !== item);
            changed();
          }
          await persist();
          throw asUpdateFailure(error);
        }
      });
      await persist();
      return view();
    },
    { validator: (update: AddCaseInput) => checkAddCase(state, update.actor, update) },
  );

  setHandler(
    removeCaseFromAgendaUpdate,
    async ({ actor, caseId, reason }) => {
      state.agenda = state.agenda.filter((item) => item.caseId !== caseId);
      changed();
      const updateId = messageId(caseId, 'unscheduleCase');
      await Promise.all([
        persist(),
        inCaseOrder(caseId, () =>
          deliverTolerating(caseId, updateId, {
            update: 'unscheduleCase',
            input: { actor: toCaseActor(actor), sessionId: state.sessionId, reason },
          }),
        ),
      ]);
      return view();
    },
    { validator: (update: RemoveCaseInput) => checkRemoveCase(state, update.actor, update) },
  );

  setHandler(
    cancelSessionUpdate,
    async ({ actor, reason }) => {
      const at = now();
      state.stage = 'CANCELLED';
      state.stageSince = at;
      state.cancellation = { by: actor.userId, at, reason };
      state.deadlines = [];
      changed();
      await Promise.all([
        persist(),
        ...state.agenda.map(({ caseId }) => {
          const updateId = messageId(caseId, 'unscheduleCase');
          return inCaseOrder(caseId, () =>
            deliverTolerating(caseId, updateId, {
              update: 'unscheduleCase',
              input: { actor: toCaseActor(actor), sessionId: state.sessionId, reason },
            }),
          );
        }),
        ...state.members.map((member) =>
          notify(`cancelled/${member.userId}`, 'SESSION_CANCELLED', { userId: member.userId }),
        ),
      ]);
      return view();
    },
    { validator: (update: CancelSessionInput) => checkCancelSession(state, update.actor, update) },
  );

  setHandler(
    markHeldUpdate,
    async ({ presentMemberIds }) => {
      state.stage = 'HELD';
      state.stageSince = now();
      state.presentMemberIds = [...presentMemberIds];
      // Recording the decisions is done when the minutes are drafted (the first round): the
      // secretary's work after the session is one stretch, with one target.
      addDeadline(
        'decisionRecording',
        { target: 'decisionRecording', stage: 'HELD' },
        policy.targets.decisionRecording,
      );
      changed();
      await persist();
      return view();
    },
    {
      validator: (update: MarkHeldInput) => checkMarkHeld(state, update.actor, update, Date.now()),
    },
  );

  setHandler(
    recordDecisionUpdate,
    async ({ actor, caseId, decision }) => {
      const item = state.agenda.find((candidate) => candidate.caseId === caseId)!;
      const previous = item.decision;
      const recorded: NonNullable<AgendaItem['decision']> = {
        outcome: decision.outcome,
        ...(decision.conditions && { conditions: [...decision.conditions] }),
        ...(decision.reasons && { reasons: [...decision.reasons] }),
        ...(decision.deficiencies && {
          deficiencies: decision.deficiencies.map(({ target, note }) => ({ target, note })),
        }),
        recordedBy: actor.userId,
        recordedAt: now(),
      };
      item.decision = recorded;
      changed();
      const caseDecision: CaseDecision = { ...recorded, sessionId: state.sessionId };
      const updateId = messageId(caseId, 'recordCaseDecision');
      await inCaseOrder(caseId, async () => {
        try {
          await deliver(interactive, caseId, updateId, {
            update: 'recordCaseDecision',
            input: { actor: toCaseActor(actor), decision: caseDecision },
          });
        } catch (error) {
          if (item.decision === recorded) {
            if (previous) item.decision = previous;
            else delete item.decision;
            changed();
          }
          await persist();
          throw asUpdateFailure(error);
        }
      });
      await persist();
      return view();
    },
    {
      validator: (update: RecordDecisionInput) => checkRecordDecision(state, update.actor, update),
    },
  );

  setHandler(
    draftMinutesUpdate,
    async ({ actor }) => {
      const at = now();
      if (state.minutes) state.pastMinutesRounds.push(state.minutes);
      const round = (state.minutes?.round ?? 0) + 1;
      state.minutes = {
        round,
        draftedBy: actor.userId,
        draftedAt: at,
        approvals: [],
        objections: [],
      };
      state.stage = 'MINUTES_UNDER_APPROVAL';
      state.stageSince = at;
      dropDeadlines((deadline) => deadline.target === 'decisionRecording');
      const asked = eligibleApprovers(state);
      for (const userId of asked) {
        addDeadline(
          `minutesApproval/${round}/${userId}`,
          { target: 'minutesApproval', stage: 'MINUTES_UNDER_APPROVAL', userId },
          policy.targets.minutesApproval,
        );
      }
      changed();
      closeIfQuorumHolds(); // nobody may be left to ask
      await Promise.all([
        persist(),
        ...asked.map((userId) =>
          notify(`minutes-to-sign/${round}/${userId}`, 'MINUTES_TO_SIGN', { userId }, { round }),
        ),
      ]);
      return view();
    },
    { validator: (update: { actor: Actor }) => checkDraftMinutes(state, update.actor) },
  );

  setHandler(
    approveMinutesUpdate,
    async ({ actor }) => {
      state.minutes!.approvals.push({ userId: actor.userId, at: now() });
      syncApprovalDeadlines();
      changed();
      closeIfQuorumHolds(); // first, so that the snapshot is of the closed session
      await persist();
      return view();
    },
    { validator: (update: { actor: Actor }) => checkApproveMinutes(state, update.actor) },
  );

  setHandler(
    objectToMinutesUpdate,
    async ({ actor, comment }) => {
      const round = state.minutes!;
      const at = now();
      round.objections.push({ userId: actor.userId, at, comment });
      state.stage = 'MINUTES_IN_REVISION';
      state.stageSince = at;
      dropDeadlines((deadline) => deadline.target === 'minutesApproval');
      changed();
      await Promise.all([
        persist(),
        notify(
          `objection/${round.round}/${actor.userId}`,
          'MINUTES_OBJECTION',
          { userId: secretaryId(), role: 'SECRETARY' },
          { round: round.round, by: actor.userId },
        ),
      ]);
      return view();
    },
    {
      validator: (update: ObjectToMinutesInput) =>
        checkObjectToMinutes(state, update.actor, update),
    },
  );

  setHandler(
    declareConflictUpdate,
    async ({ actor, caseId }) => {
      // The note is not kept: SessionState has no field for it.
      state.agenda.find((item) => item.caseId === caseId)!.conflictedMemberIds.push(actor.userId);
      if (state.stage === 'MINUTES_UNDER_APPROVAL') syncApprovalDeadlines();
      changed();
      closeIfQuorumHolds();
      await persist();
      return view();
    },
    {
      validator: (update: DeclareConflictInput) =>
        checkDeclareConflict(state, update.actor, update),
    },
  );

  // A case withdrawn or cancelled while on the agenda tells its session, which drops it.
  setHandler(caseLeftAgendaSignal, async ({ caseId, reason }) => {
    if (isOver() || !state.agenda.some((item) => item.caseId === caseId)) {
      log.info('ignored a case leaving a session it is not on', { caseId, stage: state.stage });
      return;
    }
    log.info('a case left the agenda', { caseId, reason });
    state.agenda = state.agenda.filter((item) => item.caseId !== caseId);
    if (state.stage === 'MINUTES_UNDER_APPROVAL') syncApprovalDeadlines();
    changed();
    closeIfQuorumHolds();
    await persist();
  });

  // ---- the session's life ---------------------------------------------------------------------

  await Promise.all([
    persist(),
    ...state.members.map((member) =>
      notify(`invitation/0/${member.userId}`, 'SESSION_INVITATION', { userId: member.userId }),
    ),
  ]);

  while (!isOver()) {
    const seen = version;
    const dueMs = nextTimerMs();
    if (dueMs === undefined) {
      await condition(() => version !== seen);
    } else if (dueMs > Date.now()) {
      await condition(() => version !== seen, dueMs - Date.now());
    }
    if (!isOver()) await fireDueTimers();
  }
  await finalization;
  await condition(allHandlersFinished);
  return view();
}

/** The case's refusal, when the activity failed because the case said no. */
function caseRefusal(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    return error.cause.nonRetryable ? error.cause : undefined;
  }
  return undefined;
}

/** The session's update fails with the case's own refusal code, or with the activity failure. */
function asUpdateFailure(error: unknown): unknown {
  const refusal = caseRefusal(error);
  if (!refusal) return error;
  return ApplicationFailure.create({
    type: refusal.type ?? 'CASE.REFUSED',
    message: refusal.message,
    nonRetryable: true,
    details: refusal.details as unknown[] | undefined,
  });
}
