import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';

export const CODEC_CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'x-namespace'];
const ALLOWED_METHODS = 'POST, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for /codec/* only: the Temporal Web UI calls the codec endpoint from the operator's
 * browser, from its own origin. Only the configured origins (CODEC_CORS_ORIGINS) get the
 * headers, with credentials; every other origin gets none, so the browser refuses the answer.
 * Preflight requests are answered here, before authentication, as browsers send them without
 * credentials.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.origins = new Set(config.codec.corsOrigins);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    res.vary('Origin');
    const allowed = typeof origin === 'string' && this.origins.has(origin);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) return next();
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CODEC_CORS_ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    }
    res.status(204).setHeader('Content-Length', '0');
    res.end();
  }
}
