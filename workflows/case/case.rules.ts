/**
 * What each action on a case needs: the right stage, the right person, complete input. Pure
 * functions, used by the case workflow's update validators (a refusal writes nothing) and unit
 * tested on their own.
 */
import { SYSTEM_ACTOR, type Actor, type Role } from '../common/actors';
import type { CaseDecision, CaseStage, CaseState, Deficiency } from './case.types';
import { TERMINAL_STAGES } from './case.types';
import { refuse } from '../common/refusals';

/** Stages in which the agency may still withdraw: "at any time before a decision". */
export const WITHDRAWABLE_STAGES: readonly CaseStage[] = [
  'REGISTERED',
  'UNDER_REVIEW',
  'AWAITING_CORRECTIONS',
  'AWAITING_SESSION',
  'SCHEDULED',
];

const MAX_TEXT = 2000;
const MAX_ITEMS = 50;

function requireStage(state: CaseState, allowed: readonly CaseStage[]): void {
  if (!allowed.includes(state.stage)) {
    refuse('CASE.WRONG_STAGE', `stage is ${state.stage}; allowed: ${allowed.join(', ')}`);
  }
}

function requireRole(actor: Actor, role: Role): void {
  if (
    !actor ||
    typeof actor.userId !== 'string' ||
    actor.userId === '' ||
    !Array.isArray(actor.roles)
  ) {
    refuse('CASE.INVALID_INPUT', 'actor is missing');
  }
  if (!actor.roles.includes(role)) refuse('CASE.ROLE_REQUIRED', `needs ${role}`);
}

/**
 * Messages from a commission session carry its secretary, or the system actor when the session
 * itself acts (minutes becoming final). The API never exposes these updates to users.
 */
function requireSessionActor(actor: Actor): void {
  if (actor?.userId === SYSTEM_ACTOR.userId) return;
  requireRole(actor, 'SECRETARY');
}

function requireOwnAgency(state: CaseState, actor: Actor): void {
  requireRole(actor, 'CLERK');
  if (actor.agencyId !== state.agencyId) refuse('CASE.NOT_YOUR_AGENCY');
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    refuse('CASE.INVALID_INPUT', `${what} must be 1–${MAX_TEXT} characters`);
  }
}

function requireTexts(values: unknown, what: string): void {
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_ITEMS) {
    refuse('CASE.INVALID_INPUT', `${what} must list 1–${MAX_ITEMS} items`);
  }
  values.forEach((value, i) => requireText(value, `${what}[${i}]`));
}

function requireDeficiencies(deficiencies: unknown): asserts deficiencies is Deficiency[] {
  if (
    !Array.isArray(deficiencies) ||
    deficiencies.length === 0 ||
    deficiencies.length > MAX_ITEMS
  ) {
    refuse('CASE.INVALID_INPUT', `deficiencies must list 1–${MAX_ITEMS} items`);
  }
  deficiencies.forEach((d: Partial<Deficiency>, i) => {
    if (typeof d?.target !== 'string' || !/^(document|field):\S{1,120}$/.test(d.target)) {
      refuse(
        'CASE.INVALID_INPUT',
        `deficiencies[${i}].target must be document:<slot> or field:<path>`,
      );
    }
    requireText(d.note, `deficiencies[${i}].note`);
  });
}

function requireInstant(value: unknown, what: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    refuse('CASE.INVALID_INPUT', `${what} must be an ISO-8601 instant`);
  }
}

export const caseRules = {
  review(state: CaseState, actor: Actor): void {
    requireRole(actor, 'REVIEWER');
    requireStage(state, ['UNDER_REVIEW']);
    // Separation of duties: whoever filed the case does not also review it.
    if (state.registeredBy !== undefined && actor.userId === state.registeredBy)
      refuse('CASE.SAME_PERSON');
  },

  requestCorrections(
    state: CaseState,
    actor: Actor,
    deficiencies: unknown,
    comment: unknown,
  ): void {
    caseRules.review(state, actor);
    requireDeficiencies(deficiencies);
    if (comment !== undefined) requireText(comment, 'comment');
  },

  reject(state: CaseState, actor: Actor, reasons: unknown): void {
    caseRules.review(state, actor);
    requireTexts(reasons, 'reasons');
  },

  resubmit(state: CaseState, actor: Actor, note: unknown): void {
    requireOwnAgency(state, actor);
    requireStage(state, ['AWAITING_CORRECTIONS']);
    if (note !== undefined) requireText(note, 'note');
  },

  withdraw(state: CaseState, actor: Actor, reason: unknown): void {
    requireOwnAgency(state, actor);
    requireStage(state, WITHDRAWABLE_STAGES);
    if (reason !== undefined) requireText(reason, 'reason');
  },

  cancel(state: CaseState, actor: Actor, reason: unknown): void {
    requireRole(actor, 'OPERATOR');
    // A result being announced is final: there is nothing left to cancel.
    if (TERMINAL_STAGES.includes(state.stage) || state.stage === 'RESULT_ANNOUNCED') {
      refuse('CASE.WRONG_STAGE', `the case is already ${state.stage}`);
    }
    requireText(reason, 'reason');
  },

  schedule(state: CaseState, actor: Actor, sessionId: unknown, sessionAt: unknown): void {
    requireSessionActor(actor);
    requireText(sessionId, 'sessionId');
    requireInstant(sessionAt, 'sessionAt');
    // A session that moves re-schedules its cases: allowed for the same session only.
    if (state.stage === 'SCHEDULED') {
      if (state.session?.sessionId !== sessionId)
        refuse('CASE.WRONG_SESSION', 'already on another session');
      return;
    }
    requireStage(state, ['AWAITING_SESSION']);
  },

  unschedule(state: CaseState, actor: Actor, sessionId: unknown, reason: unknown): void {
    requireSessionActor(actor);
    requireStage(state, ['SCHEDULED']);
    if (state.session?.sessionId !== sessionId) refuse('CASE.WRONG_SESSION');
    requireText(reason, 'reason');
  },

  recordDecision(
    state: CaseState,
    actor: Actor,
    decision: Partial<CaseDecision> | undefined,
  ): void {
    requireSessionActor(actor);
    requireStage(state, ['SCHEDULED', 'DECIDED']);
    if (!decision || state.session?.sessionId !== decision.sessionId) refuse('CASE.WRONG_SESSION');
    requireText(decision.recordedBy, 'decision.recordedBy');
    requireInstant(decision.recordedAt, 'decision.recordedAt');
    switch (decision.outcome) {
      case 'APPROVED':
        break;
      case 'APPROVED_WITH_CONDITIONS':
        requireTexts(decision.conditions, 'decision.conditions');
        break;
      case 'REJECTED':
        requireTexts(decision.reasons, 'decision.reasons');
        break;
      case 'DEFERRED_TO_SCHEDULING':
        break;
      case 'DEFERRED_TO_CORRECTIONS':
        requireDeficiencies(decision.deficiencies);
        break;
      default:
        refuse('CASE.INVALID_INPUT', 'decision.outcome is not a known outcome');
    }
  },

  finalize(state: CaseState, actor: Actor, sessionId: unknown, minutesApprovedAt: unknown): void {
    requireSessionActor(actor);
    requireStage(state, ['DECIDED']);
    if (state.session?.sessionId !== sessionId) refuse('CASE.WRONG_SESSION');
    requireInstant(minutesApprovedAt, 'minutesApprovedAt');
  },
};
