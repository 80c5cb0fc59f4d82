import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { concatMap, from, Observable, throwError } from 'rxjs';
import { catchError } from 'rxjs/operators';
import type { AuthenticatedRequest } from '../common/access/principal';
import { AppError } from '../common/errors/app-error';
import { isPostgresDataException, toAppError } from '../common/errors/problem-details.filter';
import type { AuditOutcome } from './audit-chain';
import { AuditEntry, AuditService } from './audit.service';
import { AUDITED, AuditedOptions } from './audited.decorator';

/** Statuses that mean "you may not / there is nothing for you here" rather than a fault. */
const DENIED_STATUSES = new Set([401, 403, 404, 409]);
const MAX_RESOURCE_ID_LENGTH = 200;

type AuditedRequest = AuthenticatedRequest & { id?: string | number };

/** The outcome an error stands for in the audit log. */
export function outcomeOfError(error: unknown): {
  outcome: AuditOutcome;
  status: number;
  code: string;
} {
  const appError = toAppError(error);
  return {
    outcome: DENIED_STATUSES.has(appError.status) ? 'denied' : 'failed',
    status: appError.status,
    code: appError.code,
  };
}

/**
 * Global (APP_INTERCEPTOR): for handlers marked `@Audited`, writes one audit row after the
 * handler answered or failed. Runs after the guards, so `req.principal` is set when signed in.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AuditedOptions | undefined>(AUDITED, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<AuditedRequest>();
    const res = http.getResponse<Response>();
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (req.method === 'POST' ? 201 : res.statusCode);

    return next.handle().pipe(
      // First the handler's failure (a failed audit write then replaces the error with a 503)…
      catchError((error: unknown) => {
        const { outcome, status, code } = outcomeOfError(error);
        const entry = this.entry(req, options, outcome, status, idFromParams(req, options));
        entry.details = { code };
        return from(this.write(entry)).pipe(concatMap(() => throwError(() => error)));
      }),
      // …then its success, so a failed write here is not recorded a second time as a failure.
      concatMap(async (body: unknown) => {
        const id = idFromBody(body, options) ?? idFromParams(req, options);
        await this.write(this.entry(req, options, 'success', successStatus, id));
        return body;
      }),
    );
  }

  private entry(
    req: AuditedRequest,
    options: AuditedOptions,
    outcome: AuditOutcome,
    status: number,
    resourceId: string | null,
  ): AuditEntry {
    return {
      action: options.action,
      resourceType: options.resource,
      resourceId,
      outcome,
      status,
      actorUserId: req.principal?.userId ?? null,
      actorRoles: req.principal?.roles ?? [],
      ip: req.ip ?? null,
      requestId: req.id === undefined ? null : String(req.id),
    };
  }

  private async write(entry: AuditEntry): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (err) {
      // A value of the request the database refused (answered 400): it is up and answering.
      if (isPostgresDataException(err)) throw err;
      this.logger.error(
        { err, action: entry.action, resourceType: entry.resourceType, requestId: entry.requestId },
        `audit row for ${entry.action} could not be written; the request is refused`,
      );
      throw new AppError('SERVICE.DATABASE_UNAVAILABLE');
    }
  }
}

function asId(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return String(value).slice(0, MAX_RESOURCE_ID_LENGTH);
}

function idFromParams(req: AuditedRequest, options: AuditedOptions): string | null {
  if (!options.idParam) return null;
  const params = req.params as Record<string, unknown> | undefined;
  return asId(params?.[options.idParam]);
}

/** `idFromResponse` may be a dotted path into the answer, e.g. `user.id`. */
function idFromBody(body: unknown, options: AuditedOptions): string | null {
  if (!options.idFromResponse) return null;
  let value: unknown = body;
  for (const key of options.idFromResponse.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return asId(value);
}
