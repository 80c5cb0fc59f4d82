import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { CASE_STAGES, REQUEST_TYPES, TERMINAL_STAGES } from '../../workflows/case/case.types';

/** Channels and outcomes of notification_deliveries; anything else is counted as OTHER. */
export const DELIVERY_CHANNELS = ['IN_APP', 'EMAIL', 'SMS'] as const;
export const DELIVERY_STATUSES = ['QUEUED', 'SENT', 'FAILED'] as const;

/** Buckets in seconds: the API answers in milliseconds, workflow updates in a tenth of a second. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The API's Prometheus metrics, on a registry of its own (not prom-client's global one, so two
 * API instances in one process — tests — never collide). Label values are route templates and
 * closed sets of codes: no ids, tracking codes or names ever become a label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  /** Scrapes whose read-model queries failed (the gauges then keep their last values). */
  readonly collectFailures = new Counter({
    name: 'vehicle_permit_metrics_collect_failures_total',
    help: 'Scrapes during which reading the read model for a gauge failed',
    registers: [this.registry],
  });

  constructor(private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const cases = () => this.readCases();
    const breached = () => this.readBreached();
    const deliveries = () => this.safely(() => this.deliveryCounts());

    new Gauge({
      name: 'vehicle_permit_cases',
      help: 'Cases in the read model by current stage and request type',
      labelNames: ['stage', 'request_type'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await cases();
        if (!rows) return;
        this.reset();
        for (const stage of CASE_STAGES)
          for (const type of REQUEST_TYPES) this.set({ stage, request_type: type }, 0);
        for (const r of rows) this.set({ stage: r.stage, request_type: r.request_type }, r.n);
      },
    });

    new Gauge({
      name: 'vehicle_permit_open_breached_cases',
      help: 'Cases not yet ended that have missed a service-level deadline, by stage and request type',
      labelNames: ['stage', 'request_type'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await breached();
        if (!rows) return;
        this.reset();
        for (const stage of CASE_STAGES.filter((st) => !TERMINAL_STAGES.includes(st)))
          for (const type of REQUEST_TYPES) this.set({ stage, request_type: type }, 0);
        for (const r of rows) this.set({ stage: r.stage, request_type: r.request_type }, r.n);
      },
    });

    new Gauge({
      name: 'vehicle_permit_notification_deliveries',
      help: 'Notification deliveries by channel and status (QUEUED, SENT, FAILED)',
      labelNames: ['channel', 'status'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await deliveries();
        if (!rows) return;
        this.reset();
        for (const r of rows) this.set({ channel: r.channel, status: r.status }, r.n);
      },
    });
  }

  private readCases() {
    return this.safely(() =>
      this.dataSource.query<{ stage: string; request_type: string; n: number }[]>(
        `SELECT stage, request_type, count(*)::int AS n FROM cases
              WHERE stage = ANY($1::text[]) AND request_type = ANY($2::text[])
              GROUP BY stage, request_type`,
        [CASE_STAGES, REQUEST_TYPES],
      ),
    );
  }

  private readBreached() {
    return this.safely(() =>
      this.dataSource.query<{ stage: string; request_type: string; n: number }[]>(
        `SELECT stage, request_type, count(*)::int AS n FROM cases
              WHERE sla_breached AND stage <> ALL($1::text[])
                AND stage = ANY($2::text[]) AND request_type = ANY($3::text[])
              GROUP BY stage, request_type`,
        [TERMINAL_STAGES, CASE_STAGES, REQUEST_TYPES],
      ),
    );
  }

  /**
   * Deliveries by channel and status, when the table exists (it comes with notification
   * delivery; before its migration there is nothing to count). Unknown values are OTHER.
   */
  private async deliveryCounts(): Promise<{ channel: string; status: string; n: number }[]> {
    const [{ exists }] = await this.dataSource.query<{ exists: boolean }[]>(
      `SELECT to_regclass('public.notification_deliveries') IS NOT NULL AS exists`,
    );
    if (!exists) return [];
    return this.dataSource.query(
      `SELECT CASE WHEN channel = ANY($1::text[]) THEN channel ELSE 'OTHER' END AS channel,
              CASE WHEN status = ANY($2::text[]) THEN status ELSE 'OTHER' END AS status,
              count(*)::int AS n
         FROM notification_deliveries GROUP BY 1, 2`,
      [DELIVERY_CHANNELS, DELIVERY_STATUSES],
    );
  }

  private async safely<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch {
      this.collectFailures.inc();
      return undefined;
    }
  }

  /** The exposition text of every metric. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
