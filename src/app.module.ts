import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Connection } from '@temporalio/client';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { ConfigModule } from './config/config.module';
import { DocumentsModule } from './documents/documents.module';
import type { AppConfig } from './config/configuration';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { MetricsModule } from './metrics/metrics.module';
import { httpLoggerParams } from './logging/logger-options';
import { NoticesModule } from './notices/notices.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { temporalClient } from './temporal/temporal-connection';
import { TemporalModule } from './temporal/temporal.module';
import { ReferenceModule } from './reference/reference.module';
import { ReportsModule } from './reports/reports.module';
import { SessionsModule } from './sessions/sessions.module';
import { TrackingModule } from './tracking/tracking.module';
import { WorkModule } from './work/work.module';

export interface AppDependencies {
  dataSource: DataSource;
  temporalConnection: Connection;
}

/** The API application. Connections are made before Nest starts so a bad one fails in one line. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerParams(config.logLevel)),
        TypeOrmModule.forRootAsync({
          useFactory: () => deps.dataSource.options,
          dataSourceFactory: () => Promise.resolve(deps.dataSource),
        }),
        TemporalModule.forRoot(temporalClient(config.temporal, deps.temporalConnection)),
        // First, so its timing middleware sees every request (also those others answer).
        MetricsModule,
        AuditModule,
        AuthModule,
        IdentityModule,
        CasesModule,
        TrackingModule,
        WorkModule,
        CodecModule,
        SessionsModule,
        DocumentsModule,
        ReferenceModule,
        NoticesModule,
        NotificationsModule,
        ReportsModule,
        ComplaintsModule,
        OperationsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
