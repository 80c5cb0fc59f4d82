import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import type { AuthenticatedRequest } from '../common/access/principal';
import {
  type Bucket,
  COUNT_HITS_SQL,
  type CounterRow,
  type RateDecision,
  RateLimitStore,
  SWEEP_SQL,
} from './rate-limit-store';

/**
 * The limited routes' policies:
 * - `password`: sign-in and password change, together (both try a password): per client
 *   address (RATE_LIMIT_SIGN_IN_PER_MINUTE) and per account — the username signed in with, or
 *   the signed-in user (RATE_LIMIT_ACCOUNT_PER_MINUTE).
 * - `tracking`: the public look-ups by tracking code (cases and complaints share the counters:
 *   their codes have the same format), per client address, a minute and an hour.
 * Counters live in PostgreSQL (`rate_limit_counters`), shared by every API replica.
 */
export type RateLimitPolicy = 'password' | 'tracking';

export const RATE_LIMIT_POLICY = 'vehicle-permit:rate-limit';

/** Puts a route under a rate-limit policy (with `@UseGuards(RateLimitGuard)`). */
export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_POLICY, policy);

/** The address the limits count on: the socket's, or the client's as a trusted proxy names it. */
function clientAddress(request: AuthenticatedRequest): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}

/** The account a password attempt is for, as the database compares usernames (any case). */
function accountOf(request: AuthenticatedRequest): string | undefined {
  if (request.principal) return request.principal.username.toLowerCase();
  const body: unknown = request.body;
  const username =
    typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : null;
  // Anything but a string is refused by validation after this guard; the address still counts.
  return typeof username === 'string' && username.length <= 256
    ? username.trim().toLowerCase()
    : undefined;
}

/** The counters one request of a policy is counted on. */
export function bucketsFor(
  policy: RateLimitPolicy,
  request: AuthenticatedRequest,
  limits: AppConfig['rateLimits'],
): Bucket[] {
  const address = clientAddress(request);
  if (policy === 'tracking') {
    return [
      {
        bucket: 'tracking:minute',
        subject: address,
        limit: limits.trackingPerMinute,
        windowSeconds: 60,
      },
      {
        bucket: 'tracking:hour',
        subject: address,
        limit: limits.trackingPerHour,
        windowSeconds: 3600,
      },
    ];
  }
  const buckets: Bucket[] = [
    {
      bucket: 'password:address',
      subject: address,
      limit: limits.signInPerMinute,
      windowSeconds: 60,
    },
  ];
  const account = accountOf(request);
  if (account !== undefined) {
    buckets.push({
      bucket: 'password:account',
      subject: account,
      limit: limits.signInPerAccountPerMinute,
      windowSeconds: 60,
    });
  }
  return buckets;
}

/** How often each API process drops counters whose window has run out. */
const SWEEP_INTERVAL_MS = 60_000;

/** The shared counters, and their upkeep. */
@Injectable()
export class RateLimitService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitService.name);
  private readonly store: RateLimitStore;
  private sweeper?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    // The connection pool under TypeORM: a limited route's one statement skips its query runner.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    this.store = new RateLimitStore(
      async (values) => (await pool.query<CounterRow>({ ...COUNT_HITS_SQL, values })).rows,
    );
  }

  hit(buckets: Bucket[]): Promise<RateDecision> {
    return this.store.hit(buckets);
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private async sweep(): Promise<void> {
    try {
      await this.dataSource.query(SWEEP_SQL);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not drop expired rate-limit counters');
    }
  }
}

/**
 * Counts the request on its policy's counters and refuses it, when any is over its limit, with
 * 429 RATE.LIMITED (problem+json, both languages) and `Retry-After`: the seconds until that
 * counter's window ends. Runs after the global access guard, so a password change counts on the
 * signed-in account.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(
      RATE_LIMIT_POLICY,
      [context.getHandler(), context.getClass()],
    );
    if (!policy) throw new Error('RateLimitGuard on a route without @RateLimit(policy)');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    let decision: RateDecision;
    try {
      decision = await this.limits.hit(bucketsFor(policy, request, this.config.rateLimits));
    } catch (error) {
      // The counters cannot be read: refuse (a limit that fails open is no limit), and say why.
      this.logger.error({ err: error, policy }, 'rate-limit counters unavailable');
      throw new AppError('SERVICE.DATABASE_UNAVAILABLE');
    }
    if (decision.limited) {
      throw new AppError('RATE.LIMITED', [], undefined, decision.retryAfterSeconds);
    }
    return true;
  }
}
