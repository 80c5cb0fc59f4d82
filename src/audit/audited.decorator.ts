import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { ApiOperationOptions } from '@nestjs/swagger';
import { ApiRoute, type RouteAnswers } from '../common/api-route';

/** What `@Audited` records for a handler. */
export interface AuditedOptions {
  /** Dotted verb, e.g. `case.read`, `case.register`, `user.reset-password`. */
  action: string;
  /** The resource type, e.g. `case`, `document`, `session`, `user`, `agency`, `audit`. */
  resource: string;
  /** Route parameter holding the resource id (e.g. `id` for `/cases/:id`). */
  idParam?: string;
  /** Field of the handler's answer holding the id of a resource it created (`id`, `user.id`). */
  idFromResponse?: string;
}

export const AUDITED = 'vehicle-permit:audited';

/**
 * Records one audit row per call of the handler, after it answered (success) or threw (denied
 * for 401/403/404/409, failed otherwise), with the actor, ip and request id (AuditInterceptor).
 * If the row cannot be written the request answers 503 instead: nothing goes unaudited.
 */
export const Audited = (options: AuditedOptions) => SetMetadata(AUDITED, options);

/**
 * The stack an audited route repeats: who may call it, its audit row, and its OpenAPI operation
 * and answers (ApiRoute), in one decorator.
 */
export function AuditedRoute(
  access: MethodDecorator,
  audit: AuditedOptions,
  operation: string | ApiOperationOptions,
  answers: RouteAnswers = {},
): MethodDecorator {
  return applyDecorators(access, Audited(audit), ApiRoute(operation, answers));
}
