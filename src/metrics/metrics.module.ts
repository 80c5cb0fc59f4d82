import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * The API's Prometheus endpoint (GET /metrics, bearer METRICS_TOKEN) and the middleware timing
 * every request. The worker's Temporal SDK metrics are served by the worker itself
 * (WORKER_METRICS_PORT, src/worker/temporal-logger.ts).
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
