/**
 * The rules of a commission session (docs/domain.md §2.4–2.6), as pure functions of the state,
 * the actor, the input and (where it matters) the workflow's current time. The session
 * workflow's update validators call them; each throws `refuse(code)` and changes nothing.
 * No Temporal API is called here, so they are unit-testable without a worker.
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../common/actors';
import type { DecisionOutcome, Deficiency } from '../case/case.types';
import { refuse } from '../common/refusals';
import type {
  addCaseToAgendaUpdate,
  cancelSessionUpdate,
  declareConflictUpdate,
  markHeldUpdate,
  moveSessionUpdate,
  objectToMinutesUpdate,
  recordDecisionUpdate,
  removeCaseFromAgendaUpdate,
  setMembersUpdate,
} from './session.messages';
import type {
  MemberRole,
  QuorumRule,
  SessionInput,
  SessionMember,
  SessionStage,
  SessionState,
} from './session.types';

type UpdateInput<D> = D extends UpdateDefinition<unknown, [infer A], string> ? A : never;

export type MoveSessionInput = UpdateInput<typeof moveSessionUpdate>;
export type SetMembersInput = UpdateInput<typeof setMembersUpdate>;
export type AddCaseInput = UpdateInput<typeof addCaseToAgendaUpdate>;
export type RemoveCaseInput = UpdateInput<typeof removeCaseFromAgendaUpdate>;
export type CancelSessionInput = UpdateInput<typeof cancelSessionUpdate>;
export type MarkHeldInput = UpdateInput<typeof markHeldUpdate>;
export type RecordDecisionInput = UpdateInput<typeof recordDecisionUpdate>;
export type ObjectToMinutesInput = UpdateInput<typeof objectToMinutesUpdate>;
export type DeclareConflictInput = UpdateInput<typeof declareConflictUpdate>;
export type DecisionInput = RecordDecisionInput['decision'];

const MEMBER_ROLES: readonly MemberRole[] = ['CHAIR', 'SECRETARY', 'MEMBER'];
const DECISION_OUTCOMES: readonly DecisionOutcome[] = [
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'REJECTED',
  'DEFERRED_TO_SCHEDULING',
  'DEFERRED_TO_CORRECTIONS',
];
/** Stages in which the minutes are not yet final and the session not cancelled. */
const OPEN_STAGES: readonly SessionStage[] = [
  'PLANNED',
  'HELD',
  'MINUTES_UNDER_APPROVAL',
  'MINUTES_IN_REVISION',
];

// ---------------------------------------------------------------------------------------------
// Who may vote, and when the minutes are final (also used by the workflow).

export function secretaryOf(members: readonly SessionMember[]): SessionMember | undefined {
  return members.find((member) => member.role === 'SECRETARY');
}

/**
 * Interpretation of "a member with a declared conflict of interest on a case does not vote on
 * it" (docs/domain.md §2.6), kept deliberately simple: the minutes are one document approved as a
 * whole, so a member conflicted on SOME agenda cases still approves or objects to the minutes,
 * and that vote counts for the cases they may vote on. A member conflicted on EVERY agenda case
 * has nothing to vote on: they are not asked to approve, their vote is refused
 * (SESSION.CONFLICT_OF_INTEREST), and they do not count towards a MIN_APPROVALS quorum.
 * An empty agenda conflicts nobody.
 */
export function isConflictedOnEveryCase(state: SessionState, userId: string): boolean {
  return (
    state.agenda.length > 0 &&
    state.agenda.every((item) => item.conflictedMemberIds.includes(userId))
  );
}

/**
 * The members whose approval the current round asks for: present at the session, not the
 * person who drafted this round, and not conflicted on every agenda case.
 */
export function eligibleApprovers(state: SessionState): string[] {
  const drafter = state.minutes?.draftedBy;
  return (state.presentMemberIds ?? []).filter(
    (userId) => userId !== drafter && !isConflictedOnEveryCase(state, userId),
  );
}

/**
 * Whether the current round's approvals make the minutes final.
 * ALL_PRESENT: every eligible approver has approved. MIN_APPROVALS{count}: at least `count`
 * eligible approvers have approved (any of them; the rule counts heads, not cases).
 */
export function quorumHolds(state: SessionState): boolean {
  const round = state.minutes;
  if (state.stage !== 'MINUTES_UNDER_APPROVAL' || !round) return false;
  const approved = new Set(round.approvals.map((approval) => approval.userId));
  const eligible = eligibleApprovers(state);
  if (state.quorum.kind === 'ALL_PRESENT') return eligible.every((userId) => approved.has(userId));
  return eligible.filter((userId) => approved.has(userId)).length >= state.quorum.count;
}

// ---------------------------------------------------------------------------------------------
// The rules of each action.

/** The workflow's input: the API validates it too; the workflow refuses to start on bad data. */
export function checkSessionInput(input: SessionInput): void {
  if (!isNonEmptyString(input?.sessionId)) invalid('sessionId is required');
  if (!isIsoInstant(input.sessionAt)) invalid('sessionAt must be an ISO-8601 instant');
  if (!isNonEmptyString(input.place)) invalid('place is required');
  if (!isNonEmptyString(input.createdBy)) invalid('createdBy is required');
  checkMembersAndQuorum(input.members, input.quorum);
  if (!input.serviceLevel?.policy || !input.serviceLevel?.calendar) {
    invalid('serviceLevel needs a policy and a calendar');
  }
}

export function checkMoveSession(state: SessionState, actor: Actor, input: MoveSessionInput): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  if (!isIsoInstant(input.sessionAt)) invalid('sessionAt must be an ISO-8601 instant');
  if (input.place !== undefined && !isNonEmptyString(input.place)) {
    invalid('place must not be empty');
  }
}

export function checkSetMembers(state: SessionState, actor: Actor, input: SetMembersInput): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  checkMembersAndQuorum(input.members, input.quorum ?? state.quorum);
}

export function checkAddCase(state: SessionState, actor: Actor, input: AddCaseInput): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  if (!isNonEmptyString(input.caseId)) invalid('caseId is required');
  if (state.agenda.some((item) => item.caseId === input.caseId)) {
    refuse('SESSION.CASE_ALREADY_ON_AGENDA', input.caseId);
  }
}

export function checkRemoveCase(state: SessionState, actor: Actor, input: RemoveCaseInput): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  if (!isNonEmptyString(input.reason)) invalid('a reason is required');
  requireOnAgenda(state, input.caseId);
}

export function checkCancelSession(
  state: SessionState,
  actor: Actor,
  input: CancelSessionInput,
): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  if (!isNonEmptyString(input.reason)) invalid('a reason is required');
}

/**
 * Besides the stage and the time, attendance must make approval possible: someone other than
 * the secretary (who drafts) was present, and a MIN_APPROVALS quorum can be reached.
 */
export function checkMarkHeld(
  state: SessionState,
  actor: Actor,
  input: MarkHeldInput,
  nowMs: number,
): void {
  requireSecretary(state, actor);
  requireStage(state, ['PLANNED']);
  if (nowMs < Date.parse(state.sessionAt)) {
    refuse('SESSION.WRONG_STAGE', `the session meets at ${state.sessionAt}`);
  }
  const present: unknown = input.presentMemberIds;
  if (!Array.isArray(present) || present.length === 0) {
    invalid('presentMemberIds must list who attended');
  }
  const ids = present as unknown[];
  const memberIds = new Set(state.members.map((member) => member.userId));
  for (const id of ids) {
    if (typeof id !== 'string' || !memberIds.has(id)) {
      invalid(`${String(id)} is not a member of this session`);
    }
  }
  if (new Set(ids).size !== ids.length) invalid('presentMemberIds lists someone twice');
  const secretary = secretaryOf(state.members)?.userId;
  const possibleApprovers = ids.filter((id) => id !== secretary).length;
  if (possibleApprovers === 0) invalid('no member other than the secretary was present');
  if (state.quorum.kind === 'MIN_APPROVALS' && possibleApprovers < state.quorum.count) {
    invalid(`the quorum needs ${state.quorum.count} approvals from members present`);
  }
}

export function checkRecordDecision(
  state: SessionState,
  actor: Actor,
  input: RecordDecisionInput,
): void {
  requireSecretary(state, actor);
  requireStage(state, ['HELD', 'MINUTES_IN_REVISION']);
  requireOnAgenda(state, input.caseId);
  checkDecision(input.decision);
}

export function checkDraftMinutes(state: SessionState, actor: Actor): void {
  requireSecretary(state, actor);
  requireStage(state, ['HELD', 'MINUTES_IN_REVISION']);
  const undecided = state.agenda.filter((item) => !item.decision).map((item) => item.caseId);
  if (undecided.length > 0) refuse('SESSION.DECISIONS_MISSING', undecided.join(', '));
}

export function checkApproveMinutes(state: SessionState, actor: Actor): void {
  checkVote(state, actor);
}

export function checkObjectToMinutes(
  state: SessionState,
  actor: Actor,
  input: ObjectToMinutesInput,
): void {
  checkVote(state, actor);
  if (!isNonEmptyString(input.comment)) invalid('an objection needs a comment');
}

export function checkDeclareConflict(
  state: SessionState,
  actor: Actor,
  input: DeclareConflictInput,
): void {
  requireMember(state, actor);
  requireStage(state, OPEN_STAGES);
  const item = requireOnAgenda(state, input.caseId);
  if (input.note !== undefined && typeof input.note !== 'string') invalid('note must be text');
  if (item.conflictedMemberIds.includes(actor.userId)) {
    invalid('a conflict of interest on this case is already declared');
  }
}

// ---------------------------------------------------------------------------------------------

function checkVote(state: SessionState, actor: Actor): void {
  requireMember(state, actor);
  requireStage(state, ['MINUTES_UNDER_APPROVAL']);
  const round = state.minutes;
  if (!round) refuse('SESSION.WRONG_STAGE', 'no minutes are out for approval');
  if (round.draftedBy === actor.userId) refuse('SESSION.SAME_PERSON');
  if (!(state.presentMemberIds ?? []).includes(actor.userId)) refuse('SESSION.NOT_PRESENT');
  if (isConflictedOnEveryCase(state, actor.userId)) {
    refuse('SESSION.CONFLICT_OF_INTEREST', 'declared on every case on the agenda');
  }
  const voted =
    round.approvals.some((approval) => approval.userId === actor.userId) ||
    round.objections.some((objection) => objection.userId === actor.userId);
  if (voted) refuse('SESSION.ALREADY_VOTED', `round ${round.round}`);
}

function checkDecision(decision: DecisionInput): void {
  if (typeof decision !== 'object' || decision === null) invalid('a decision is required');
  const { outcome, conditions, reasons, deficiencies } = decision;
  if (!DECISION_OUTCOMES.includes(outcome)) invalid(`outcome ${String(outcome)} is not allowed`);
  for (const [name, list] of [
    ['conditions', conditions],
    ['reasons', reasons],
  ] as const) {
    if (list !== undefined && !(Array.isArray(list) && list.every(isNonEmptyString))) {
      invalid(`${name} must be a list of non-empty texts`);
    }
  }
  if (
    deficiencies !== undefined &&
    !(Array.isArray(deficiencies) && deficiencies.every(isDeficiency))
  ) {
    invalid('each deficiency needs a target and a note');
  }
  const has = (list: unknown[] | undefined) => (list?.length ?? 0) > 0;
  if (outcome === 'REJECTED' && !has(reasons)) invalid('a rejection needs reasons');
  if (outcome === 'APPROVED_WITH_CONDITIONS' && !has(conditions)) {
    invalid('an approval with conditions needs conditions');
  }
  if (outcome !== 'APPROVED_WITH_CONDITIONS' && has(conditions)) {
    invalid(`conditions do not belong to ${outcome}`);
  }
  if (outcome === 'DEFERRED_TO_CORRECTIONS' && !has(deficiencies)) {
    invalid('a deferral to corrections needs the deficiencies');
  }
  if (outcome !== 'DEFERRED_TO_CORRECTIONS' && has(deficiencies)) {
    invalid(`deficiencies do not belong to ${outcome}`);
  }
  if ((outcome === 'APPROVED' || outcome === 'APPROVED_WITH_CONDITIONS') && has(reasons)) {
    invalid(`reasons do not belong to ${outcome}`);
  }
}

function checkMembersAndQuorum(members: SessionMember[], quorum: QuorumRule): void {
  if (!Array.isArray(members) || members.length === 0) invalid('members are required');
  for (const member of members) {
    if (!isNonEmptyString(member?.userId) || !MEMBER_ROLES.includes(member.role)) {
      invalid('each member needs a userId and a role (CHAIR, SECRETARY or MEMBER)');
    }
  }
  if (new Set(members.map((member) => member.userId)).size !== members.length) {
    invalid('a member is listed twice');
  }
  if (members.filter((member) => member.role === 'SECRETARY').length !== 1) {
    invalid('a session has exactly one secretary');
  }
  // The secretary drafts the minutes, so only the other members can approve them.
  const approvers = members.length - 1;
  if (quorum?.kind === 'ALL_PRESENT') return;
  if (quorum?.kind !== 'MIN_APPROVALS') invalid('quorum must be ALL_PRESENT or MIN_APPROVALS');
  if (!Number.isInteger(quorum.count) || quorum.count < 1 || quorum.count > approvers) {
    invalid(`MIN_APPROVALS count must be a whole number from 1 to ${approvers}`);
  }
}

function requireSecretary(state: SessionState, actor: Actor): void {
  requireActor(actor);
  const isSessionSecretary = state.members.some(
    (member) => member.userId === actor.userId && member.role === 'SECRETARY',
  );
  if (!isSessionSecretary || !actor.roles.includes('SECRETARY')) refuse('SESSION.NOT_SECRETARY');
}

function requireMember(state: SessionState, actor: Actor): void {
  requireActor(actor);
  if (!state.members.some((member) => member.userId === actor.userId)) {
    refuse('SESSION.NOT_A_MEMBER');
  }
}

function requireActor(actor: Actor): void {
  if (!isNonEmptyString(actor?.userId) || !Array.isArray(actor.roles)) {
    invalid('the acting user is missing');
  }
}

function requireStage(state: SessionState, stages: readonly SessionStage[]): void {
  if (!stages.includes(state.stage)) refuse('SESSION.WRONG_STAGE', `the session is ${state.stage}`);
}

function requireOnAgenda(state: SessionState, caseId: string) {
  const item = state.agenda.find((candidate) => candidate.caseId === caseId);
  if (!item) refuse('SESSION.CASE_NOT_ON_AGENDA', String(caseId));
  return item;
}

function invalid(detail: string): never {
  return refuse('SESSION.INVALID_INPUT', detail);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isDeficiency(value: unknown): value is Deficiency {
  const candidate = value as Partial<Deficiency> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    isNonEmptyString(candidate.target) &&
    isNonEmptyString(candidate.note)
  );
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A complete ISO-8601 instant with its offset. Date.parse alone is too lenient (it turns
 * 2026-02-30 into March 2nd and accepts 24:00), so each field is checked.
 */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_INSTANT.exec(value);
  if (!match || !Number.isFinite(Date.parse(value))) return false;
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 14 &&
    Number(offsetMinutes) <= 59
  );
}
