import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  INestApplication,
  Injectable,
  Param,
  Post,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import request from 'supertest';
import type { AuthenticatedRequest } from '../common/access/principal';
import { AppError } from '../common/errors/app-error';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { AuditInterceptor } from './audit.interceptor';
import { AuditEntry, AuditService } from './audit.service';
import { Audited } from './audited.decorator';

const USER_ID = '6f1c1f9e-5b0a-4d3e-9a51-0c7f2b8d4e11';

class CreateThingDto {
  @IsString() name!: string;
}

@Controller('things')
class ThingsController {
  calls = 0;

  @Get('plain')
  plain() {
    this.calls++;
    return { ok: true };
  }

  @Get(':id')
  @Audited({ action: 'thing.read', resource: 'thing', idParam: 'id' })
  read(@Param('id') id: string) {
    this.calls++;
    if (id === 'missing') throw new AppError('CASE.NOT_FOUND');
    if (id === 'crash') throw new TypeError('boom');
    return { id };
  }

  @Post()
  @Audited({ action: 'thing.create', resource: 'thing', idFromResponse: 'id' })
  create(@Body() _body: CreateThingDto) {
    this.calls++;
    return { id: 'thing-7' };
  }

  @Post('check')
  @HttpCode(200)
  @Audited({ action: 'thing.check', resource: 'thing' })
  check() {
    this.calls++;
    return {};
  }
}

/** Stands in for the access guard: a header names the signed-in user. */
@Injectable()
class FakeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: string }>();
    req.id = 'req-1';
    if (req.headers['x-user']) {
      req.principal = {
        userId: String(req.headers['x-user']),
        username: 'operator',
        roles: ['OPERATOR'],
        mustChangePassword: false,
      };
    }
    return true;
  }
}

describe('AuditInterceptor', () => {
  let app: INestApplication;
  let controller: ThingsController;
  const recorded: AuditEntry[] = [];
  let failWrites = false;
  const audit = {
    record: jest.fn((entry: AuditEntry) => {
      if (failWrites) return Promise.reject(new Error('connection refused'));
      recorded.push(entry);
      return Promise.resolve({});
    }),
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThingsController],
      providers: [
        { provide: AuditService, useValue: audit },
        { provide: APP_GUARD, useClass: FakeGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    controller = app.get(ThingsController);
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => {
    recorded.length = 0;
    failWrites = false;
    controller.calls = 0;
    audit.record.mockClear();
  });

  it('records a successful read with actor, resource id from the route, status, ip and request id', async () => {
    await request(app.getHttpServer()).get('/things/t-1').set('x-user', USER_ID).expect(200);
    expect(recorded).toEqual([
      {
        action: 'thing.read',
        resourceType: 'thing',
        resourceId: 't-1',
        outcome: 'success',
        status: 200,
        actorUserId: USER_ID,
        actorRoles: ['OPERATOR'],
        ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        requestId: 'req-1',
      },
    ]);
  });

  it('records nobody as the actor when no one is signed in', async () => {
    await request(app.getHttpServer()).get('/things/t-2').expect(200);
    expect(recorded[0]).toMatchObject({ actorUserId: null, actorRoles: [], resourceId: 't-2' });
  });

  it('takes a created resource’s id from the answer and the status from the method or @HttpCode', async () => {
    await request(app.getHttpServer()).post('/things').send({ name: 'x' }).expect(201);
    await request(app.getHttpServer()).post('/things/check').expect(200);
    expect(recorded.map((e) => [e.action, e.resourceId, e.status])).toEqual([
      ['thing.create', 'thing-7', 201],
      ['thing.check', null, 200],
    ]);
  });

  it('records a 404 AppError as denied with its code, and the client still gets the 404', async () => {
    const res = await request(app.getHttpServer()).get('/things/missing').expect(404);
    expect(res.body.code).toBe('CASE.NOT_FOUND');
    expect(recorded).toEqual([
      expect.objectContaining({
        resourceId: 'missing',
        outcome: 'denied',
        status: 404,
        details: { code: 'CASE.NOT_FOUND' },
      }),
    ]);
  });

  it('records an unexpected error and a validation failure as failed', async () => {
    await request(app.getHttpServer()).get('/things/crash').expect(500);
    await request(app.getHttpServer()).post('/things').send({ name: 5 }).expect(400);
    expect(recorded.map((e) => [e.outcome, e.status, e.details])).toEqual([
      ['failed', 500, { code: 'SERVICE.INTERNAL' }],
      ['failed', 400, { code: 'REQUEST.VALIDATION_FAILED' }],
    ]);
  });

  it('answers 503 when the audit row cannot be written, after success or failure', async () => {
    failWrites = true;
    const ok = await request(app.getHttpServer()).get('/things/t-3').expect(503);
    expect(ok.body.code).toBe('SERVICE.DATABASE_UNAVAILABLE');
    const missing = await request(app.getHttpServer()).get('/things/missing').expect(503);
    expect(missing.body.code).toBe('SERVICE.DATABASE_UNAVAILABLE');
    // One attempt per request: the failed write after success is not retried as a failure row.
    expect(audit.record).toHaveBeenCalledTimes(2);
    expect(controller.calls).toBe(2);
  });

  it('leaves handlers without @Audited alone', async () => {
    await request(app.getHttpServer()).get('/things/plain').expect(200);
    expect(audit.record).not.toHaveBeenCalled();
  });
});
