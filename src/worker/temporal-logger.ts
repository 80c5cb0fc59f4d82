import { DefaultLogger, LogLevel, Runtime } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes the Temporal SDK's own logs into the worker's JSON log. Call once per process. */
export function installTemporalLogger(runtime: typeof Runtime, log: PinoLogger): void {
  const sdkLog = log.child({ component: 'temporal-sdk' });
  runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      sdkLog[LEVELS[entry.level]]({ ...entry.meta }, entry.message);
    }),
  });
}
