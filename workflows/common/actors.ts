/**
 * Who acts. The API fills this from the signed-in user; the workflows check it. Only opaque
 * ids travel in workflow history, never names or other personal data.
 */
export const ROLES = [
  'CLERK',
  'REVIEWER',
  'SECRETARY',
  'MEMBER',
  'OPERATOR',
  'ADMINISTRATOR',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  roles: Role[];
  /** A clerk's agency (exactly one); absent for directorate staff. */
  agencyId?: string;
}

/** The actor of what a workflow does on its own (timers, a session finalising its cases). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', roles: [] };
