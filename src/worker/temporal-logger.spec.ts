import { safeMeta, workerTelemetryOptions } from './temporal-logger';

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

describe('the SDK’s log metadata (safeMeta)', () => {
  it('reduces an activity’s database error to type, message and code: no query, no parameters', () => {
    const failure = Object.assign(new Error('the read model refuses this row'), {
      name: 'QueryFailedError',
      code: 'P0001',
      query: 'INSERT INTO cases (justification, vehicles) VALUES ($1, $2)',
      parameters: ['خودروی فرسوده', '[{"plate":"12ب345-15"}]'],
      driverError: { detail: 'Key (plate)=(12ب345-15)' },
    });
    const meta = safeMeta({ activityType: 'recordCaseRegistered', attempt: 2, error: failure });
    expect(meta).toMatchObject({ activityType: 'recordCaseRegistered', attempt: 2 });
    expect(meta.error).toMatchObject({
      type: 'QueryFailedError',
      message: 'the read model refuses this row',
      code: 'P0001',
    });
    expect(JSON.stringify(meta)).not.toMatch(/12ب345|فرسوده|INSERT|plate/);
  });
});
