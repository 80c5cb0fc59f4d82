import {
  decisionProblems,
  isPlannableInstant,
  membersAndQuorumProblems,
  toQuorumRule,
} from './session-input';
import type { SessionMember } from '../../workflows/session/session.types';

const codes = (problems: { field: string; code: string }[]) =>
  Object.fromEntries(problems.map((p) => [p.field, p.code]));

describe('session input rules', () => {
  const seats: SessionMember[] = [
    { userId: 'a', role: 'SECRETARY' },
    { userId: 'b', role: 'CHAIR' },
    { userId: 'c', role: 'MEMBER' },
  ];

  it('accepts one secretary, distinct members and a reachable quorum', () => {
    expect(membersAndQuorumProblems(seats, undefined)).toEqual([]);
    expect(membersAndQuorumProblems(seats, { kind: 'ALL_PRESENT' })).toEqual([]);
    expect(membersAndQuorumProblems(seats, { kind: 'MIN_APPROVALS', count: 2 })).toEqual([]);
  });

  it('names each problem with members and quorum', () => {
    expect(
      codes(
        membersAndQuorumProblems([...seats, { userId: 'A', role: 'SECRETARY' }], {
          kind: 'MIN_APPROVALS',
          count: 4,
        }),
      ),
    ).toEqual({
      'members[3].userId': 'duplicateMember',
      members: 'oneSecretary',
      'quorum.count': 'quorumUnreachable',
    });
    expect(
      codes(membersAndQuorumProblems(seats.slice(1), { kind: 'ALL_PRESENT', count: 1 })),
    ).toEqual({ members: 'oneSecretary', 'quorum.count': 'countNotAllowed' });
  });

  it('turns the quorum into the workflow’s rule, ALL_PRESENT by default', () => {
    expect(toQuorumRule(undefined)).toEqual({ kind: 'ALL_PRESENT' });
    expect(toQuorumRule({ kind: 'MIN_APPROVALS', count: 2 })).toEqual({
      kind: 'MIN_APPROVALS',
      count: 2,
    });
  });

  it('plans only complete instants in the future, at most two years ahead', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(isPlannableInstant('2026-03-01T09:30:00+03:30', now)).toBe(true);
    expect(isPlannableInstant('2026-02-28T23:59:59Z', now)).toBe(false);
    expect(isPlannableInstant('2026-03-01T00:00:00Z', now)).toBe(false);
    expect(isPlannableInstant('2026-03-02', now)).toBe(false);
    expect(isPlannableInstant('2026-04-31T10:00:00Z', now)).toBe(false);
    expect(isPlannableInstant('2030-01-01T00:00:00Z', now)).toBe(false);
    expect(isPlannableInstant(12345, now)).toBe(false);
  });

  it('asks each outcome for what it needs and refuses what does not belong to it', () => {
    expect(decisionProblems({ outcome: 'APPROVED' })).toEqual([]);
    expect(decisionProblems({ outcome: 'REJECTED', reasons: ['x'] })).toEqual([]);
    expect(decisionProblems({ outcome: 'DEFERRED_TO_SCHEDULING', reasons: ['x'] })).toEqual([]);
    expect(codes(decisionProblems({ outcome: 'REJECTED' }))).toEqual({
      reasons: 'requiredForOutcome',
    });
    expect(codes(decisionProblems({ outcome: 'APPROVED_WITH_CONDITIONS' }))).toEqual({
      conditions: 'requiredForOutcome',
    });
    expect(codes(decisionProblems({ outcome: 'DEFERRED_TO_CORRECTIONS' }))).toEqual({
      deficiencies: 'requiredForOutcome',
    });
    expect(
      codes(
        decisionProblems({
          outcome: 'APPROVED',
          conditions: ['x'],
          reasons: ['y'],
          deficiencies: [{}],
        }),
      ),
    ).toEqual({
      conditions: 'notForOutcome',
      reasons: 'notForOutcome',
      deficiencies: 'notForOutcome',
    });
  });
});
