import { type AuditedOptions, AuditedRoute } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import type { ApiRoute } from '../common/api-route';

/**
 * A change to reference data (calendar, checklists, worn-out ages): administrators only, one
 * `reference` audit row, then the route's OpenAPI operation and answers as ApiRoute takes them.
 */
export const ReferenceChange = (
  audit: Omit<AuditedOptions, 'resource'>,
  ...doc: Parameters<typeof ApiRoute>
): MethodDecorator =>
  AuditedRoute(Access.roles(['ADMINISTRATOR']), { ...audit, resource: 'reference' }, ...doc);
