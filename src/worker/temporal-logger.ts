import { DefaultLogger, LogLevel, Runtime, type RuntimeOptions } from '@temporalio/worker';
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
export function safeMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta ?? {}).map(([key, value]) => [
      key,
      value instanceof Error ? serializeError(value) : value,
    ]),
  );
}

/**
 * The SDK's Prometheus exporter on `0.0.0.0:<port>/metrics` (WORKER_METRICS_PORT): worker task
 * slots, poll and schedule-to-start latencies, workflow and activity task outcomes, sticky
 * cache. Labels name the namespace, task queue, workflow and activity types: no case data.
 */
export function workerTelemetryOptions(metricsPort?: number): RuntimeOptions['telemetryOptions'] {
  if (metricsPort === undefined) return undefined;
  return {
    metrics: {
      prometheus: { bindAddress: `0.0.0.0:${metricsPort}`, useSecondsForDurations: true },
    },
  };
}

/**
 * Routes the Temporal SDK's own logs into the worker's JSON log and, with a metrics port, serves
 * the SDK's metrics. The SDK's runtime is installed once per process: call this once.
 */
export function installTemporalLogger(
  runtime: typeof Runtime,
  log: PinoLogger,
  options: { metricsPort?: number } = {},
): void {
  const sdkLog = log.child({ component: 'temporal-sdk' });
  runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      sdkLog[LEVELS[entry.level]](safeMeta(entry.meta), entry.message);
    }),
    telemetryOptions: workerTelemetryOptions(options.metricsPort),
  });
}
