import type { Request } from 'express';
import type { Actor, Role } from '../../../workflows/common/actors';

/** The signed-in user behind a request, as the access guard found it in the database. */
export interface Principal {
  userId: string;
  username: string;
  roles: Role[];
  /** A clerk's agency (exactly one); absent for directorate staff. */
  agencyId?: string;
  mustChangePassword: boolean;
}

/** What the guard attaches to each request it lets through. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The actor a workflow sees: opaque ids and roles only, never names. */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, roles: [...principal.roles], agencyId: principal.agencyId };
}

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}
