import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ConfigModule } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { createCaseWorker } from './case-worker';

const WORKER_CONNECTION = Symbol('WORKER_CONNECTION');

/** Builds the Temporal worker from dependencies Nest provides (the data source, the configuration). */
@Injectable()
export class CaseWorkerFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_CONNECTION) private readonly connection: NativeConnection,
    private readonly dataSource: DataSource,
  ) {}

  create(): Promise<Worker> {
    return createCaseWorker({
      config: this.config,
      connection: this.connection,
      dataSource: this.dataSource,
    });
  }
}

@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig,
    deps: { dataSource: DataSource; connection: NativeConnection },
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => deps.dataSource.options,
          dataSourceFactory: () => Promise.resolve(deps.dataSource),
        }),
      ],
      providers: [{ provide: WORKER_CONNECTION, useValue: deps.connection }, CaseWorkerFactory],
    };
  }
}
