import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actors';
import type { CaseDecision } from '../case/case.types';
import type { QuorumRule, SessionInput, SessionMember, SessionView } from './session.types';

export const SESSION_WORKFLOW_TYPE = 'commissionSessionWorkflow';

/** The session workflow's signature, for `client.workflow.start<SessionWorkflow>(…)`. */
export type SessionWorkflow = (input: SessionInput) => Promise<SessionView>;

export function sessionWorkflowId(sessionId: string): string {
  return `session-${sessionId}`;
}

export const getSessionStateQuery = defineQuery<SessionView>('getSessionState');

// The secretary plans the session.
export const moveSessionUpdate = defineUpdate<
  SessionView,
  [{ actor: Actor; sessionAt: string; place?: string }]
>('moveSession');
export const setMembersUpdate = defineUpdate<
  SessionView,
  [{ actor: Actor; members: SessionMember[]; quorum?: QuorumRule }]
>('setMembers');
export const addCaseToAgendaUpdate = defineUpdate<SessionView, [{ actor: Actor; caseId: string }]>(
  'addCaseToAgenda',
);
export const removeCaseFromAgendaUpdate = defineUpdate<
  SessionView,
  [{ actor: Actor; caseId: string; reason: string }]
>('removeCaseFromAgenda');
export const cancelSessionUpdate = defineUpdate<SessionView, [{ actor: Actor; reason: string }]>(
  'cancelSession',
);

// After the session: attendance, decisions, minutes.
export const markHeldUpdate = defineUpdate<
  SessionView,
  [{ actor: Actor; presentMemberIds: string[] }]
>('markHeld');
export const recordDecisionUpdate = defineUpdate<
  SessionView,
  [
    {
      actor: Actor;
      caseId: string;
      decision: Omit<CaseDecision, 'sessionId' | 'recordedBy' | 'recordedAt'>;
    },
  ]
>('recordDecision');
export const draftMinutesUpdate = defineUpdate<SessionView, [{ actor: Actor }]>('draftMinutes');
export const approveMinutesUpdate = defineUpdate<SessionView, [{ actor: Actor }]>('approveMinutes');
export const objectToMinutesUpdate = defineUpdate<SessionView, [{ actor: Actor; comment: string }]>(
  'objectToMinutes',
);
export const declareConflictUpdate = defineUpdate<
  SessionView,
  [{ actor: Actor; caseId: string; note?: string }]
>('declareConflict');
