import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { maskUrl } from '../common/redaction';

/**
 * Fields that hold secrets or personal data, whatever object carries them: credentials and
 * tokens, a person's national code, mobile number and e-mail address, a vehicle's plate and VIN.
 * (An agency's national ID is public and stays readable.)
 */
export const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'temporaryPassword',
  'token',
  'accessToken',
  'refreshToken',
  'nationalCode',
  'mobile',
  'email',
  'plate',
  'vin',
] as const;

/**
 * Paths pino removes from every log line. Request bodies are never logged; these cover headers
 * and the fields that may carry personal data or secrets when an object is logged on purpose:
 * at the top of the logged object and one level down (`{ user: { password } }`).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  // Registration data as a whole, wherever an object carrying it is logged.
  'vehicles',
  'justification',
  '*.vehicles',
  '*.justification',
  '*.*.vehicles',
  '*.*.justification',
];

/**
 * Errors are logged by name, message, code and stack only. pino's default serializer copies
 * every enumerable property, and a failed query carries its bound parameters (plates, VINs…).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    stack: error.stack,
  };
}

export function pinoOptions(level: string, name: string): LoggerOptions {
  return {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
  };
}

export function httpLoggerParams(level: string): Params {
  return {
    // Every API route, in the path syntax Nest 11 takes (nestjs-pino's default '*' is converted
    // with a warning once the /api/v1 prefix is set). Pages and assets are not logged.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      ...pinoOptions(level, 'api'),
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      },
      // Health probes would drown the log; everything else gets one line per request.
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: maskUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
