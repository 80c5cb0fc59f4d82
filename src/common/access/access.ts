import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../../workflows/common/actors';

/**
 * Who may call an endpoint. Every handler declares exactly one rule beside it with `@Access…`;
 * the global guard refuses any handler without one (fail closed) and a test walks them all.
 *
 * - `public`: anyone, signed in or not (tracking look-up, health, sign-in).
 * - `signedIn`: any signed-in user whose password is current.
 * - `roles`: a signed-in user holding at least one of the roles. Scoping to the user's agency or
 *   sessions is the handler's job and is stated in `scope`, so the rule reads whole in one place.
 * `allowPendingPasswordChange` lets a user who must change their password still reach the handler
 * (change password, sign out, who am I); everything else answers AUTH.PASSWORD_CHANGE_REQUIRED.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signedIn'; allowPendingPasswordChange?: boolean }
  | { kind: 'roles'; roles: readonly Role[]; scope?: string };

export const ACCESS_RULE = 'vehicle-permit:access-rule';

export const Access = {
  public: () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule),
  signedIn: (options: { allowPendingPasswordChange?: boolean } = {}) =>
    SetMetadata(ACCESS_RULE, { kind: 'signedIn', ...options } satisfies AccessRule),
  roles: (roles: readonly Role[], scope?: string) =>
    SetMetadata(ACCESS_RULE, { kind: 'roles', roles, scope } satisfies AccessRule),
};
