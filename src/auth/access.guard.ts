import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error';
import { ACCESS_RULE, type AccessRule } from './access';
import { AuthService } from './auth.service';
import type { AuthenticatedRequest } from './principal';

/** The access rule a handler declares (on the method, or failing that on its controller). */
export function accessRuleOf(
  reflector: Reflector,
  context: ExecutionContext,
): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
    context.getHandler(),
    context.getClass(),
  ]);
}

/** Bearer token from the Authorization header, if well formed. */
function bearerToken(request: AuthenticatedRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header.trim());
  return match?.[1];
}

/**
 * The one global guard. A handler without a declared rule is closed to everyone (and named in
 * the log, so the omission is found); otherwise the rule decides, with the user read afresh.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = accessRuleOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!rule) {
      this.logger.error(
        { handler: `${context.getClass().name}.${context.getHandler().name}` },
        'handler has no access rule; refusing',
      );
      throw new AppError('ACCESS.NO_RULE');
    }
    if (rule.kind === 'public') return true;

    const token = bearerToken(request);
    if (!token) throw new AppError('AUTH.UNAUTHENTICATED');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new AppError('AUTH.TOKEN_INVALID');
    request.principal = principal;

    const pendingAllowed = rule.kind === 'signedIn' && rule.allowPendingPasswordChange === true;
    if (principal.mustChangePassword && !pendingAllowed) {
      throw new AppError('AUTH.PASSWORD_CHANGE_REQUIRED');
    }
    if (rule.kind === 'roles' && !principal.roles.some((r) => rule.roles.includes(r))) {
      throw new AppError('ACCESS.FORBIDDEN');
    }
    return true;
  }
}
