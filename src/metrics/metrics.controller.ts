import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { OptionalHeader } from '../common/optional-header';
import type { Response } from 'express';
import { Access } from '../common/access/access';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { MetricsService } from './metrics.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus scrapes the API here with the static bearer token METRICS_TOKEN (scrapers send a
 * fixed token; a user's 15-minute access token would not do). The guard lets the request in
 * (`public`), this handler checks the token: none is 401, another is 403, and with
 * METRICS_TOKEN unset the endpoint is off — every call refused the same way.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.token = config.metrics.token ? digest(config.metrics.token) : undefined;
  }

  @Get()
  @Access.public()
  @ApiOperation({
    summary: 'Prometheus metrics (bearer METRICS_TOKEN) — شاخص‌های پایش برای Prometheus',
    description:
      'HTTP latency by route template, cases by stage and request type, open breaches, ' +
      'notification deliveries by channel and status, and the process’s own. Needs ' +
      '`Authorization: Bearer <METRICS_TOKEN>`; off while METRICS_TOKEN is unset.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED: no bearer token' })
  @ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: not the metrics token' })
  async scrape(
    @OptionalHeader('Authorization', 'Bearer <METRICS_TOKEN>') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!presented) throw new AppError('AUTH.UNAUTHENTICATED');
    if (!this.token || !timingSafeEqual(digest(presented), this.token)) {
      throw new AppError('ACCESS.FORBIDDEN');
    }
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
