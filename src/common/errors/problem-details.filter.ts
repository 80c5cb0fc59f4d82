import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { maskUrl } from '../redaction';
import { JsonBodyRefusal, malformedJsonMessage } from '../input/strict-json';
import { AppError, FieldProblem } from './app-error';
import { BilingualMessage, ERROR_CATALOGUE, ErrorCode } from './error-catalogue';

/** The body of every error answer (RFC 9457 "problem details" plus a stable code). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  message: BilingualMessage;
  details: FieldProblem[];
  instance: string;
  requestId?: string;
  retryAfterSeconds?: number;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.NOT_FOUND]: 'ROUTE.NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD.NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'REQUEST.PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.BAD_REQUEST]: 'REQUEST.VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'AUTH.UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'ACCESS.FORBIDDEN',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE.LIMITED',
};

/**
 * PostgreSQL refused a value (SQLSTATE class 22, "data exception": a number out of range, text
 * that is not a valid timestamp, a character it cannot store). Input is checked before it gets
 * there, so this is a gap in a DTO, but the value came from the request: it is a 400, never
 * "database unavailable" (the database is up and answered).
 */
export function isPostgresDataException(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** A JSON body that is not an object or an array (body-parser's strict mode refused it). */
const NOT_A_CONTAINER = malformedJsonMessage(
  { fa: 'بدنه باید شیء یا فهرست JSON باشد', en: 'the body must be a JSON object or array' },
  1,
  1,
  1,
);

/** Maps anything thrown to one AppError; unknown errors become SERVICE.INTERNAL. */
export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof JsonBodyRefusal) {
    return new AppError(exception.code, exception.details, exception.bilingual);
  }
  if (isPostgresDataException(exception)) return new AppError('REQUEST.VALIDATION_FAILED');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const cause = (exception as { cause?: unknown }).cause;
    // body-parser marks unparsable JSON with type 'entity.parse.failed'.
    if (exception instanceof BadRequestException && isParseFailure(cause ?? exception)) {
      return new AppError('REQUEST.MALFORMED_JSON', [], NOT_A_CONTAINER);
    }
    const code = STATUS_CODES[status];
    if (code) return new AppError(code);
  }
  if (isParseFailure(exception)) return new AppError('REQUEST.MALFORMED_JSON', [], NOT_A_CONTAINER);
  if (hasType(exception, 'entity.too.large')) return new AppError('REQUEST.PAYLOAD_TOO_LARGE');
  return new AppError('SERVICE.INTERNAL');
}

/**
 * Express error middleware placed right after the body parser: Nest would otherwise turn its
 * errors into a bare 400, losing whether the JSON was malformed or the body too large.
 */
export function translateBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: (error?: unknown) => void,
): void {
  // The strict check (strict-json.ts) runs first, so JSON.parse only fails on valid JSON that
  // is not an object or an array.
  if (error instanceof JsonBodyRefusal) return next(toAppError(error));
  if (isParseFailure(error))
    return next(new AppError('REQUEST.MALFORMED_JSON', [], NOT_A_CONTAINER));
  if (hasType(error, 'entity.too.large')) return next(new AppError('REQUEST.PAYLOAD_TOO_LARGE'));
  if (hasType(error, 'encoding.unsupported') || hasType(error, 'charset.unsupported')) {
    return next(new AppError('REQUEST.UNSUPPORTED_MEDIA_TYPE'));
  }
  next(error);
}

function hasType(value: unknown, type: string): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}

function isParseFailure(value: unknown): boolean {
  return hasType(value, 'entity.parse.failed') || (value instanceof SyntaxError && 'body' in value);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string | number }>();
    const response = http.getResponse<Response>();
    const error = toAppError(exception);
    if (isPostgresDataException(exception)) {
      // A DTO let through a value the database refused: worth fixing, though the client is told 400.
      this.logger.warn(
        { err: exception, method: request.method, path: maskUrl(request.path) },
        `the database refused a request value on ${request.method} ${maskUrl(request.path)}`,
      );
    }
    if (error.status >= 500) {
      // The client sees the code only; the operator's log keeps the cause (no request body).
      this.logger.error(
        { err: exception, code: error.code, method: request.method, path: maskUrl(request.path) },
        `${error.code} on ${request.method} ${maskUrl(request.path)}`,
      );
    }
    const entry = ERROR_CATALOGUE[error.code];
    const body: ProblemDetails = {
      type: `urn:vehicle-permit:error:${error.code}`,
      title: entry.message.en,
      status: error.status,
      code: error.code,
      message: error.bilingual,
      details: error.details,
      instance: request.originalUrl ?? request.url,
      requestId: request.id === undefined ? undefined : String(request.id),
      retryAfterSeconds: error.retryAfterSeconds,
    };
    if (response.headersSent) return;
    if (error.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    response.status(error.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
