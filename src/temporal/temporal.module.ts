import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from './temporal.tokens';

/** Provides the API's Temporal client and closes its connection on shutdown. */
@Global()
@Module({})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  static forRoot(client: Client): DynamicModule {
    return {
      module: TemporalModule,
      providers: [{ provide: TEMPORAL_CLIENT, useValue: client }],
      exports: [TEMPORAL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
