import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  type ApiOperationOptions,
  type ApiResponseOptions,
} from '@nestjs/swagger';

/** A response the document names: its description alone, or Nest's full options. */
type Answer = string | ApiResponseOptions;

/** What a route answers, by its usual statuses (the rest keep Nest's own decorators). */
export interface RouteAnswers {
  ok?: Answer;
  created?: Answer;
  badRequest?: Answer;
  notFound?: Answer;
  conflict?: Answer;
}

const RESPONSES = {
  ok: ApiOkResponse,
  created: ApiCreatedResponse,
  badRequest: ApiBadRequestResponse,
  notFound: ApiNotFoundResponse,
  conflict: ApiConflictResponse,
} as const;

/**
 * A route's OpenAPI operation and its usual answers in one decorator:
 * `@ApiRoute('List the users', { ok: { type: UserListDto }, notFound: 'USER.NOT_FOUND' })`.
 */
export function ApiRoute(
  operation: string | ApiOperationOptions,
  answers: RouteAnswers = {},
): MethodDecorator {
  return applyDecorators(
    ApiOperation(typeof operation === 'string' ? { summary: operation } : operation),
    ...(Object.keys(RESPONSES) as (keyof RouteAnswers)[]).flatMap((status) => {
      const answer = answers[status];
      if (answer === undefined) return [];
      return [RESPONSES[status](typeof answer === 'string' ? { description: answer } : answer)];
    }),
  );
}
