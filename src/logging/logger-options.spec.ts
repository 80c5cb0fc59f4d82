import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoOptions } from './logger-options';

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
});
