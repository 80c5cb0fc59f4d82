import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MaintenanceMiddleware } from './maintenance.middleware';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';

/**
 * Maintenance notices: GET /notices for everyone, publishing and cancelling for operators, and
 * the middleware that refuses writes while an announced window is under way.
 */
@Module({
  controllers: [NoticesController],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MaintenanceMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
