import { dueTimers, nextTimerAt, stageDeadline, wholeCaseDeadline } from './case.deadlines';
import type { CaseServiceLevel } from './case.types';
import { DAY_MS } from '../common/sla/calendar';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../common/sla/policy';

const service: CaseServiceLevel = {
  policy: DEFAULT_SERVICE_LEVEL_POLICY,
  calendar: { utcOffsetMinutes: 210, thursdayIsWorkingDay: false, holidays: [], closures: [] },
  permitValidityDays: 180,
};
// Saturday 1405/09/07 10:00 Tehran = 2026-11-28T06:30:00Z
const saturday10 = Date.parse('2026-11-28T06:30:00Z');

describe('case deadlines', () => {
  it('gives document review five working days with a reminder one working day before', () => {
    const d = stageDeadline('UNDER_REVIEW', saturday10, service)!;
    expect(d.target).toBe('documentReview');
    // Sat→Sun, Mon, Tue, Wed (4), Thursday and Friday off, Sat 10:00 (5).
    expect(d.dueAt).toBe('2026-12-05T06:30:00.000Z');
    expect(d.remindAt).toBe('2026-12-02T06:30:00.000Z'); // 4 working days: Wednesday 10:00
  });

  it('measures the correction window on the agency’s side and has no deadline for session-owned stages', () => {
    expect(stageDeadline('AWAITING_CORRECTIONS', saturday10, service)?.target).toBe(
      'correctionWindow',
    );
    expect(stageDeadline('AWAITING_SESSION', saturday10, service)?.target).toBe('scheduling');
    expect(stageDeadline('SCHEDULED', saturday10, service)).toBeUndefined();
    expect(stageDeadline('CLOSED', saturday10, service)).toBeUndefined();
  });

  it('has no whole-case deadline while the directorate’s clock is paused, or once breached', () => {
    expect(
      wholeCaseDeadline([{ from: saturday10, to: saturday10 + DAY_MS }], service, false),
    ).toBeUndefined();
    expect(wholeCaseDeadline([{ from: saturday10 }], service, true)).toBeUndefined();
    const running = wholeCaseDeadline([{ from: saturday10 }], service, false)!;
    const paused = wholeCaseDeadline(
      [{ from: saturday10, to: saturday10 + DAY_MS }, { from: saturday10 + 10 * DAY_MS }],
      service,
      false,
    )!;
    expect(Date.parse(paused.dueAt)).toBeGreaterThan(Date.parse(running.dueAt)); // the pause pushed it out
  });

  it('fires each reminder and breach once, reminders first, and plans the next timer', () => {
    const d = stageDeadline('UNDER_REVIEW', saturday10, service)!;
    expect(nextTimerAt([d])).toBe(Date.parse(d.remindAt!));
    expect(dueTimers([d], Date.parse(d.remindAt!) - 1)).toEqual([]);
    expect(dueTimers([d], Date.parse(d.dueAt)).map((t) => t.kind)).toEqual(['REMIND', 'BREACH']);
    d.remindedAt = d.remindAt;
    expect(nextTimerAt([d])).toBe(Date.parse(d.dueAt));
    d.breachedAt = d.dueAt;
    expect(dueTimers([d], Date.parse(d.dueAt) + DAY_MS)).toEqual([]);
    expect(nextTimerAt([d])).toBeUndefined();
  });
});
