import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';
import { serializeError } from '../logging/logger-options';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's metadata, with any error reduced to what is safe to log (see serializeError). */
function safeMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta ?? {}).map(([key, value]) => [
      key,
      value instanceof Error ? serializeError(value) : value,
    ]),
  );
}

/** Routes the Temporal SDK's own logs into the worker's JSON log. Call once per process. */
export function installTemporalLogger(runtime: typeof Runtime, log: PinoLogger): void {
  const sdkLog = log.child({ component: 'temporal-sdk' });
  runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      sdkLog[LEVELS[entry.level]](safeMeta(entry.meta), entry.message);
    }),
  });
}
