/**
 * What the session workflow does for each update and for a case leaving its agenda: each
 * function takes the run (session.run.ts) and the update's input, changes the state, tells the
 * cases and members, persists and answers with the new view. Validation is not here: the
 * workflow's validators apply the session rules before any of these runs.
 */
import { ApplicationFailure, log } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import type { CaseDecision } from '../case/case.types';
import type {
  AddCaseInput,
  CancelSessionInput,
  DeclareConflictInput,
  MarkHeldInput,
  MoveSessionInput,
  ObjectToMinutesInput,
  RecordDecisionInput,
  RemoveCaseInput,
  SetMembersInput,
} from './session.rules';
import { eligibleApprovers } from './session.rules';
import { caseRefusal, interactive, now, type SessionRun } from './session.run';
import type { AgendaItem, SessionView } from './session.types';

/**
 * Messages to cases carry the secretary who acted (the case's timeline says who scheduled it,
 * who recorded the decision); when the session itself acts, because the minutes became final,
 * they carry the system actor. The case's validators accept exactly these (case.rules.ts).
 */
const toCaseActor = (actor: Actor): Actor => ({ userId: actor.userId, roles: [...actor.roles] });

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

// ---- planning -----------------------------------------------------------------------------------

export async function moveSession(
  run: SessionRun,
  { actor, sessionAt, place }: MoveSessionInput,
): Promise<SessionView> {
  const { state } = run;
  state.sessionAt = sessionAt;
  if (place !== undefined) state.place = place;
  run.changed();
  const move = run.next('move');
  await Promise.all([
    run.persist(),
    ...state.agenda.map((item) => {
      const updateId = run.messageId(item.caseId, 'scheduleCase');
      return run.inCaseOrder(item.caseId, async () => {
        // A case whose scheduling failed in the meantime has left the agenda.
        if (!state.agenda.includes(item)) return;
        await run.deliverTolerating(item.caseId, updateId, {
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
      run.notify(`moved/${move}/${member.userId}`, 'SESSION_MOVED', { userId: member.userId }),
    ),
  ]);
  return run.view();
}

export async function setMembers(
  run: SessionRun,
  { members, quorum }: SetMembersInput,
): Promise<SessionView> {
  const { state } = run;
  const before = new Set(state.members.map((member) => member.userId));
  state.members = members.map((member) => ({ userId: member.userId, role: member.role }));
  if (quorum) state.quorum = quorum;
  const ids = new Set(state.members.map((member) => member.userId));
  for (const item of state.agenda) {
    item.conflictedMemberIds = item.conflictedMemberIds.filter((id) => ids.has(id));
  }
  run.changed();
  const change = run.next('members');
  await Promise.all([
    run.persist(),
    ...state.members
      .filter((member) => !before.has(member.userId))
      .map((member) =>
        run.notify(`invitation/${change}/${member.userId}`, 'SESSION_INVITATION', {
          userId: member.userId,
        }),
      ),
  ]);
  return run.view();
}

export async function addCaseToAgenda(
  run: SessionRun,
  { actor, caseId }: AddCaseInput,
): Promise<SessionView> {
  const { state } = run;
  const item: AgendaItem = { caseId, addedAt: now(), conflictedMemberIds: [] };
  state.agenda.push(item);
  run.changed();
  const updateId = run.messageId(caseId, 'scheduleCase');
  await run.inCaseOrder(caseId, async () => {
    try {
      await run.deliver(interactive, caseId, updateId, {
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
        run.changed();
      }
      await run.persist();
      throw asUpdateFailure(error);
    }
  });
  await run.persist();
  return run.view();
}

export async function removeCaseFromAgenda(
  run: SessionRun,
  { actor, caseId, reason }: RemoveCaseInput,
): Promise<SessionView> {
  const { state } = run;
  state.agenda = state.agenda.filter((item) => item.caseId !== caseId);
  run.changed();
  const updateId = run.messageId(caseId, 'unscheduleCase');
  await Promise.all([
    run.persist(),
    run.inCaseOrder(caseId, () =>
      run.deliverTolerating(caseId, updateId, {
        update: 'unscheduleCase',
        input: { actor: toCaseActor(actor), sessionId: state.sessionId, reason },
      }),
    ),
  ]);
  return run.view();
}

export async function cancelSession(
  run: SessionRun,
  { actor, reason }: CancelSessionInput,
): Promise<SessionView> {
  const { state } = run;
  const at = now();
  state.stage = 'CANCELLED';
  state.stageSince = at;
  state.cancellation = { by: actor.userId, at, reason };
  state.deadlines = [];
  run.changed();
  await Promise.all([
    run.persist(),
    ...state.agenda.map(({ caseId }) => {
      const updateId = run.messageId(caseId, 'unscheduleCase');
      return run.inCaseOrder(caseId, () =>
        run.deliverTolerating(caseId, updateId, {
          update: 'unscheduleCase',
          input: { actor: toCaseActor(actor), sessionId: state.sessionId, reason },
        }),
      );
    }),
    ...state.members.map((member) =>
      run.notify(`cancelled/${member.userId}`, 'SESSION_CANCELLED', { userId: member.userId }),
    ),
  ]);
  return run.view();
}

// ---- after the session: attendance, decisions ---------------------------------------------------

export async function markHeld(
  run: SessionRun,
  { presentMemberIds }: MarkHeldInput,
): Promise<SessionView> {
  const { state } = run;
  state.stage = 'HELD';
  state.stageSince = now();
  state.presentMemberIds = [...presentMemberIds];
  // Recording the decisions is done when the minutes are drafted (the first round): the
  // secretary's work after the session is one stretch, with one target.
  run.addDeadline(
    'decisionRecording',
    { target: 'decisionRecording', stage: 'HELD' },
    run.policy.targets.decisionRecording,
  );
  run.changed();
  await run.persist();
  return run.view();
}

export async function recordDecision(
  run: SessionRun,
  { actor, caseId, decision }: RecordDecisionInput,
): Promise<SessionView> {
  const { state } = run;
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
  run.changed();
  const caseDecision: CaseDecision = { ...recorded, sessionId: state.sessionId };
  const updateId = run.messageId(caseId, 'recordCaseDecision');
  await run.inCaseOrder(caseId, async () => {
    try {
      await run.deliver(interactive, caseId, updateId, {
        update: 'recordCaseDecision',
        input: { actor: toCaseActor(actor), decision: caseDecision },
      });
    } catch (error) {
      if (item.decision === recorded) {
        if (previous) item.decision = previous;
        else delete item.decision;
        run.changed();
      }
      await run.persist();
      throw asUpdateFailure(error);
    }
  });
  await run.persist();
  return run.view();
}

// ---- the minutes --------------------------------------------------------------------------------

export async function draftMinutes(
  run: SessionRun,
  { actor }: { actor: Actor },
): Promise<SessionView> {
  const { state } = run;
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
  run.dropDeadlines((deadline) => deadline.target === 'decisionRecording');
  const asked = eligibleApprovers(state);
  for (const userId of asked) {
    run.addDeadline(
      `minutesApproval/${round}/${userId}`,
      { target: 'minutesApproval', stage: 'MINUTES_UNDER_APPROVAL', userId },
      run.policy.targets.minutesApproval,
    );
  }
  run.changed();
  run.closeIfQuorumHolds(); // nobody may be left to ask
  await Promise.all([
    run.persist(),
    ...asked.map((userId) =>
      run.notify(`minutes-to-sign/${round}/${userId}`, 'MINUTES_TO_SIGN', { userId }, { round }),
    ),
  ]);
  return run.view();
}

export async function approveMinutes(
  run: SessionRun,
  { actor }: { actor: Actor },
): Promise<SessionView> {
  run.state.minutes!.approvals.push({ userId: actor.userId, at: now() });
  run.syncApprovalDeadlines();
  run.changed();
  run.closeIfQuorumHolds(); // first, so that the snapshot is of the closed session
  await run.persist();
  return run.view();
}

export async function objectToMinutes(
  run: SessionRun,
  { actor, comment }: ObjectToMinutesInput,
): Promise<SessionView> {
  const { state } = run;
  const round = state.minutes!;
  const at = now();
  round.objections.push({ userId: actor.userId, at, comment });
  state.stage = 'MINUTES_IN_REVISION';
  state.stageSince = at;
  run.dropDeadlines((deadline) => deadline.target === 'minutesApproval');
  run.changed();
  await Promise.all([
    run.persist(),
    run.notify(
      `objection/${round.round}/${actor.userId}`,
      'MINUTES_OBJECTION',
      { userId: run.secretaryId(), role: 'SECRETARY' },
      { round: round.round, by: actor.userId },
    ),
  ]);
  return run.view();
}

export async function declareConflict(
  run: SessionRun,
  { actor, caseId }: DeclareConflictInput,
): Promise<SessionView> {
  const { state } = run;
  // The note is not kept: SessionState has no field for it.
  state.agenda.find((item) => item.caseId === caseId)!.conflictedMemberIds.push(actor.userId);
  if (state.stage === 'MINUTES_UNDER_APPROVAL') run.syncApprovalDeadlines();
  run.changed();
  run.closeIfQuorumHolds();
  await run.persist();
  return run.view();
}

/** A case withdrawn or cancelled while on the agenda tells its session, which drops it. */
export async function caseLeftAgenda(
  run: SessionRun,
  { caseId, reason }: { caseId: string; reason: string },
): Promise<void> {
  const { state } = run;
  if (run.isOver() || !state.agenda.some((item) => item.caseId === caseId)) {
    log.info('ignored a case leaving a session it is not on', { caseId, stage: state.stage });
    return;
  }
  log.info('a case left the agenda', { caseId, reason });
  state.agenda = state.agenda.filter((item) => item.caseId !== caseId);
  if (state.stage === 'MINUTES_UNDER_APPROVAL') run.syncApprovalDeadlines();
  run.changed();
  run.closeIfQuorumHolds();
  await run.persist();
}
