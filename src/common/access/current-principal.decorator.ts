import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { AuthenticatedRequest, Principal } from './principal';

/** The signed-in user; only on handlers whose access rule requires signing in. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new AppError('AUTH.UNAUTHENTICATED');
    return principal;
  },
);
