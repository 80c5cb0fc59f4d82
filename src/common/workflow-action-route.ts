import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiRoute } from './api-route';

/** What the OpenAPI document says of one workflow-backed action. */
export interface WorkflowActionDoc {
  summary: string;
  /** The workflow's new state, answered with 200. */
  state: Type<unknown>;
  stateDescription?: string;
  /** The 409: the workflow's validator refused the action. */
  refused: string;
  /** The 404, where the route names its own. */
  notFound?: string;
}

/**
 * The shape every human action run as a Workflow Update shares: 200 with the new state, the
 * workflow's refusal as 409, its not-found; `access` (who may act, what is audited) comes from
 * the feature module that owns the route.
 */
export function WorkflowActionRoute(
  doc: WorkflowActionDoc,
  ...access: MethodDecorator[]
): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ...access,
    ApiRoute(doc.summary, {
      ok: { type: doc.state, description: doc.stateDescription },
      conflict: doc.refused,
      notFound: doc.notFound,
    }),
  );
}
