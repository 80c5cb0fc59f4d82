/** Types shared by the case workflow, its activities and the API. Pure data, no behaviour. */

export const REQUEST_TYPES = ['SCRAP', 'PURCHASE', 'SALE'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const CASE_STAGES = [
  'REGISTERED',
  'UNDER_REVIEW',
  'AWAITING_CORRECTIONS',
  'AWAITING_SESSION',
  'SCHEDULED',
  'DECIDED',
  'RESULT_ANNOUNCED',
  'CLOSED',
  'WITHDRAWN',
  'CANCELLED',
  'ABANDONED',
  'REJECTED',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Who the case waits on at its current stage. */
export type WaitingOn = 'SYSTEM' | 'REVIEWER' | 'AGENCY' | 'SECRETARY' | 'MEMBERS' | 'NOBODY';

export interface VehicleInput {
  plate?: string;
  vin?: string;
  makeModel?: string;
  modelYear?: number;
  usageClass?: string;
  /** For a purchase: the class of vehicle wanted and how many. */
  count?: number;
}

export interface CaseRegistration {
  caseId: string;
  trackingCode: string;
  requestType: RequestType;
  agencyId: string;
  justification: string;
  vehicles: VehicleInput[];
  /** ISO-8601 instant the API acknowledged the registration. */
  registeredAt: string;
}

export interface CaseState {
  caseId: string;
  trackingCode: string;
  requestType: RequestType;
  agencyId: string;
  stage: CaseStage;
  /** ISO-8601 instant the current stage began. */
  stageSince: string;
  waitingOn: WaitingOn;
  registeredAt: string;
}
