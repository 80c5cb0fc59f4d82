import type { NextFunction, Request, Response } from 'express';
import { MaintenanceNoticeEntity } from './entities/maintenance-notice.entity';
import { MaintenanceMiddleware } from './maintenance.middleware';
import type { MaintenanceRefusal, NoticesService } from './notices.service';

function notice(): MaintenanceNoticeEntity {
  return Object.assign(new MaintenanceNoticeEntity(), {
    id: '0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1',
    startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 600_000),
    messageFa: 'سامانه موقتاً فقط خواندنی است.',
    messageEn: 'The service is read-only for a while.',
    createdBy: '5d1c7d2e-8c0f-4a53-9d87-0c7b3e6f1a22',
    createdAt: new Date(),
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  });
}

function harness(refusal: MaintenanceRefusal | undefined) {
  const calls = { refusal: 0 };
  const service = {
    refusal: () => {
      calls.refusal++;
      return Promise.resolve(refusal);
    },
  } as unknown as NoticesService;
  const sent: { status?: number; headers: Record<string, string>; type?: string; body?: string } = {
    headers: {},
  };
  const res = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status: (code: number) => ((sent.status = code), res),
    type: (type: string) => ((sent.type = type), res),
    send: (body: string) => ((sent.body = body), res),
  } as unknown as Response;
  const next = jest.fn() as NextFunction;
  const run = (method: string, url: string) =>
    new MaintenanceMiddleware(service).use(
      { method, originalUrl: url, url, id: 'req-1' } as unknown as Request,
      res,
      next,
    );
  return { calls, sent, next, run };
}

describe('MaintenanceMiddleware', () => {
  it('lets reads through without looking at the notices', async () => {
    const h = harness({ notice: notice(), retryAfterSeconds: 600 });
    await h.run('GET', '/cases?limit=1');
    await h.run('HEAD', '/track/123456789012');
    expect(h.next).toHaveBeenCalledTimes(2);
    expect(h.calls.refusal).toBe(0);
  });

  it('lets writes through when no window is under way', async () => {
    const h = harness(undefined);
    await h.run('POST', '/cases');
    expect(h.next).toHaveBeenCalledTimes(1);
    expect(h.sent.status).toBeUndefined();
  });

  it('answers a write during a window with 503, Retry-After and the notice', async () => {
    const h = harness({ notice: notice(), retryAfterSeconds: 600 });
    await h.run('POST', '/cases?x=1');
    expect(h.next).not.toHaveBeenCalled();
    expect(h.sent.status).toBe(503);
    expect(h.sent.type).toBe('application/problem+json');
    expect(h.sent.headers['Retry-After']).toBe('600');
    const body = JSON.parse(h.sent.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 503,
      code: 'SERVICE.MAINTENANCE',
      instance: '/cases?x=1',
      requestId: 'req-1',
      retryAfterSeconds: 600,
      details: [],
      notice: {
        id: '0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1',
        status: 'ACTIVE',
        message: {
          fa: 'سامانه موقتاً فقط خواندنی است.',
          en: 'The service is read-only for a while.',
        },
      },
    });
  });

  it('still lets sign-in and the notice endpoints through during a window', async () => {
    const h = harness({ notice: notice(), retryAfterSeconds: 600 });
    await h.run('POST', '/auth/sign-in');
    await h.run('POST', '/notices/0b9c3a52-5f39-4f4e-9d51-d7a1f6c3b0a1/cancel');
    expect(h.next).toHaveBeenCalledTimes(2);
    expect(h.sent.status).toBeUndefined();
  });
});
