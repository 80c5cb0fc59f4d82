import { workerTelemetryOptions } from './temporal-logger';

describe('worker SDK metrics (WORKER_METRICS_PORT)', () => {
  it('are off by default', () => {
    expect(workerTelemetryOptions(undefined)).toBeUndefined();
  });

  it('serve Prometheus on every interface at the port, durations in seconds', () => {
    expect(workerTelemetryOptions(9464)).toEqual({
      metrics: { prometheus: { bindAddress: '0.0.0.0:9464', useSecondsForDurations: true } },
    });
  });
});
