import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ConfigModule } from '../config/config.module';
import type { AppConfig } from '../config/configuration';
import { createCaseWorker } from './case-worker';

const WORKER_CONNECTION = Symbol('WORKER_CONNECTION');
const WORKER_CLIENT = Symbol('WORKER_CLIENT');

/** Builds the Temporal worker from dependencies Nest provides (the data source, the configuration). */
@Injectable()
export class CaseWorkerFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_CONNECTION) private readonly connection: NativeConnection,
    @Inject(WORKER_CLIENT) private readonly client: Client,
    private readonly dataSource: DataSource,
  ) {}

  create(): Promise<Worker> {
    return createCaseWorker({
      config: this.config,
      connection: this.connection,
      dataSource: this.dataSource,
      client: this.client,
    });
  }
}

@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig,
    deps: { dataSource: DataSource; connection: NativeConnection; client: Client },
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
      providers: [
        { provide: WORKER_CONNECTION, useValue: deps.connection },
        { provide: WORKER_CLIENT, useValue: deps.client },
        CaseWorkerFactory,
      ],
    };
  }
}
