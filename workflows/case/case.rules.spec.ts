import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../common/actors';
import { caseRules, WITHDRAWABLE_STAGES } from './case.rules';
import { CASE_STAGES, type CaseStage, type CaseState } from './case.types';

const clerk: Actor = { userId: 'c1', roles: ['CLERK'], agencyId: 'a1' };
const reviewer: Actor = { userId: 'r1', roles: ['REVIEWER'] };
const secretary: Actor = { userId: 's1', roles: ['SECRETARY'] };
const operator: Actor = { userId: 'o1', roles: ['OPERATOR'] };
const system: Actor = { userId: 'system', roles: [] };

function stateAt(stage: CaseStage, extra: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'case-1',
    trackingCode: '123456789018',
    requestType: 'SALE',
    agencyId: 'a1',
    registeredAt: '2026-11-26T05:00:00.000Z',
    registeredBy: 'c1',
    stage,
    stageSince: '2026-11-26T05:00:00.000Z',
    waitingOn: 'REVIEWER',
    reviewRound: 1,
    deadlines: [],
    breaches: [],
    directorateClock: [],
    policyVersion: 'default',
    timeline: [],
    generation: 0,
    ...extra,
  };
}

function codeOf(check: () => void): string | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? undefined;
    throw error;
  }
  return undefined;
}

const deficiency = [{ target: 'document:REQUEST_LETTER', note: 'امضا ندارد' }];
const decision = (outcome: string, more: object = {}) => ({
  outcome,
  sessionId: 'sess-1',
  recordedBy: 's1',
  recordedAt: '2026-11-26T05:00:00.000Z',
  ...more,
});

describe('case rules', () => {
  it('lets only a reviewer review, only under review, and never the person who filed the case', () => {
    expect(codeOf(() => caseRules.review(stateAt('UNDER_REVIEW'), reviewer))).toBeUndefined();
    expect(codeOf(() => caseRules.review(stateAt('UNDER_REVIEW'), clerk))).toBe(
      'CASE.ROLE_REQUIRED',
    );
    for (const stage of CASE_STAGES.filter((s) => s !== 'UNDER_REVIEW')) {
      expect(codeOf(() => caseRules.review(stateAt(stage), reviewer))).toBe('CASE.WRONG_STAGE');
    }
    const both: Actor = { userId: 'c1', roles: ['CLERK', 'REVIEWER'], agencyId: 'a1' };
    expect(codeOf(() => caseRules.review(stateAt('UNDER_REVIEW'), both))).toBe('CASE.SAME_PERSON');
  });

  it('needs deficiencies tied to a checklist slot or field, and reasons for a rejection', () => {
    const s = stateAt('UNDER_REVIEW');
    expect(
      codeOf(() => caseRules.requestCorrections(s, reviewer, deficiency, undefined)),
    ).toBeUndefined();
    expect(codeOf(() => caseRules.requestCorrections(s, reviewer, [], undefined))).toBe(
      'CASE.INVALID_INPUT',
    );
    expect(
      codeOf(() =>
        caseRules.requestCorrections(s, reviewer, [{ target: 'somewhere', note: 'x' }], undefined),
      ),
    ).toBe('CASE.INVALID_INPUT');
    expect(
      codeOf(() =>
        caseRules.requestCorrections(s, reviewer, [{ target: 'field:vin', note: ' ' }], undefined),
      ),
    ).toBe('CASE.INVALID_INPUT');
    expect(codeOf(() => caseRules.reject(s, reviewer, ['نامعتبر']))).toBeUndefined();
    expect(codeOf(() => caseRules.reject(s, reviewer, []))).toBe('CASE.INVALID_INPUT');
    expect(codeOf(() => caseRules.reject(s, reviewer, ['x'.repeat(2001)]))).toBe(
      'CASE.INVALID_INPUT',
    );
  });

  it('lets only a clerk of the case’s own agency re-submit or withdraw, and withdraw only before a decision', () => {
    expect(
      codeOf(() => caseRules.resubmit(stateAt('AWAITING_CORRECTIONS'), clerk, undefined)),
    ).toBeUndefined();
    expect(codeOf(() => caseRules.resubmit(stateAt('UNDER_REVIEW'), clerk, undefined))).toBe(
      'CASE.WRONG_STAGE',
    );
    expect(
      codeOf(() =>
        caseRules.resubmit(
          stateAt('AWAITING_CORRECTIONS'),
          { ...clerk, agencyId: 'a2' },
          undefined,
        ),
      ),
    ).toBe('CASE.NOT_YOUR_AGENCY');
    for (const stage of CASE_STAGES) {
      const expected = WITHDRAWABLE_STAGES.includes(stage) ? undefined : 'CASE.WRONG_STAGE';
      expect(codeOf(() => caseRules.withdraw(stateAt(stage), clerk, undefined))).toBe(expected);
    }
    expect(codeOf(() => caseRules.withdraw(stateAt('UNDER_REVIEW'), reviewer, undefined))).toBe(
      'CASE.ROLE_REQUIRED',
    );
  });

  it('lets an operator cancel any open case with a reason', () => {
    expect(
      codeOf(() => caseRules.cancel(stateAt('SCHEDULED'), operator, 'تکراری')),
    ).toBeUndefined();
    expect(codeOf(() => caseRules.cancel(stateAt('SCHEDULED'), operator, ''))).toBe(
      'CASE.INVALID_INPUT',
    );
    for (const stage of ['CLOSED', 'RESULT_ANNOUNCED', 'WITHDRAWN'] as const) {
      expect(codeOf(() => caseRules.cancel(stateAt(stage), operator, 'x'))).toBe(
        'CASE.WRONG_STAGE',
      );
    }
    expect(codeOf(() => caseRules.cancel(stateAt('SCHEDULED'), clerk, 'x'))).toBe(
      'CASE.ROLE_REQUIRED',
    );
  });

  it('accepts session messages from the secretary or the session itself, for the right session', () => {
    const at = '2026-12-01T06:00:00.000Z';
    expect(
      codeOf(() => caseRules.schedule(stateAt('AWAITING_SESSION'), secretary, 'sess-1', at)),
    ).toBeUndefined();
    expect(
      codeOf(() => caseRules.schedule(stateAt('AWAITING_SESSION'), reviewer, 'sess-1', at)),
    ).toBe('CASE.ROLE_REQUIRED');
    expect(codeOf(() => caseRules.schedule(stateAt('UNDER_REVIEW'), secretary, 'sess-1', at))).toBe(
      'CASE.WRONG_STAGE',
    );
    expect(
      codeOf(() =>
        caseRules.schedule(stateAt('AWAITING_SESSION'), secretary, 'sess-1', 'tomorrow'),
      ),
    ).toBe('CASE.INVALID_INPUT');
    const scheduled = stateAt('SCHEDULED', { session: { sessionId: 'sess-1', sessionAt: at } });
    expect(codeOf(() => caseRules.schedule(scheduled, secretary, 'sess-1', at))).toBeUndefined(); // a move
    expect(codeOf(() => caseRules.schedule(scheduled, secretary, 'sess-2', at))).toBe(
      'CASE.WRONG_SESSION',
    );
    expect(codeOf(() => caseRules.unschedule(scheduled, secretary, 'sess-2', 'x'))).toBe(
      'CASE.WRONG_SESSION',
    );
    expect(
      codeOf(() => caseRules.unschedule(scheduled, secretary, 'sess-1', 'جابجایی')),
    ).toBeUndefined();

    expect(
      codeOf(() => caseRules.recordDecision(scheduled, secretary, decision('APPROVED') as never)),
    ).toBeUndefined();
    expect(
      codeOf(() => caseRules.recordDecision(scheduled, system, decision('APPROVED') as never)),
    ).toBeUndefined();
    expect(
      codeOf(() => caseRules.recordDecision(scheduled, secretary, decision('MAYBE') as never)),
    ).toBe('CASE.INVALID_INPUT');
    expect(
      codeOf(() => caseRules.recordDecision(scheduled, secretary, decision('REJECTED') as never)),
    ).toBe('CASE.INVALID_INPUT');
    expect(
      codeOf(() =>
        caseRules.recordDecision(
          scheduled,
          secretary,
          decision('APPROVED_WITH_CONDITIONS') as never,
        ),
      ),
    ).toBe('CASE.INVALID_INPUT');
    expect(
      codeOf(() =>
        caseRules.recordDecision(
          scheduled,
          secretary,
          decision('DEFERRED_TO_CORRECTIONS') as never,
        ),
      ),
    ).toBe('CASE.INVALID_INPUT');
    expect(
      codeOf(() =>
        caseRules.recordDecision(
          scheduled,
          secretary,
          decision('APPROVED', { sessionId: 'sess-2' }) as never,
        ),
      ),
    ).toBe('CASE.WRONG_SESSION');
    const decided = stateAt('DECIDED', { session: { sessionId: 'sess-1', sessionAt: at } });
    expect(codeOf(() => caseRules.finalize(decided, system, 'sess-1', at))).toBeUndefined();
    expect(codeOf(() => caseRules.finalize(scheduled, system, 'sess-1', at))).toBe(
      'CASE.WRONG_STAGE',
    );
    expect(codeOf(() => caseRules.finalize(decided, system, 'sess-2', at))).toBe(
      'CASE.WRONG_SESSION',
    );
  });
});
