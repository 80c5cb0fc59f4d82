import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp, { type Options as PinoHttpOptions } from 'pino-http';
import request from 'supertest';
import { httpLoggerParams, pinoOptions, REDACTED_PATHS, SECRET_FIELDS } from './logger-options';
import { maskUrl } from '../common/redaction';

function capture(): { logger: pino.Logger; output: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: pino(pinoOptions('info', 'test'), stream), output: () => text };
}

describe('log redaction', () => {
  it('logs a failed query without its bound parameters', () => {
    const { logger, output } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      parameters: ['12ب345-15', 'NAAM01E07HK123456'],
      query: 'INSERT INTO cases …',
    });
    logger.error({ err: error }, 'insert failed');
    expect(output()).toContain('duplicate key value');
    expect(output()).toContain('23505');
    expect(output()).not.toContain('NAAM01E07HK123456');
    expect(output()).not.toContain('12ب345-15');
  });

  it('redacts vehicles, justification, plates, VINs, national codes and tokens at any usual depth', () => {
    const { logger, output } = capture();
    logger.info({
      registration: {
        vehicles: [{ plate: '12ب345-15', vin: 'NAAM01E07HK123456' }],
        justification: 'محرمانه',
      },
      user: { nationalCode: '0012345679', mobile: '09121234567', password: 'pw', token: 't0k' },
    });
    for (const secret of [
      '12ب345-15',
      'NAAM01E07HK123456',
      'محرمانه',
      '0012345679',
      '09121234567',
      '"pw"',
      't0k',
    ]) {
      expect(output()).not.toContain(secret);
    }
    expect(output()).toContain('[redacted]');
  });

  it.each([...SECRET_FIELDS])(
    'redacts %s at the top of the logged object and one level down',
    (field) => {
      const { logger, output } = capture();
      logger.info({ [field]: `top-${field}-value`, nested: { [field]: `nested-${field}-value` } });
      const line = JSON.parse(output()) as Record<string, unknown>;
      expect(line[field]).toBe('[redacted]');
      expect(line.nested).toEqual({ [field]: '[redacted]' });
      expect(output()).not.toContain(`-${field}-value`);
    },
  );

  it('redacts every secret field of one realistic object, and leaves the rest readable', () => {
    const { logger, output } = capture();
    logger.info(
      {
        event: 'user-updated',
        password: 'Hunter2-Top',
        newPassword: 'N3w-Passw0rd!',
        currentPassword: 'Curr3nt-Passw0rd!',
        temporaryPassword: 'Temp-0rary-Pw',
        token: 'tok.top.level',
        accessToken: 'eyJhbGciOiJIUzI1NiJ9.access',
        refreshToken: 'refresh-3f9a1c',
        nationalCode: '0012345679',
        mobile: '09121234567',
        email: 'h.rezaei@example.ir',
        plate: '47ب921-33',
        vin: 'NAAM01E07HK654321',
        user: {
          id: 'u-1',
          password: 'Nested-Pw-1',
          newPassword: 'Nested-New-Pw',
          currentPassword: 'Nested-Current-Pw',
          temporaryPassword: 'Nested-Temp-Pw',
          token: 'nested.token',
          accessToken: 'nested.access',
          refreshToken: 'nested-refresh',
          nationalCode: '1234567891',
          mobile: '09351112233',
          email: 'nested@example.ir',
        },
        vehicle: { plate: '12ب345-15', vin: 'NAAM01E07HK123456', modelYear: 1385 },
        agency: { id: 'agency-1', nationalId: '14000000000' },
      },
      'profile changed',
    );
    for (const secret of [
      'Hunter2-Top',
      'N3w-Passw0rd!',
      'Curr3nt-Passw0rd!',
      'Temp-0rary-Pw',
      'tok.top.level',
      'eyJhbGciOiJIUzI1NiJ9.access',
      'refresh-3f9a1c',
      '0012345679',
      '09121234567',
      'h.rezaei@example.ir',
      '47ب921-33',
      'NAAM01E07HK654321',
      'Nested-Pw-1',
      'Nested-New-Pw',
      'Nested-Current-Pw',
      'Nested-Temp-Pw',
      'nested.token',
      'nested.access',
      'nested-refresh',
      '1234567891',
      '09351112233',
      'nested@example.ir',
      '12ب345-15',
      'NAAM01E07HK123456',
    ]) {
      expect(output()).not.toContain(secret);
    }
    const line = JSON.parse(output());
    // What is not personal stays for diagnosis; an agency's national ID is public.
    expect(line).toMatchObject({
      event: 'user-updated',
      msg: 'profile changed',
      user: { id: 'u-1', password: '[redacted]' },
      vehicle: { modelYear: 1385, plate: '[redacted]' },
      agency: { id: 'agency-1', nationalId: '14000000000' },
    });
  });

  it('redacts the Authorization header and cookies when headers are logged on purpose', () => {
    const { logger, output } = capture();
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ.secret.sig', cookie: 'sid=abc123' } },
    });
    expect(output()).not.toContain('eyJ.secret.sig');
    expect(output()).not.toContain('abc123');
    expect(REDACTED_PATHS).toContain('req.headers.authorization');
  });
});

describe('request logs', () => {
  /** The API's pino-http options, writing to a string, in front of a tiny HTTP server. */
  function httpServer(): { server: Server; output: () => string } {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const options = httpLoggerParams('info').pinoHttp as PinoHttpOptions;
    const logRequest = pinoHttp(options, stream);
    const server = createServer((req, res) => {
      logRequest(req, res);
      req.log.info({ lookup: true }, 'handler ran');
      res.statusCode = 200;
      res.end('ok');
    });
    return { server, output: () => text };
  }

  async function lines(
    output: () => string,
    count: number,
  ): Promise<{ msg?: string; req: { url: string } }[]> {
    const deadline = Date.now() + 5000;
    while (output().trim().split('\n').filter(Boolean).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} log lines, got: ${output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  }

  it('never writes the Authorization header or cookies of a request', async () => {
    const { server, output } = httpServer();
    await request(server)
      .get('/cases')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature')
      .set('Cookie', 'refresh=r-secret-cookie')
      .expect(200);
    const logged = await lines(output, 2);
    expect(logged.at(-1)).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/cases' },
      res: { statusCode: 200 },
    });
    expect(output()).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(output()).not.toContain('r-secret-cookie');
  });

  it('masks the tracking code of the public tracking endpoint, in every line of the request', async () => {
    const { server, output } = httpServer();
    await request(server).get('/track/412345678903?lang=fa').expect(200);
    const logged = await lines(output, 2);
    for (const line of logged) expect(line.req.url).toBe('/track/***?lang=fa');
    expect(output()).not.toContain('412345678903');
  });

  it.each([
    ['/track/412345678903', '/track/***'],
    ['/track/412345678903/', '/track/***/'],
    ['/TRACK/412345678903', '/TRACK/***'],
    ['/api/track/4123%2045678903?x=1', '/api/track/***?x=1'],
    ['/cases/7e3c?next=/track/412345678903', '/cases/7e3c?next=/track/***'],
    ['/cases/412345678903', '/cases/412345678903'],
    ['/tracking-codes', '/tracking-codes'],
    ['/track', '/track'],
  ])('maskUrl(%s) → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});
