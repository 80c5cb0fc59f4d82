/**
 * What each action on a complaint needs, and its response target. Pure functions, used by the
 * complaint workflow's update validators (a refusal writes nothing) and unit tested on their own.
 */
import type { Actor } from '../common/actors';
import {
  COMPLAINT_OWNER_ROLES,
  TERMINAL_COMPLAINT_STATUSES,
  type ComplaintServiceLevel,
  type ComplaintState,
  type ComplaintStatus,
} from './complaint.types';
import { refuse } from '../common/refusals';
import { addWorkingDays } from '../common/sla/calendar';

export const MAX_ANSWER = 4000;
export const MAX_NOTE = 2000;

function requireActor(actor: Actor): void {
  if (
    !actor ||
    typeof actor.userId !== 'string' ||
    actor.userId === '' ||
    !Array.isArray(actor.roles)
  ) {
    refuse('COMPLAINT.INVALID_INPUT', 'actor is missing');
  }
}

function requireStatus(state: ComplaintState, allowed: readonly ComplaintStatus[]): void {
  if (!allowed.includes(state.status)) {
    refuse('COMPLAINT.WRONG_STATUS', `status is ${state.status}; allowed: ${allowed.join(', ')}`);
  }
}

function requireText(value: unknown, what: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    refuse('COMPLAINT.INVALID_INPUT', `${what} must be 1–${max} characters`);
  }
}

const OPEN: readonly ComplaintStatus[] = ['OPEN', 'ASSIGNED'];

const isOwnerRole = (role: string) => (COMPLAINT_OWNER_ROLES as readonly string[]).includes(role);

export const complaintRules = {
  /** An operator hands the complaint to a directorate staff member (again: another one). */
  assign(state: ComplaintState, actor: Actor, owner: unknown, note: unknown): void {
    requireActor(actor);
    if (!actor.roles.includes('OPERATOR')) refuse('COMPLAINT.ROLE_REQUIRED', 'needs OPERATOR');
    requireStatus(state, OPEN);
    const candidate = owner as { userId?: unknown; roles?: unknown } | undefined;
    if (typeof candidate?.userId !== 'string' || candidate.userId === '') {
      refuse('COMPLAINT.INVALID_INPUT', 'owner.userId is missing');
    }
    if (!Array.isArray(candidate.roles) || !candidate.roles.some((r) => isOwnerRole(String(r)))) {
      refuse('COMPLAINT.INVALID_INPUT', `the owner must hold ${COMPLAINT_OWNER_ROLES.join(', ')}`);
    }
    if (state.owner?.userId === candidate.userId) {
      refuse('COMPLAINT.INVALID_INPUT', 'this user already owns the complaint');
    }
    if (note !== undefined) requireText(note, 'note', MAX_NOTE);
  },

  /** The owner answers; an operator may answer any open complaint (assigned or not). */
  answer(state: ComplaintState, actor: Actor, answer: unknown): void {
    requireActor(actor);
    requireStatus(state, OPEN);
    const isOwner = state.owner !== undefined && state.owner.userId === actor.userId;
    if (!isOwner && !actor.roles.includes('OPERATOR')) refuse('COMPLAINT.NOT_OWNER');
    requireText(answer, 'answer', MAX_ANSWER);
  },

  /** The filer takes it back before it is answered. */
  withdraw(state: ComplaintState, actor: Actor, reason: unknown): void {
    requireActor(actor);
    if (actor.userId !== state.filedBy) refuse('COMPLAINT.NOT_FILER');
    requireStatus(state, OPEN);
    if (reason !== undefined) requireText(reason, 'reason', MAX_NOTE);
  },
};

export const isTerminalComplaint = (status: ComplaintStatus): boolean =>
  TERMINAL_COMPLAINT_STATUSES.includes(status);

/**
 * The response target of a complaint filed at `filedAtMs`: `responseWorkingDays` working days
 * on its pinned calendar, and the reminder that many working days before it (none when the
 * target is not longer than that).
 */
export function complaintDeadline(
  filedAtMs: number,
  service: ComplaintServiceLevel,
): { dueAt: string; remindAt?: string } {
  const days = service.responseWorkingDays;
  const before = service.reminderBeforeWorkingDays;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    dueAt: iso(addWorkingDays(filedAtMs, days, service.calendar)),
    remindAt:
      before > 0 && days > before
        ? iso(addWorkingDays(filedAtMs, days - before, service.calendar))
        : undefined,
  };
}

/** Who is reminded before the target: the owner, or the operators while nobody owns it. */
export function reminderRecipient(state: ComplaintState): { userId?: string; role?: string } {
  return state.owner ? { userId: state.owner.userId } : { role: 'OPERATOR' };
}

/** The timer still to fire, if any: the reminder first, then the escalation. */
export function nextComplaintTimer(
  state: ComplaintState,
): { kind: 'REMIND' | 'ESCALATE'; atMs: number } | undefined {
  if (isTerminalComplaint(state.status)) return undefined;
  if (state.remindAt && !state.remindedAt && !state.escalatedAt) {
    return { kind: 'REMIND', atMs: Date.parse(state.remindAt) };
  }
  if (!state.escalatedAt) return { kind: 'ESCALATE', atMs: Date.parse(state.dueAt) };
  return undefined;
}
