import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { withoutApiPrefix } from '../common/api-prefix';
import { MetricsService } from './metrics.service';

/** The label of a request no route matched (404s, and writes held by the maintenance window). */
export const UNMATCHED_ROUTE = 'UNMATCHED';

const CATCH_ALL = /^\/?(\*|\{\*\w*\}|\*\w+)$/;

/**
 * The route template a request was served by — `/cases/:id`, never `/cases/3f2a…` — read when
 * the answer is finished, after the router has matched it.
 */
export function routeTemplateOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== 'string') return UNMATCHED_ROUTE;
  const template = `${req.baseUrl ?? ''}${route.path}`;
  // Nest answers unknown paths from a catch-all route (under the API prefix too): that is
  // "no route", not a template.
  return CATCH_ALL.test(withoutApiPrefix(template)) ? UNMATCHED_ROUTE : template;
}

/** Times every request into http_request_duration_seconds{method, route, status}. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe(
        { method: req.method, route: routeTemplateOf(req), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  }
}
