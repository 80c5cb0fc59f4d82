import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import { caseLeftAgendaSignal } from '../case/case.messages';
import {
  addCaseToAgenda,
  approveMinutes,
  cancelSession,
  caseLeftAgenda,
  declareConflict,
  draftMinutes,
  markHeld,
  moveSession,
  objectToMinutes,
  recordDecision,
  removeCaseFromAgenda,
  setMembers,
} from './session.handlers';
import * as messages from './session.messages';
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
} from './session.rules';
import { SessionRun } from './session.run';
import type { SessionInput, SessionView } from './session.types';

/**
 * One commission session: planning, attendance, decisions, minutes and their approval. Every
 * update's validator applies the session rules; what each does is in session.handlers.ts.
 */
export async function commissionSessionWorkflow(input: SessionInput): Promise<SessionView> {
  checkSessionInput(input);
  const run = new SessionRun(input);
  const { state } = run;

  setHandler(messages.getSessionStateQuery, () => run.view());

  setHandler(messages.moveSessionUpdate, (update) => moveSession(run, update), {
    validator: (update: MoveSessionInput) => checkMoveSession(state, update.actor, update),
  });
  setHandler(messages.setMembersUpdate, (update) => setMembers(run, update), {
    validator: (update: SetMembersInput) => checkSetMembers(state, update.actor, update),
  });
  setHandler(messages.addCaseToAgendaUpdate, (update) => addCaseToAgenda(run, update), {
    validator: (update: AddCaseInput) => checkAddCase(state, update.actor, update),
  });
  setHandler(messages.removeCaseFromAgendaUpdate, (update) => removeCaseFromAgenda(run, update), {
    validator: (update: RemoveCaseInput) => checkRemoveCase(state, update.actor, update),
  });
  setHandler(messages.cancelSessionUpdate, (update) => cancelSession(run, update), {
    validator: (update: CancelSessionInput) => checkCancelSession(state, update.actor, update),
  });
  setHandler(messages.markHeldUpdate, (update) => markHeld(run, update), {
    validator: (update: MarkHeldInput) => checkMarkHeld(state, update.actor, update, Date.now()),
  });
  setHandler(messages.recordDecisionUpdate, (update) => recordDecision(run, update), {
    validator: (update: RecordDecisionInput) => checkRecordDecision(state, update.actor, update),
  });
  setHandler(messages.draftMinutesUpdate, (update) => draftMinutes(run, update), {
    validator: (update: { actor: Actor }) => checkDraftMinutes(state, update.actor),
  });
  setHandler(messages.approveMinutesUpdate, (update) => approveMinutes(run, update), {
    validator: (update: { actor: Actor }) => checkApproveMinutes(state, update.actor),
  });
  setHandler(messages.objectToMinutesUpdate, (update) => objectToMinutes(run, update), {
    validator: (update: ObjectToMinutesInput) => checkObjectToMinutes(state, update.actor, update),
  });
  setHandler(messages.declareConflictUpdate, (update) => declareConflict(run, update), {
    validator: (update: DeclareConflictInput) => checkDeclareConflict(state, update.actor, update),
  });
  // A case withdrawn or cancelled while on the agenda tells its session, which drops it.
  setHandler(caseLeftAgendaSignal, (signal) => caseLeftAgenda(run, signal));

  // ---- the session's life ---------------------------------------------------------------------

  await Promise.all([
    run.persist(),
    ...state.members.map((member) =>
      run.notify(`invitation/0/${member.userId}`, 'SESSION_INVITATION', { userId: member.userId }),
    ),
  ]);

  while (!run.isOver()) {
    const seen = run.version;
    const dueMs = run.nextTimerMs();
    if (dueMs === undefined) {
      await condition(() => run.version !== seen);
    } else if (dueMs > Date.now()) {
      await condition(() => run.version !== seen, dueMs - Date.now());
    }
    if (!run.isOver()) await run.fireDueTimers();
  }
  await run.finalization;
  await condition(allHandlersFinished);
  return run.view();
}
