import type { AppConfig } from '../config/configuration';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error';
import { bucketsFor, RateLimitGuard, type RateLimitService } from './rate-limit.guard';
import type { AuthenticatedRequest } from '../common/access/principal';
import { type Bucket, type CounterRow, counterKey, RateLimitStore } from './rate-limit-store';

const limits: AppConfig['rateLimits'] = {
  signInPerMinute: 10,
  signInPerAccountPerMinute: 3,
  trackingPerMinute: 2,
  trackingPerHour: 5,
};

/** A stand-in for the table: the statement's arithmetic, with no window running out. */
function fakeTable() {
  const hits = new Map<string, number>();
  const statements: string[][] = [];
  const store = new RateLimitStore(([keys, , , counts]) => {
    statements.push(keys);
    return Promise.resolve(
      keys.map((key, i): CounterRow => {
        hits.set(key, (hits.get(key) ?? 0) + counts[i]);
        return { key, hits: hits.get(key)!, retry_after: 42 };
      }),
    );
  });
  return { store, statements };
}

const request = (ip: string, body?: unknown, username?: string) =>
  ({
    ip,
    body,
    principal: username ? { username } : undefined,
  }) as unknown as AuthenticatedRequest;

describe('rate-limit counters', () => {
  it('counts a password attempt per address and per account (any letter case), a look-up per minute and hour', () => {
    expect(bucketsFor('password', request('192.0.2.1', { username: ' Admin ' }), limits)).toEqual([
      { bucket: 'password:address', subject: '192.0.2.1', limit: 10, windowSeconds: 60 },
      { bucket: 'password:account', subject: 'admin', limit: 3, windowSeconds: 60 },
    ]);
    // A password change counts on the signed-in account, whatever the body says.
    expect(
      bucketsFor('password', request('192.0.2.1', { username: 'x' }, 'Clerk.One'), limits)[1],
    ).toMatchObject({ subject: 'clerk.one' });
    // No usable username: the address still counts (validation refuses the request after).
    expect(bucketsFor('password', request('192.0.2.1', { username: 5 }), limits)).toHaveLength(1);
    expect(bucketsFor('tracking', request('2001:db8::1'), limits)).toEqual([
      { bucket: 'tracking:minute', subject: '2001:db8::1', limit: 2, windowSeconds: 60 },
      { bucket: 'tracking:hour', subject: '2001:db8::1', limit: 5, windowSeconds: 3600 },
    ]);
  });

  it('keeps subjects out of the keys in plain text, and bucket names apart', () => {
    const key = counterKey('tracking:minute', '192.0.2.1');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(counterKey('tracking:hour', '192.0.2.1'));
  });

  it('counts requests that arrive together in one statement, each with its own hit number', async () => {
    const { store, statements } = fakeTable();
    const look = () => store.hit(bucketsFor('tracking', request('192.0.2.9'), limits));
    const answers = await Promise.all([look(), look(), look()]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toHaveLength(2); // each counter once, with its three hits added up
    expect(answers).toEqual([
      { limited: false },
      { limited: false },
      { limited: true, retryAfterSeconds: 42 }, // the third in a minute, limit 2
    ]);
    // Later ones go on counting from there: the hour limit (5) is reached too.
    const later = await Promise.all([look(), look(), look()]);
    expect(statements).toHaveLength(2);
    expect(later.every((a) => a.limited)).toBe(true);
  });

  it('refuses when any one of the request’s limits is exceeded, not the others', async () => {
    const { store } = fakeTable();
    const attempt = (ip: string, username: string) =>
      store.hit(bucketsFor('password', request(ip, { username }), limits));
    // One account from three addresses: its own limit (3) stops the fourth.
    const answers: unknown[] = [];
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'])
      answers.push(await attempt(ip, 'victim'));
    expect(answers.map((a) => (a as { limited: boolean }).limited)).toEqual([
      false,
      false,
      false,
      true,
    ]);
    // Another account from the same address is not limited by it.
    expect(await attempt('192.0.2.4', 'someone.else')).toEqual({ limited: false });
  });

  it('fails exactly the requests of a statement that failed', async () => {
    let fail = true;
    const store = new RateLimitStore(([keys, , , counts]) =>
      fail
        ? Promise.reject(new Error('database unavailable'))
        : Promise.resolve(keys.map((key, i) => ({ key, hits: counts[i], retry_after: 1 }))),
    );
    const buckets: Bucket[] = [{ bucket: 'b', subject: 's', limit: 1, windowSeconds: 60 }];
    await expect(store.hit(buckets)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(store.hit(buckets)).resolves.toEqual({ limited: false });
  });

  it('refuses with 503 SERVICE.DATABASE_UNAVAILABLE when the counters cannot be counted (never fails open), 429 when over', async () => {
    const context = {
      getType: () => 'http',
      getHandler: () => () => undefined,
      getClass: () => class {},
      switchToHttp: () => ({ getRequest: () => request('192.0.2.1') }),
    } as unknown as ExecutionContext;
    const reflector = { getAllAndOverride: () => 'tracking' } as unknown as Reflector;
    const guard = (hit: RateLimitService['hit']) =>
      new RateLimitGuard(
        reflector,
        { hit } as RateLimitService,
        {
          rateLimits: limits,
        } as AppConfig,
      );
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: AppError) => ({
          code: error.code,
          status: error.status,
          retry: error.retryAfterSeconds,
        }),
      );
    expect(
      await refusal(guard(() => Promise.reject(new Error('ECONNREFUSED'))).canActivate(context)),
    ).toEqual({
      code: 'SERVICE.DATABASE_UNAVAILABLE',
      status: 503,
      retry: undefined,
    });
    expect(
      await refusal(
        guard(() => Promise.resolve({ limited: true, retryAfterSeconds: 17 })).canActivate(context),
      ),
    ).toEqual({ code: 'RATE.LIMITED', status: 429, retry: 17 });
    await expect(
      guard(() => Promise.resolve({ limited: false })).canActivate(context),
    ).resolves.toBe(true);
  });
});
