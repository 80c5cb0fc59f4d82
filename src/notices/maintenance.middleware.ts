import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ProblemDetails } from '../common/errors/problem-details.filter';
import { withoutApiPrefix } from '../common/api-prefix';
import { ERROR_CATALOGUE } from '../common/errors/error-catalogue';
import { requestIdOf } from '../common/request-id';
import type { NoticeDto } from './dto/notice.dto';
import { passesDuringMaintenance } from './maintenance-window';
import { type MaintenanceRefusal, NoticesService, toNoticeDto } from './notices.service';

/** The body of a write refused during a window: the usual problem, plus the notice itself. */
export interface MaintenanceProblem extends ProblemDetails {
  notice: NoticeDto;
}

/**
 * During an announced maintenance window every write answers 503 SERVICE.MAINTENANCE with
 * `Retry-After` (seconds until writes are accepted again) and the notice, before routing,
 * authentication or any handler runs: nothing is stored. Reads (GET, HEAD, OPTIONS) and the
 * writes listed in `passesDuringMaintenance` go through. The check reads memory only.
 */
@Injectable()
export class MaintenanceMiddleware implements NestMiddleware {
  constructor(private readonly notices: NoticesService) {}

  async use(req: Request & { id?: unknown }, res: Response, next: NextFunction): Promise<void> {
    const path = withoutApiPrefix((req.originalUrl ?? req.url).split('?')[0]);
    if (passesDuringMaintenance(req.method, path)) return next();
    const nowMs = Date.now();
    let refusal: MaintenanceRefusal | undefined;
    try {
      refusal = await this.notices.refusal(nowMs);
    } catch (error) {
      return next(error);
    }
    if (!refusal) return next();
    const entry = ERROR_CATALOGUE['SERVICE.MAINTENANCE'];
    const body: MaintenanceProblem = {
      type: 'urn:vehicle-permit:error:SERVICE.MAINTENANCE',
      title: entry.message.en,
      status: entry.status,
      code: 'SERVICE.MAINTENANCE',
      message: entry.message,
      details: [],
      instance: req.originalUrl ?? req.url,
      requestId: requestIdOf(req) ?? undefined,
      retryAfterSeconds: refusal.retryAfterSeconds,
      notice: toNoticeDto(refusal.notice, nowMs),
    };
    res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    res.status(entry.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
