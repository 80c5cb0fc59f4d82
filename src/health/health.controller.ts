import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Access } from '../common/access/access';
import { AppError } from '../common/errors/app-error';
import { TEMPORAL_CLIENT } from '../temporal/temporal.tokens';

type CheckResult = 'up' | 'down';

const CHECK_TIMEOUT_MS = 3000;

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get('live')
  @Access.public()
  @HttpCode(200)
  @ApiRoute('The process is up (no dependency is checked).', {
    ok: {
      description: 'Up',
      schema: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', enum: ['ok'] } },
      },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access.public()
  @ApiRoute('PostgreSQL and Temporal are reachable; 503 names the one that is not.', {
    ok: {
      description: 'Ready',
      schema: {
        type: 'object',
        required: ['status', 'checks'],
        properties: {
          status: { type: 'string', enum: ['ok'] },
          checks: {
            type: 'object',
            properties: {
              database: { type: 'string', enum: ['up', 'down'] },
              temporal: { type: 'string', enum: ['up', 'down'] },
            },
          },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down (problem+json, details per check)',
  })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const [database, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const checks = { database, temporal };
    const down = Object.entries(checks).filter(([, result]) => result === 'down');
    if (down.length > 0) {
      throw new AppError(
        'SERVICE.NOT_READY',
        down.map(([name]) => ({
          field: name,
          code: 'down',
          message: { fa: `سرویس «${name}» در دسترس نیست.`, en: `${name} is not reachable.` },
        })),
      );
    }
    return { status: 'ok', checks };
  }
}
