import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AppError, type FieldProblem } from './errors/app-error';
import { documentedHeader } from './optional-header';

const KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** The Idempotency-Key header's problem, if any (absent is fine: the request is not deduplicated). */
export function idempotencyKeyProblem(value: unknown): FieldProblem | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && KEY.test(value)) return undefined;
  return {
    field: 'Idempotency-Key',
    code: 'idempotencyKey',
    message: {
      fa: 'سرآیند Idempotency-Key باید ۱ تا ۱۰۰ نویسه از حروف لاتین، رقم، - یا _ باشد.',
      en: 'the Idempotency-Key header must be 1–100 letters, digits, - or _',
    },
  };
}

const readIdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    const problem = idempotencyKeyProblem(value);
    if (problem) throw new AppError('REQUEST.VALIDATION_FAILED', [problem]);
    return value as string | undefined;
  },
);

/**
 * The optional `Idempotency-Key` header (a UUID fits), read and declared in the OpenAPI
 * document: a client retrying a submit or an action sends the same key and the service does
 * the work once. A malformed key is a 400, never silently dropped (the client would then apply
 * a retry twice).
 */
export function IdempotencyKey(): ParameterDecorator {
  return documentedHeader(
    readIdempotencyKey(),
    'Idempotency-Key',
    'Optional, 1–100 characters of A–Z, a–z, 0–9, - and _: the same key again (same user) takes effect once and answers as the first time',
  );
}
