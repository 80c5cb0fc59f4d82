import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../common/actors';
import type { RefusalCode } from '../common/refusals';
import {
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
  DecisionInput,
  eligibleApprovers,
  isConflictedOnEveryCase,
  isIsoInstant,
  quorumHolds,
} from './session.rules';
import type { SessionInput, SessionMember, SessionStage, SessionState } from './session.types';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../common/sla/policy';

const SESSION_AT = '2026-01-10T06:30:00.000Z';
const SESSION_AT_MS = Date.parse(SESSION_AT);

const members: SessionMember[] = [
  { userId: 'sec', role: 'SECRETARY' },
  { userId: 'chair', role: 'CHAIR' },
  { userId: 'm1', role: 'MEMBER' },
  { userId: 'm2', role: 'MEMBER' },
  { userId: 'm3', role: 'MEMBER' },
];
const secretary: Actor = { userId: 'sec', roles: ['SECRETARY'] };
const chair: Actor = { userId: 'chair', roles: ['MEMBER'] };
const m1: Actor = { userId: 'm1', roles: ['MEMBER'] };
const m2: Actor = { userId: 'm2', roles: ['MEMBER'] };
/** A member who did not attend. */
const m3: Actor = { userId: 'm3', roles: ['MEMBER'] };
/** A secretary of the directorate, but not of this session. */
const otherSecretary: Actor = { userId: 'sec-2', roles: ['SECRETARY'] };
const outsider: Actor = { userId: 'stranger', roles: ['MEMBER'] };

const approved: NonNullable<SessionState['agenda'][number]['decision']> = {
  outcome: 'APPROVED',
  recordedBy: 'sec',
  recordedAt: '2026-01-10T09:00:00.000Z',
};

function planned(overrides: Partial<SessionState> = {}): SessionState {
  return {
    sessionId: 's-1',
    stage: 'PLANNED',
    stageSince: '2026-01-01T06:00:00.000Z',
    sessionAt: SESSION_AT,
    place: 'Room 2',
    members: members.map((member) => ({ ...member })),
    quorum: { kind: 'ALL_PRESENT' },
    agenda: [
      { caseId: 'case-a', addedAt: '2026-01-02T06:00:00.000Z', conflictedMemberIds: [] },
      { caseId: 'case-b', addedAt: '2026-01-02T06:00:00.000Z', conflictedMemberIds: [] },
    ],
    pastMinutesRounds: [],
    deadlines: [],
    breaches: [],
    ...overrides,
  };
}

function held(overrides: Partial<SessionState> = {}): SessionState {
  return planned({
    stage: 'HELD',
    presentMemberIds: ['sec', 'chair', 'm1', 'm2'],
    ...overrides,
  });
}

function underApproval(overrides: Partial<SessionState> = {}): SessionState {
  const base = held();
  return {
    ...base,
    stage: 'MINUTES_UNDER_APPROVAL',
    agenda: base.agenda.map((item) => ({ ...item, decision: approved })),
    minutes: {
      round: 1,
      draftedBy: 'sec',
      draftedAt: '2026-01-11T06:00:00.000Z',
      approvals: [],
      objections: [],
    },
    ...overrides,
  };
}

/** Asserts the rule throws the refusal with this stable code (as a non-retryable failure). */
function expectRefusal(rule: () => void, code: RefusalCode): void {
  let thrown: unknown;
  try {
    rule();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApplicationFailure);
  expect((thrown as ApplicationFailure).type).toBe(code);
  expect((thrown as ApplicationFailure).nonRetryable).toBe(true);
}

const ALL_STAGES: SessionStage[] = [
  'PLANNED',
  'HELD',
  'MINUTES_UNDER_APPROVAL',
  'MINUTES_IN_REVISION',
  'CLOSED',
  'CANCELLED',
];
const inStage = (stage: SessionStage) => underApproval({ stage });

describe('who may act as the secretary', () => {
  const rules: [string, (state: SessionState, actor: Actor) => void][] = [
    ['moveSession', (s, a) => checkMoveSession(s, a, { actor: a, sessionAt: SESSION_AT })],
    ['setMembers', (s, a) => checkSetMembers(s, a, { actor: a, members })],
    ['addCaseToAgenda', (s, a) => checkAddCase(s, a, { actor: a, caseId: 'case-new' })],
    [
      'removeCaseFromAgenda',
      (s, a) => checkRemoveCase(s, a, { actor: a, caseId: 'case-a', reason: 'later' }),
    ],
    ['cancelSession', (s, a) => checkCancelSession(s, a, { actor: a, reason: 'no quorum' })],
    [
      'markHeld',
      (s, a) => checkMarkHeld(s, a, { actor: a, presentMemberIds: ['chair'] }, SESSION_AT_MS),
    ],
  ];

  it.each(rules)('%s: the session’s secretary may', (_name, rule) => {
    expect(() => rule(planned(), secretary)).not.toThrow();
  });

  it.each(rules)('%s: a member may not (SESSION.NOT_SECRETARY)', (_name, rule) => {
    expectRefusal(() => rule(planned(), chair), 'SESSION.NOT_SECRETARY');
  });

  it.each(rules)(
    '%s: a secretary of the directorate who is not this session’s may not',
    (_name, rule) => {
      expectRefusal(() => rule(planned(), otherSecretary), 'SESSION.NOT_SECRETARY');
    },
  );

  it.each(rules)('%s: the listed secretary without the SECRETARY role may not', (_name, rule) => {
    expectRefusal(
      () => rule(planned(), { userId: 'sec', roles: ['MEMBER'] }),
      'SESSION.NOT_SECRETARY',
    );
  });

  it('recording decisions and drafting the minutes are the secretary’s too', () => {
    const decide = (actor: Actor) =>
      checkRecordDecision(held(), actor, { actor, caseId: 'case-a', decision: approved });
    expect(() => decide(secretary)).not.toThrow();
    expectRefusal(() => decide(chair), 'SESSION.NOT_SECRETARY');
    const decided = held({
      agenda: held().agenda.map((item) => ({ ...item, decision: approved })),
    });
    expect(() => checkDraftMinutes(decided, secretary)).not.toThrow();
    expectRefusal(() => checkDraftMinutes(decided, m1), 'SESSION.NOT_SECRETARY');
  });

  it('refuses an action without an acting user as invalid input', () => {
    expectRefusal(
      () => checkCancelSession(planned(), undefined as unknown as Actor, { reason: 'x' } as never),
      'SESSION.INVALID_INPUT',
    );
  });
});

describe('planning happens only while the session is PLANNED', () => {
  const planning: [string, (state: SessionState) => void][] = [
    [
      'moveSession',
      (s) => checkMoveSession(s, secretary, { actor: secretary, sessionAt: SESSION_AT }),
    ],
    ['setMembers', (s) => checkSetMembers(s, secretary, { actor: secretary, members })],
    ['addCaseToAgenda', (s) => checkAddCase(s, secretary, { actor: secretary, caseId: 'case-c' })],
    [
      'removeCaseFromAgenda',
      (s) => checkRemoveCase(s, secretary, { actor: secretary, caseId: 'case-a', reason: 'x' }),
    ],
    ['cancelSession', (s) => checkCancelSession(s, secretary, { actor: secretary, reason: 'x' })],
  ];
  const later = ALL_STAGES.filter((stage) => stage !== 'PLANNED');

  it.each(planning.flatMap(([name, rule]) => later.map((stage) => [name, stage, rule] as const)))(
    '%s is refused in %s (SESSION.WRONG_STAGE)',
    (_name, stage, rule) => {
      expectRefusal(() => rule(inStage(stage)), 'SESSION.WRONG_STAGE');
    },
  );
});

describe('moveSession and setMembers input', () => {
  it.each([
    'not a date',
    '2026-01-10',
    '2026-02-30T10:00:00Z',
    '2026-01-10T24:00:00Z',
    '2026-01-10T10:00:00',
    '',
  ])('refuses sessionAt %p', (sessionAt) => {
    expectRefusal(
      () => checkMoveSession(planned(), secretary, { actor: secretary, sessionAt }),
      'SESSION.INVALID_INPUT',
    );
  });

  it('accepts a new time and place, and refuses an empty place', () => {
    expect(() =>
      checkMoveSession(planned(), secretary, {
        actor: secretary,
        sessionAt: '2026-01-12T10:00:00+03:30',
        place: 'Room 5',
      }),
    ).not.toThrow();
    expectRefusal(
      () =>
        checkMoveSession(planned(), secretary, {
          actor: secretary,
          sessionAt: SESSION_AT,
          place: ' ',
        }),
      'SESSION.INVALID_INPUT',
    );
  });

  const setMembers = (list: SessionMember[], quorum?: SessionState['quorum']) => () =>
    checkSetMembers(planned(), secretary, { actor: secretary, members: list, quorum });

  it('needs exactly one secretary', () => {
    expectRefusal(
      setMembers(members.map((member) => ({ ...member, role: 'MEMBER' as const }))),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(
      setMembers([...members, { userId: 'sec-2', role: 'SECRETARY' }]),
      'SESSION.INVALID_INPUT',
    );
    expect(setMembers([{ userId: 'sec-2', role: 'SECRETARY' }, ...members.slice(1)])).not.toThrow();
  });

  it('refuses an empty list, a member listed twice, or an unknown role', () => {
    expectRefusal(setMembers([]), 'SESSION.INVALID_INPUT');
    expectRefusal(
      setMembers([...members, { userId: 'm1', role: 'MEMBER' }]),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(
      setMembers([...members, { userId: 'x', role: 'GUEST' as never }]),
      'SESSION.INVALID_INPUT',
    );
  });

  it('keeps MIN_APPROVALS between 1 and the members other than the secretary', () => {
    expect(setMembers(members, { kind: 'MIN_APPROVALS', count: 4 })).not.toThrow();
    expect(setMembers(members, { kind: 'MIN_APPROVALS', count: 1 })).not.toThrow();
    expectRefusal(
      setMembers(members, { kind: 'MIN_APPROVALS', count: 5 }),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(
      setMembers(members, { kind: 'MIN_APPROVALS', count: 0 }),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(
      setMembers(members, { kind: 'MIN_APPROVALS', count: 1.5 }),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(setMembers(members, { kind: 'MOST' } as never), 'SESSION.INVALID_INPUT');
  });

  it('checks the current quorum against a smaller membership when none is given', () => {
    const state = planned({ quorum: { kind: 'MIN_APPROVALS', count: 4 } });
    expectRefusal(
      () => checkSetMembers(state, secretary, { actor: secretary, members: members.slice(0, 3) }),
      'SESSION.INVALID_INPUT',
    );
  });
});

describe('the agenda', () => {
  it('refuses a case already on it (SESSION.CASE_ALREADY_ON_AGENDA)', () => {
    expectRefusal(
      () => checkAddCase(planned(), secretary, { actor: secretary, caseId: 'case-a' }),
      'SESSION.CASE_ALREADY_ON_AGENDA',
    );
    expectRefusal(
      () => checkAddCase(planned(), secretary, { actor: secretary, caseId: '' }),
      'SESSION.INVALID_INPUT',
    );
  });

  it('removes only a case on it, with a reason', () => {
    expectRefusal(
      () =>
        checkRemoveCase(planned(), secretary, { actor: secretary, caseId: 'case-z', reason: 'x' }),
      'SESSION.CASE_NOT_ON_AGENDA',
    );
    expectRefusal(
      () =>
        checkRemoveCase(planned(), secretary, { actor: secretary, caseId: 'case-a', reason: ' ' }),
      'SESSION.INVALID_INPUT',
    );
  });

  it('cancels only with a reason', () => {
    expectRefusal(
      () => checkCancelSession(planned(), secretary, { actor: secretary, reason: '' }),
      'SESSION.INVALID_INPUT',
    );
  });
});

describe('markHeld', () => {
  const markHeld =
    (state: SessionState, presentMemberIds: unknown, nowMs = SESSION_AT_MS) =>
    () =>
      checkMarkHeld(
        state,
        secretary,
        { actor: secretary, presentMemberIds: presentMemberIds as string[] },
        nowMs,
      );

  it('is allowed from the session’s time on, not a millisecond before', () => {
    expect(markHeld(planned(), ['sec', 'chair'], SESSION_AT_MS)).not.toThrow();
    expectRefusal(markHeld(planned(), ['sec', 'chair'], SESSION_AT_MS - 1), 'SESSION.WRONG_STAGE');
  });

  it.each(ALL_STAGES.filter((stage) => stage !== 'PLANNED'))('is refused in %s', (stage) => {
    expectRefusal(markHeld(inStage(stage), ['chair']), 'SESSION.WRONG_STAGE');
  });

  it('refuses unknown, repeated or missing attendees', () => {
    expectRefusal(markHeld(planned(), ['chair', 'stranger']), 'SESSION.INVALID_INPUT');
    expectRefusal(markHeld(planned(), ['chair', 'chair']), 'SESSION.INVALID_INPUT');
    expectRefusal(markHeld(planned(), []), 'SESSION.INVALID_INPUT');
    expectRefusal(markHeld(planned(), 'chair'), 'SESSION.INVALID_INPUT');
  });

  it('refuses an attendance with nobody but the secretary to approve the minutes', () => {
    expectRefusal(markHeld(planned(), ['sec']), 'SESSION.INVALID_INPUT');
  });

  it('refuses an attendance below a MIN_APPROVALS quorum', () => {
    const state = planned({ quorum: { kind: 'MIN_APPROVALS', count: 3 } });
    expectRefusal(markHeld(state, ['sec', 'chair', 'm1']), 'SESSION.INVALID_INPUT');
    expect(markHeld(state, ['sec', 'chair', 'm1', 'm2'])).not.toThrow();
  });
});

describe('recordDecision', () => {
  const record =
    (state: SessionState, decision: unknown, caseId = 'case-a') =>
    () =>
      checkRecordDecision(state, secretary, {
        actor: secretary,
        caseId,
        decision: decision as DecisionInput,
      });

  it.each(['HELD', 'MINUTES_IN_REVISION'] as const)('is allowed in %s', (stage) => {
    expect(record(inStage(stage), { outcome: 'APPROVED' })).not.toThrow();
  });

  it.each(['PLANNED', 'MINUTES_UNDER_APPROVAL', 'CLOSED', 'CANCELLED'] as const)(
    'is refused in %s',
    (stage) => {
      expectRefusal(record(inStage(stage), { outcome: 'APPROVED' }), 'SESSION.WRONG_STAGE');
    },
  );

  it('needs the case on the agenda', () => {
    expectRefusal(record(held(), { outcome: 'APPROVED' }, 'case-z'), 'SESSION.CASE_NOT_ON_AGENDA');
  });

  it.each([
    ['an unknown outcome', { outcome: 'MAYBE' }],
    ['no decision', undefined],
    ['REJECTED without reasons', { outcome: 'REJECTED' }],
    ['REJECTED with an empty reason', { outcome: 'REJECTED', reasons: [' '] }],
    ['APPROVED_WITH_CONDITIONS without conditions', { outcome: 'APPROVED_WITH_CONDITIONS' }],
    [
      'APPROVED_WITH_CONDITIONS with an empty list',
      { outcome: 'APPROVED_WITH_CONDITIONS', conditions: [] },
    ],
    ['DEFERRED_TO_CORRECTIONS without deficiencies', { outcome: 'DEFERRED_TO_CORRECTIONS' }],
    [
      'DEFERRED_TO_CORRECTIONS with a deficiency lacking its note',
      { outcome: 'DEFERRED_TO_CORRECTIONS', deficiencies: [{ target: 'document:X' }] },
    ],
    ['APPROVED with conditions', { outcome: 'APPROVED', conditions: ['c'] }],
    ['APPROVED with reasons', { outcome: 'APPROVED', reasons: ['r'] }],
    [
      'REJECTED with deficiencies',
      { outcome: 'REJECTED', reasons: ['r'], deficiencies: [{ target: 't', note: 'n' }] },
    ],
  ])('refuses %s (SESSION.INVALID_INPUT)', (_label, decision) => {
    expectRefusal(record(held(), decision), 'SESSION.INVALID_INPUT');
  });

  it.each([
    { outcome: 'APPROVED' },
    { outcome: 'APPROVED_WITH_CONDITIONS', conditions: ['Scrap within 3 months'] },
    { outcome: 'REJECTED', reasons: ['Younger than the worn-out age'] },
    { outcome: 'DEFERRED_TO_SCHEDULING' },
    { outcome: 'DEFERRED_TO_SCHEDULING', reasons: ['Needs the governorate’s opinion'] },
    {
      outcome: 'DEFERRED_TO_CORRECTIONS',
      deficiencies: [{ target: 'document:VEHICLE_CARD', note: 'Unreadable scan' }],
    },
  ])('accepts %p', (decision) => {
    expect(record(held(), decision)).not.toThrow();
  });
});

describe('draftMinutes', () => {
  const decided = (stage: SessionStage) =>
    held({ stage, agenda: held().agenda.map((item) => ({ ...item, decision: approved })) });

  it('needs every agenda case decided (SESSION.DECISIONS_MISSING)', () => {
    const partly = held({
      agenda: held().agenda.map((item, i) => (i === 0 ? { ...item, decision: approved } : item)),
    });
    expectRefusal(() => checkDraftMinutes(partly, secretary), 'SESSION.DECISIONS_MISSING');
  });

  it.each(['HELD', 'MINUTES_IN_REVISION'] as const)('is allowed in %s', (stage) => {
    expect(() => checkDraftMinutes(decided(stage), secretary)).not.toThrow();
  });

  it.each(['PLANNED', 'MINUTES_UNDER_APPROVAL', 'CLOSED', 'CANCELLED'] as const)(
    'is refused in %s',
    (stage) => {
      expectRefusal(() => checkDraftMinutes(decided(stage), secretary), 'SESSION.WRONG_STAGE');
    },
  );
});

describe('approving and objecting to the minutes', () => {
  const votes: [string, (state: SessionState, actor: Actor) => void][] = [
    ['approve', (s, a) => checkApproveMinutes(s, a)],
    ['object', (s, a) => checkObjectToMinutes(s, a, { actor: a, comment: 'Item 2 is wrong' })],
  ];

  it.each(votes)('%s: a present member may', (_name, vote) => {
    expect(() => vote(underApproval(), chair)).not.toThrow();
    expect(() => vote(underApproval(), m1)).not.toThrow();
  });

  it.each(votes)('%s: only while the minutes are under approval', (_name, vote) => {
    for (const stage of ALL_STAGES.filter((s) => s !== 'MINUTES_UNDER_APPROVAL')) {
      expectRefusal(() => vote(inStage(stage), chair), 'SESSION.WRONG_STAGE');
    }
  });

  it.each(votes)('%s: not by someone who does not sit on the session', (_name, vote) => {
    expectRefusal(() => vote(underApproval(), outsider), 'SESSION.NOT_A_MEMBER');
  });

  it.each(votes)('%s: not by a member who was absent', (_name, vote) => {
    expectRefusal(() => vote(underApproval(), m3), 'SESSION.NOT_PRESENT');
  });

  it.each(votes)('%s: not by whoever drafted this round', (_name, vote) => {
    expectRefusal(() => vote(underApproval(), secretary), 'SESSION.SAME_PERSON');
  });

  it.each(votes)('%s: once per round, whichever way the first vote went', (_name, vote) => {
    const approvedOnce = underApproval();
    approvedOnce.minutes!.approvals.push({ userId: 'm1', at: '2026-01-11T07:00:00.000Z' });
    expectRefusal(() => vote(approvedOnce, m1), 'SESSION.ALREADY_VOTED');
    const objectedOnce = underApproval();
    objectedOnce.minutes!.objections.push({ userId: 'm1', at: 'x', comment: 'no' });
    expectRefusal(() => vote(objectedOnce, m1), 'SESSION.ALREADY_VOTED');
  });

  it.each(votes)('%s: again in a new round', (_name, vote) => {
    const round2 = underApproval({
      pastMinutesRounds: [
        {
          round: 1,
          draftedBy: 'sec',
          draftedAt: 'x',
          approvals: [{ userId: 'chair', at: 'x' }],
          objections: [{ userId: 'm1', at: 'x', comment: 'no' }],
        },
      ],
    });
    round2.minutes!.round = 2;
    expect(() => vote(round2, m1)).not.toThrow();
    expect(() => vote(round2, chair)).not.toThrow();
  });

  it.each(votes)(
    '%s: refused to a member conflicted on every agenda case, allowed to one conflicted on some',
    (_name, vote) => {
      const state = underApproval();
      state.agenda[0].conflictedMemberIds.push('m1', 'm2');
      state.agenda[1].conflictedMemberIds.push('m1');
      expectRefusal(() => vote(state, m1), 'SESSION.CONFLICT_OF_INTEREST');
      expect(() => vote(state, m2)).not.toThrow();
    },
  );

  it('needs a comment with an objection', () => {
    expectRefusal(
      () => checkObjectToMinutes(underApproval(), chair, { actor: chair, comment: '  ' }),
      'SESSION.INVALID_INPUT',
    );
  });
});

describe('declareConflict', () => {
  const declare =
    (state: SessionState, actor: Actor, caseId = 'case-a') =>
    () =>
      checkDeclareConflict(state, actor, { actor, caseId, note: 'My brother runs the agency' });

  it.each(['PLANNED', 'HELD', 'MINUTES_UNDER_APPROVAL', 'MINUTES_IN_REVISION'] as const)(
    'a member may declare one in %s, present or not',
    (stage) => {
      expect(declare(inStage(stage), m1)).not.toThrow();
      expect(declare(inStage(stage), m3)).not.toThrow();
    },
  );

  it.each(['CLOSED', 'CANCELLED'] as const)('not once the session is %s', (stage) => {
    expectRefusal(declare(inStage(stage), m1), 'SESSION.WRONG_STAGE');
  });

  it('only a member, only on a case on the agenda, only once', () => {
    expectRefusal(declare(planned(), outsider), 'SESSION.NOT_A_MEMBER');
    expectRefusal(declare(planned(), m1, 'case-z'), 'SESSION.CASE_NOT_ON_AGENDA');
    const state = planned();
    state.agenda[0].conflictedMemberIds.push('m1');
    expectRefusal(declare(state, m1), 'SESSION.INVALID_INPUT');
    expect(declare(state, m1, 'case-b')).not.toThrow();
  });
});

describe('the quorum', () => {
  const approve = (state: SessionState, ...userIds: string[]) => {
    for (const userId of userIds) state.minutes!.approvals.push({ userId, at: 'x' });
    return state;
  };

  it('ALL_PRESENT: every present member but the drafter', () => {
    expect(eligibleApprovers(underApproval())).toEqual(['chair', 'm1', 'm2']);
    expect(quorumHolds(approve(underApproval(), 'chair', 'm1'))).toBe(false);
    expect(quorumHolds(approve(underApproval(), 'chair', 'm1', 'm2'))).toBe(true);
  });

  it('ALL_PRESENT: a member conflicted on every case is not required; on some, still is', () => {
    const state = underApproval();
    state.agenda.forEach((item) => item.conflictedMemberIds.push('m2'));
    state.agenda[0].conflictedMemberIds.push('m1');
    expect(isConflictedOnEveryCase(state, 'm2')).toBe(true);
    expect(isConflictedOnEveryCase(state, 'm1')).toBe(false);
    expect(eligibleApprovers(state)).toEqual(['chair', 'm1']);
    expect(quorumHolds(approve(state, 'chair'))).toBe(false);
    expect(quorumHolds(approve(state, 'm1'))).toBe(true);
  });

  it('an empty agenda conflicts nobody', () => {
    expect(isConflictedOnEveryCase(underApproval({ agenda: [] }), 'm1')).toBe(false);
  });

  it('MIN_APPROVALS: that many approvals from eligible present members', () => {
    const state = () => underApproval({ quorum: { kind: 'MIN_APPROVALS', count: 2 } });
    expect(quorumHolds(approve(state(), 'chair'))).toBe(false);
    expect(quorumHolds(approve(state(), 'chair', 'm2'))).toBe(true);
    // An approval recorded for someone not eligible (absent) does not count.
    expect(quorumHolds(approve(state(), 'chair', 'm3'))).toBe(false);
    const conflicted = state();
    conflicted.agenda.forEach((item) => item.conflictedMemberIds.push('m2'));
    expect(quorumHolds(approve(conflicted, 'chair', 'm2'))).toBe(false);
  });

  it('objections do not count, and nothing holds outside MINUTES_UNDER_APPROVAL', () => {
    const state = approve(underApproval(), 'chair', 'm1');
    state.minutes!.objections.push({ userId: 'm2', at: 'x', comment: 'no' });
    expect(quorumHolds(state)).toBe(false);
    const all = approve(underApproval(), 'chair', 'm1', 'm2');
    expect(quorumHolds({ ...all, stage: 'MINUTES_IN_REVISION' })).toBe(false);
  });
});

describe('the workflow input', () => {
  const input = (overrides: Partial<SessionInput> = {}): SessionInput => ({
    sessionId: 's-1',
    sessionAt: SESSION_AT,
    place: 'Room 2',
    members,
    quorum: { kind: 'ALL_PRESENT' },
    createdBy: 'sec',
    serviceLevel: {
      policy: DEFAULT_SERVICE_LEVEL_POLICY,
      calendar: { utcOffsetMinutes: 210, thursdayIsWorkingDay: false, holidays: [], closures: [] },
    },
    ...overrides,
  });

  it('accepts a complete input and refuses a bad one', () => {
    expect(() => checkSessionInput(input())).not.toThrow();
    expectRefusal(
      () => checkSessionInput(input({ sessionAt: 'tomorrow' })),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(() => checkSessionInput(input({ place: '' })), 'SESSION.INVALID_INPUT');
    expectRefusal(
      () => checkSessionInput(input({ members: members.slice(1) })),
      'SESSION.INVALID_INPUT',
    );
    expectRefusal(
      () => checkSessionInput(input({ quorum: { kind: 'MIN_APPROVALS', count: 9 } })),
      'SESSION.INVALID_INPUT',
    );
  });
});

describe('isIsoInstant', () => {
  it.each([
    '2026-01-10T06:30:00.000Z',
    '2026-01-10T10:00+03:30',
    '2024-02-29T00:00:00Z',
    '2026-12-31T23:59:59.999-05:00',
  ])('accepts %p', (text) => {
    expect(isIsoInstant(text)).toBe(true);
  });

  it.each(['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-10T10:60:00Z', 12, null])(
    'refuses %p',
    (value) => {
      expect(isIsoInstant(value)).toBe(false);
    },
  );
});
