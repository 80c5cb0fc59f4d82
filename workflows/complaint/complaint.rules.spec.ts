import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../common/actors';
import {
  complaintDeadline,
  complaintRules,
  nextComplaintTimer,
  reminderRecipient,
} from './complaint.rules';
import type { ComplaintServiceLevel, ComplaintState, ComplaintStatus } from './complaint.types';
import { defaultWorkingCalendar } from '../common/sla/default-calendar-data';

const filer: Actor = { userId: 'c1', roles: ['CLERK'], agencyId: 'a1' };
const reviewer: Actor = { userId: 'r1', roles: ['REVIEWER'] };
const operator: Actor = { userId: 'o1', roles: ['OPERATOR'] };
const member: Actor = { userId: 'm1', roles: ['MEMBER'] };

function stateAt(status: ComplaintStatus, extra: Partial<ComplaintState> = {}): ComplaintState {
  return {
    complaintId: 'k1',
    trackingCode: '123456789018',
    kind: 'COMPLAINT',
    subject: 'تأخیر',
    text: 'مدارک بررسی نشده است',
    filedBy: 'c1',
    filerAgencyId: 'a1',
    filedAt: '2025-11-22T05:30:00.000Z',
    status,
    statusSince: '2025-11-22T05:30:00.000Z',
    dueAt: '2025-11-29T05:30:00.000Z',
    remindAt: '2025-11-26T05:30:00.000Z',
    policyVersion: 'complaints-1',
    events: [],
    ...extra,
  };
}
const assigned = (ownerId = 'r1') =>
  stateAt('ASSIGNED', {
    owner: { userId: ownerId, assignedBy: 'o1', assignedAt: '2025-11-22T06:00:00.000Z' },
  });

function codeOf(check: () => void): string | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? undefined;
    throw error;
  }
  return undefined;
}

describe('complaint rules', () => {
  it('lets an operator assign an open complaint to directorate staff, or hand it to another', () => {
    const owner = { userId: 'r1', roles: ['REVIEWER'] };
    expect(codeOf(() => complaintRules.assign(stateAt('OPEN'), operator, owner, undefined))).toBe(
      undefined,
    );
    expect(
      codeOf(() => complaintRules.assign(assigned('s1'), operator, owner, 'کارشناس مربوط این است')),
    ).toBe(undefined);
  });

  it('refuses assignment by a non-operator, to non-staff, to the same owner, or once closed', () => {
    const owner = { userId: 'r1', roles: ['REVIEWER'] };
    expect(codeOf(() => complaintRules.assign(stateAt('OPEN'), reviewer, owner, undefined))).toBe(
      'COMPLAINT.ROLE_REQUIRED',
    );
    expect(
      codeOf(() =>
        complaintRules.assign(
          stateAt('OPEN'),
          operator,
          { userId: 'm1', roles: ['MEMBER'] },
          undefined,
        ),
      ),
    ).toBe('COMPLAINT.INVALID_INPUT');
    expect(
      codeOf(() =>
        complaintRules.assign(stateAt('OPEN'), operator, { roles: ['REVIEWER'] }, undefined),
      ),
    ).toBe('COMPLAINT.INVALID_INPUT');
    expect(codeOf(() => complaintRules.assign(assigned('r1'), operator, owner, undefined))).toBe(
      'COMPLAINT.INVALID_INPUT',
    );
    expect(codeOf(() => complaintRules.assign(stateAt('OPEN'), operator, owner, ''))).toBe(
      'COMPLAINT.INVALID_INPUT',
    );
    for (const status of ['ANSWERED', 'WITHDRAWN'] as const) {
      expect(codeOf(() => complaintRules.assign(stateAt(status), operator, owner, undefined))).toBe(
        'COMPLAINT.WRONG_STATUS',
      );
    }
  });

  it('lets the owner answer, and an operator answer any open complaint', () => {
    expect(codeOf(() => complaintRules.answer(assigned('r1'), reviewer, 'پاسخ'))).toBe(undefined);
    expect(codeOf(() => complaintRules.answer(assigned('r1'), operator, 'پاسخ'))).toBe(undefined);
    expect(codeOf(() => complaintRules.answer(stateAt('OPEN'), operator, 'پاسخ'))).toBe(undefined);
  });

  it('refuses an answer from anyone else, an empty or oversized answer, or a second answer', () => {
    expect(codeOf(() => complaintRules.answer(assigned('s1'), reviewer, 'پاسخ'))).toBe(
      'COMPLAINT.NOT_OWNER',
    );
    expect(codeOf(() => complaintRules.answer(stateAt('OPEN'), reviewer, 'پاسخ'))).toBe(
      'COMPLAINT.NOT_OWNER',
    );
    expect(codeOf(() => complaintRules.answer(assigned('r1'), member, 'پاسخ'))).toBe(
      'COMPLAINT.NOT_OWNER',
    );
    expect(codeOf(() => complaintRules.answer(assigned('r1'), reviewer, '  '))).toBe(
      'COMPLAINT.INVALID_INPUT',
    );
    expect(codeOf(() => complaintRules.answer(assigned('r1'), reviewer, 'x'.repeat(4001)))).toBe(
      'COMPLAINT.INVALID_INPUT',
    );
    expect(codeOf(() => complaintRules.answer(stateAt('ANSWERED'), operator, 'پاسخ'))).toBe(
      'COMPLAINT.WRONG_STATUS',
    );
    expect(codeOf(() => complaintRules.answer(stateAt('OPEN'), undefined as never, 'پاسخ'))).toBe(
      'COMPLAINT.INVALID_INPUT',
    );
  });

  it('lets only the filer withdraw, before the answer', () => {
    expect(codeOf(() => complaintRules.withdraw(stateAt('OPEN'), filer, undefined))).toBe(
      undefined,
    );
    expect(codeOf(() => complaintRules.withdraw(assigned(), filer, 'حل شد'))).toBe(undefined);
    expect(codeOf(() => complaintRules.withdraw(stateAt('OPEN'), operator, undefined))).toBe(
      'COMPLAINT.NOT_FILER',
    );
    expect(codeOf(() => complaintRules.withdraw(stateAt('ANSWERED'), filer, undefined))).toBe(
      'COMPLAINT.WRONG_STATUS',
    );
    expect(codeOf(() => complaintRules.withdraw(stateAt('WITHDRAWN'), filer, undefined))).toBe(
      'COMPLAINT.WRONG_STATUS',
    );
  });
});

describe('complaint response target', () => {
  const service: ComplaintServiceLevel = {
    policyVersion: 'complaints-1',
    responseWorkingDays: 5,
    reminderBeforeWorkingDays: 1,
    escalateToRole: 'SUPERVISOR',
    calendar: {
      ...defaultWorkingCalendar({ thursdayIsWorkingDay: false }),
      holidays: [],
      closures: [],
    },
  };

  it('counts working days: filed on a Saturday morning, due the next Saturday, reminded on Wednesday', () => {
    // 2025-11-22T05:30Z is Saturday 1404/09/01, 09:00 in Tehran; Thursday and Friday are off.
    expect(complaintDeadline(Date.parse('2025-11-22T05:30:00Z'), service)).toEqual({
      dueAt: '2025-11-29T05:30:00.000Z',
      remindAt: '2025-11-26T05:30:00.000Z',
    });
  });

  it('skips holidays on the pinned calendar', () => {
    const withHoliday = { ...service, calendar: { ...service.calendar, holidays: ['1404/09/03'] } };
    expect(complaintDeadline(Date.parse('2025-11-22T05:30:00Z'), withHoliday).dueAt).toBe(
      '2025-11-30T05:30:00.000Z',
    );
  });

  it('has no reminder when the target is not longer than the reminder lead', () => {
    expect(
      complaintDeadline(Date.parse('2025-11-22T05:30:00Z'), { ...service, responseWorkingDays: 1 })
        .remindAt,
    ).toBeUndefined();
    expect(
      complaintDeadline(Date.parse('2025-11-22T05:30:00Z'), {
        ...service,
        reminderBeforeWorkingDays: 0,
      }).remindAt,
    ).toBeUndefined();
  });

  it('fires the reminder, then the escalation, then nothing; nothing once closed', () => {
    const open = stateAt('OPEN');
    expect(nextComplaintTimer(open)).toEqual({ kind: 'REMIND', atMs: Date.parse(open.remindAt!) });
    const reminded = { ...open, remindedAt: open.remindAt };
    expect(nextComplaintTimer(reminded)).toEqual({
      kind: 'ESCALATE',
      atMs: Date.parse(open.dueAt),
    });
    expect(nextComplaintTimer({ ...reminded, escalatedAt: open.dueAt })).toBeUndefined();
    expect(nextComplaintTimer(stateAt('ANSWERED'))).toBeUndefined();
    expect(nextComplaintTimer(stateAt('OPEN', { remindAt: undefined }))?.kind).toBe('ESCALATE');
  });

  it('reminds the owner, or the operators while nobody owns the complaint', () => {
    expect(reminderRecipient(stateAt('OPEN'))).toEqual({ role: 'OPERATOR' });
    expect(reminderRecipient(assigned('r1'))).toEqual({ userId: 'r1' });
  });
});
