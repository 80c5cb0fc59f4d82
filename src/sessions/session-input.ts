/**
 * Rules about a session request that span several fields, checked by the API before the
 * workflow sees the request, so that bad input answers 400 with the fields named (the
 * workflow's validators check the same and would answer 409 SESSION.INVALID_INPUT; a session
 * workflow started with bad input would fail instead of answering at all). Pure functions.
 */
import type { FieldProblem } from '../common/errors/app-error';
import type { DecisionOutcome } from '../../workflows/case/case.types';
import { isIsoInstant } from '../../workflows/session/session.rules';
import type { MemberRole, QuorumRule, SessionMember } from '../../workflows/session/session.types';

export const MEMBER_ROLES: readonly MemberRole[] = ['CHAIR', 'SECRETARY', 'MEMBER'];
export const QUORUM_KINDS = ['ALL_PRESENT', 'MIN_APPROVALS'] as const;
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = [
  'APPROVED',
  'APPROVED_WITH_CONDITIONS',
  'REJECTED',
  'DEFERRED_TO_SCHEDULING',
  'DEFERRED_TO_CORRECTIONS',
];

/** A session has a secretary and at least one member who can approve its minutes. */
export const MIN_MEMBERS = 2;
export const MAX_MEMBERS = 30;
/** The same bounds the case workflow applies to a decision's texts. */
export const MAX_TEXT = 2000;
export const MAX_ITEMS = 50;
/** How far ahead a session may be planned. */
export const MAX_PLANNING_AHEAD_DAYS = 730;

function problem(field: string, code: string, fa: string, en: string): FieldProblem {
  return { field, code, message: { fa, en } };
}

/** Whether `value` is an instant strictly after `nowMs` and not absurdly far ahead. */
export function isPlannableInstant(value: unknown, nowMs: number): boolean {
  if (!isIsoInstant(value)) return false;
  const at = Date.parse(value);
  return at > nowMs && at <= nowMs + MAX_PLANNING_AHEAD_DAYS * 86_400_000;
}

/**
 * Exactly one secretary, nobody listed twice, and a quorum the members can reach (the
 * secretary drafts the minutes, so only the others approve them).
 */
export function membersAndQuorumProblems(
  members: readonly SessionMember[],
  quorum: { kind: string; count?: number } | undefined,
  prefix = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  members.forEach((member, i) => {
    const id = member.userId.toLowerCase();
    if (seen.has(id)) {
      problems.push(
        problem(
          `${prefix}members[${i}].userId`,
          'duplicateMember',
          `عضو «members[${i}]» بیش از یک بار در فهرست آمده است.`,
          `members[${i}] lists a member who is already listed`,
        ),
      );
    }
    seen.add(id);
  });
  const secretaries = members.filter((member) => member.role === 'SECRETARY').length;
  if (secretaries !== 1) {
    problems.push(
      problem(
        `${prefix}members`,
        'oneSecretary',
        'هر جلسه باید دقیقاً یک دبیر (SECRETARY) داشته باشد.',
        'a session has exactly one member with the role SECRETARY',
      ),
    );
  }
  if (quorum?.kind === 'ALL_PRESENT' && quorum.count !== undefined) {
    problems.push(
      problem(
        `${prefix}quorum.count`,
        'countNotAllowed',
        'حد نصاب ALL_PRESENT تعداد نمی‌پذیرد.',
        'quorum.count belongs to MIN_APPROVALS only',
      ),
    );
  }
  const approvers = members.length - 1;
  if (quorum?.kind === 'MIN_APPROVALS' && typeof quorum.count === 'number') {
    if (quorum.count > approvers) {
      problems.push(
        problem(
          `${prefix}quorum.count`,
          'quorumUnreachable',
          `حد نصاب بیش از تعداد اعضای تأییدکننده (${approvers}) است.`,
          `quorum.count must not exceed the members who can approve (${approvers})`,
        ),
      );
    }
  }
  return problems;
}

/** The quorum as the workflow takes it (ALL_PRESENT when none is given). */
export function toQuorumRule(quorum: { kind: string; count?: number } | undefined): QuorumRule {
  if (quorum?.kind === 'MIN_APPROVALS') return { kind: 'MIN_APPROVALS', count: quorum.count! };
  return { kind: 'ALL_PRESENT' };
}

/** What each outcome needs and refuses (the same rules as workflows/session/session.rules.ts). */
export function decisionProblems(decision: {
  outcome: DecisionOutcome;
  conditions?: unknown[];
  reasons?: unknown[];
  deficiencies?: unknown[];
}): FieldProblem[] {
  const { outcome } = decision;
  const has = (list: unknown[] | undefined) => (list?.length ?? 0) > 0;
  const problems: FieldProblem[] = [];
  const needs = (field: string, fa: string, en: string) =>
    problems.push(problem(field, 'requiredForOutcome', fa, en));
  const refuses = (field: string) =>
    problems.push(
      problem(
        field,
        'notForOutcome',
        `فیلد «${field}» با نتیجه ${outcome} سازگار نیست.`,
        `${field} does not belong to ${outcome}`,
      ),
    );
  if (outcome === 'REJECTED' && !has(decision.reasons)) {
    needs('reasons', 'رد درخواست باید مستدل باشد: دلایل را بنویسید.', 'a rejection needs reasons');
  }
  if (outcome === 'APPROVED_WITH_CONDITIONS' && !has(decision.conditions)) {
    needs(
      'conditions',
      'موافقت مشروط باید شرط‌ها را داشته باشد.',
      'an approval with conditions needs conditions',
    );
  }
  if (outcome !== 'APPROVED_WITH_CONDITIONS' && decision.conditions !== undefined) {
    refuses('conditions');
  }
  if (outcome === 'DEFERRED_TO_CORRECTIONS' && !has(decision.deficiencies)) {
    needs(
      'deficiencies',
      'ارجاع برای اصلاح باید نواقص را فهرست کند.',
      'a deferral to corrections needs the deficiencies',
    );
  }
  if (outcome !== 'DEFERRED_TO_CORRECTIONS' && decision.deficiencies !== undefined) {
    refuses('deficiencies');
  }
  if ((outcome === 'APPROVED' || outcome === 'APPROVED_WITH_CONDITIONS') && has(decision.reasons)) {
    refuses('reasons');
  }
  return problems;
}
