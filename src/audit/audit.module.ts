import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLogEntity } from './audit-log.entity';
import { AuditService } from './audit.service';

/**
 * The append-only audit log. Global: any module can inject AuditService to record events the
 * interceptor cannot see (sign-in, access denied by the guard), and `@Audited` handlers in any
 * controller are recorded by the interceptor registered here.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntity])],
  controllers: [AuditController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
