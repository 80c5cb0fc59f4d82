/**
 * A hand-computed month for the report tests (unit and integration) and the sample report in
 * docs/service-level-reports.md: Tir 1404 (1404/04/01 = Sunday 2025-06-22). Thursday and
 * Friday are off; Tasua and Ashura (1404/04/14–15, Saturday and Sunday) are official holidays,
 * and so is Eid al-Ghadir (1404/03/24). Every instant is Iran time (+03:30). Working days by
 * hand are worked out beside each case; the expected figures are in the specs.
 */
import type { CaseStage, RequestType, WaitingOn } from '../../workflows/case/case.types';
import { parseJalaliDate, startOfLocalDayMs } from '../../workflows/shared/sla/calendar';
import { IRAN_UTC_OFFSET_MINUTES } from '../../workflows/shared/sla/default-calendar-data';

export const FIXTURE_YEAR = 1404;
export const FIXTURE_MONTH = 4;

/** The working calendar the figures below were worked out on. */
export const FIXTURE_CALENDAR = {
  utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES,
  thursdayIsWorkingDay: false,
  holidays: ['1404/03/24', '1404/04/14', '1404/04/15'],
  closures: [],
};

/** 'YYYY/MM/DD HH:mm' in Iran → epoch ms. */
export function tehran(text: string): number {
  const [date, time] = text.split(' ');
  const [h, m] = time.split(':').map(Number);
  return (
    startOfLocalDayMs(parseJalaliDate(date), { utcOffsetMinutes: IRAN_UTC_OFFSET_MINUTES }) +
    (h * 60 + m) * 60_000
  );
}

export interface FixtureCase {
  key: string;
  requestType: RequestType;
  registeredAt: string;
  transitions: [at: string, from: CaseStage, to: CaseStage][];
  /** Escalations recorded on the case (ESCALATED timeline lines). */
  breaches?: { target: string; dueAt: string; at: string }[];
  stage: CaseStage;
  waitingOn: WaitingOn;
}

export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    // Review 04/07 09:00 → 04/16 09:00 = 5 working days only thanks to Tasua and Ashura (on
    // time); scheduling 04/16 → 04/23 = 5; whole case 04/07 → 04/30 = 15, nothing paused.
    key: 'A',
    requestType: 'SCRAP',
    registeredAt: '1404/04/07 09:00',
    transitions: [
      ['1404/04/07 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/04/16 09:00', 'UNDER_REVIEW', 'AWAITING_SESSION'],
      ['1404/04/23 09:00', 'AWAITING_SESSION', 'SCHEDULED'],
      ['1404/04/28 09:00', 'SCHEDULED', 'DECIDED'],
      ['1404/04/30 09:00', 'DECIDED', 'RESULT_ANNOUNCED'],
      ['1404/04/30 09:00', 'RESULT_ANNOUNCED', 'CLOSED'],
    ],
    stage: 'CLOSED',
    waitingOn: 'NOBODY',
  },
  {
    // The paused clock. First review 03/25 → 03/28 finished in Khordad (not this month);
    // corrections 03/28 09:00 → 04/08 09:00 = 7 working days on the agency's clock; second
    // review 04/08 → 04/09 = 1; scheduling 04/09 → 04/21 = 6; whole case 03/25 → 04/29 = 23
    // end to end, 23 − 7 = 16 on the directorate's clock.
    key: 'B',
    requestType: 'SCRAP',
    registeredAt: '1404/03/25 09:00',
    transitions: [
      ['1404/03/25 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/03/28 09:00', 'UNDER_REVIEW', 'AWAITING_CORRECTIONS'],
      ['1404/04/08 09:00', 'AWAITING_CORRECTIONS', 'UNDER_REVIEW'],
      ['1404/04/09 09:00', 'UNDER_REVIEW', 'AWAITING_SESSION'],
      ['1404/04/21 09:00', 'AWAITING_SESSION', 'SCHEDULED'],
      ['1404/04/28 09:00', 'SCHEDULED', 'DECIDED'],
      ['1404/04/29 09:00', 'DECIDED', 'RESULT_ANNOUNCED'],
      ['1404/04/29 09:00', 'RESULT_ANNOUNCED', 'CLOSED'],
    ],
    stage: 'CLOSED',
    waitingOn: 'NOBODY',
  },
  {
    // Rejected at review 04/01 09:00 → 04/10 09:00 = 7 working days: late review, but the
    // whole case (7 of 30) on time.
    key: 'C',
    requestType: 'PURCHASE',
    registeredAt: '1404/04/01 09:00',
    transitions: [
      ['1404/04/01 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/04/10 09:00', 'UNDER_REVIEW', 'REJECTED'],
    ],
    breaches: [{ target: 'documentReview', dueAt: '1404/04/08 09:00', at: '1404/04/08 09:00' }],
    stage: 'REJECTED',
    waitingOn: 'NOBODY',
  },
  {
    // Withdrawn during review: an interrupted stay, and no result — counted nowhere.
    key: 'D',
    requestType: 'SALE',
    registeredAt: '1404/04/02 09:00',
    transitions: [
      ['1404/04/02 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/04/09 09:00', 'UNDER_REVIEW', 'WITHDRAWN'],
    ],
    stage: 'WITHDRAWN',
    waitingOn: 'NOBODY',
  },
  {
    // Half days: review 03/31 09:00 → 04/01 21:00 = 15 h + 21 h = 1.5 working days; scheduling
    // 04/01 21:00 → 04/21 21:00 = 12 (late; its breach is closed once scheduled). Still open.
    key: 'E',
    requestType: 'SCRAP',
    registeredAt: '1404/03/31 09:00',
    transitions: [
      ['1404/03/31 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/04/01 21:00', 'UNDER_REVIEW', 'AWAITING_SESSION'],
      ['1404/04/21 21:00', 'AWAITING_SESSION', 'SCHEDULED'],
    ],
    breaches: [{ target: 'scheduling', dueAt: '1404/04/17 21:00', at: '1404/04/17 21:00' }],
    stage: 'SCHEDULED',
    waitingOn: 'SECRETARY',
  },
  {
    // Under review since 04/22 09:00 and past its 5 working days (due 04/29 09:00): an open breach.
    key: 'F',
    requestType: 'PURCHASE',
    registeredAt: '1404/04/22 09:00',
    transitions: [['1404/04/22 09:00', 'REGISTERED', 'UNDER_REVIEW']],
    breaches: [{ target: 'documentReview', dueAt: '1404/04/29 09:00', at: '1404/04/29 09:00' }],
    stage: 'UNDER_REVIEW',
    waitingOn: 'REVIEWER',
  },
  {
    // Review 04/16 09:00 → 04/18 09:00 = 2 working days; waiting for a session since.
    key: 'G',
    requestType: 'SALE',
    registeredAt: '1404/04/16 09:00',
    transitions: [
      ['1404/04/16 09:00', 'REGISTERED', 'UNDER_REVIEW'],
      ['1404/04/18 09:00', 'UNDER_REVIEW', 'AWAITING_SESSION'],
    ],
    stage: 'AWAITING_SESSION',
    waitingOn: 'SECRETARY',
  },
];
