/** What the service-level and breach reports answer (src/reports/reports.service.ts). */
import type { CaseStage, RequestType } from '../../workflows/case/case.types';
import type { ReportRow } from './service-level-figures';

export interface ReportPeriod {
  year: number;
  month: number;
  monthName: string;
  /** First instant of the month (Iran midnight) and first instant after it. */
  from: string;
  to: string;
  fromJalali: string;
  toJalali: string;
}

export interface ServiceLevelReport {
  period: ReportPeriod;
  requestType: RequestType | null;
  /** The working calendar the figures were computed on (the province's, as it stands now). */
  calendar: { thursdayIsWorkingDay: boolean; holidaysInMonth: string[]; closuresInMonth: string[] };
  /** Policy versions of the measured cases. */
  policyVersions: string[];
  rows: ReportRow[];
  generatedAt: string;
  generatedAtJalali: string;
}

export interface OpenBreach {
  caseId: string;
  trackingCode: string;
  requestType: RequestType;
  agencyId: string;
  agencyName: string | null;
  stage: CaseStage;
  waitingOn: string;
  stageSince: string;
  stageSinceJalali: string;
  /** The policy target that was missed: documentReview, scheduling or wholeCase. */
  target: string;
  dueAt: string;
  dueAtJalali: string;
  detectedAt: string;
  /** Working days past the deadline, now, on the province's calendar. */
  overdueWorkingDays: number;
}

export interface OpenBreachPage {
  total: number;
  limit: number;
  offset: number;
  items: OpenBreach[];
  generatedAt: string;
  generatedAtJalali: string;
}
