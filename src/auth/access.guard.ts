import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '../audit/audit.service';
import { requestIdOf } from '../common/request-id';
import { AppError } from '../common/errors/app-error';
import { ACCESS_RULE, type AccessRule } from '../common/access/access';
import { AuthService } from './auth.service';
import type { AuthenticatedRequest } from '../common/access/principal';

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
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
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
    private readonly audit: AuditService,
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
    const authentication = await this.auth.authenticate(token);
    if (!authentication.ok) throw new AppError(authentication.code);
    const { principal } = authentication;
    request.principal = principal;

    const pendingAllowed = rule.kind === 'signedIn' && rule.allowPendingPasswordChange === true;
    if (principal.mustChangePassword && !pendingAllowed) {
      throw await this.denied(request, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    }
    if (rule.kind === 'roles' && !principal.roles.some((r) => rule.roles.includes(r))) {
      throw await this.denied(request, 'ACCESS.FORBIDDEN');
    }
    return true;
  }

  /** A signed-in user refused by rule: audited (anonymous refusals are not, to keep floods out). */
  private async denied(
    request: AuthenticatedRequest,
    code: 'ACCESS.FORBIDDEN' | 'AUTH.PASSWORD_CHANGE_REQUIRED',
  ): Promise<AppError> {
    const error = new AppError(code);
    await this.audit.record({
      action: 'access.denied',
      resourceType: 'endpoint',
      resourceId: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
      outcome: 'denied',
      status: error.status,
      actorUserId: request.principal?.userId ?? null,
      actorRoles: request.principal?.roles ?? [],
      ip: request.ip ?? null,
      requestId: requestIdOf(request),
      details: { code },
    });
    return error;
  }
}
