// The worker process (`npm run start:worker`): needs DATABASE_URL and TEMPORAL_ADDRESS.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import pino from 'pino';
import {
  connectDatabase,
  connectTemporalClient,
  connectTemporalWorker,
} from './bootstrap/dependencies';
import { runMain } from './bootstrap/run-main';
import { loadConfig, requireExternal } from './config/configuration';
import { pinoOptions } from './logging/logger-options';
import { NotificationDispatcher } from './notifications/dispatcher';
import { temporalClient } from './temporal/temporal-connection';
import { createCaseWorker } from './worker/case-worker';
import { installTemporalLogger } from './worker/temporal-logger';
import { serveWorkerHealth } from './worker/worker-health';

void runMain('worker', async () => {
  const config = loadConfig();
  const { databaseUrl, temporalAddress } = requireExternal(config);
  const log = pino(pinoOptions(config.logLevel, 'worker'));
  installTemporalLogger(Runtime, log, { metricsPort: config.workerMetricsPort });
  const dataSource = await connectDatabase(config, databaseUrl);
  const connection = await connectTemporalWorker(config, temporalAddress);
  const clientConnection = await connectTemporalClient(config, temporalAddress);
  const client = temporalClient(config.temporal, clientConnection);
  // From here the worker logs through pino only: Nest's console logger, which shared code
  // uses, stays silent.
  Logger.overrideLogger(false);
  const worker = await createCaseWorker({ config, connection, dataSource, client });
  const running = worker.run();
  const dispatcher = new NotificationDispatcher({
    dataSource,
    client,
    config,
    log: log.child({ component: 'notification-dispatcher' }),
  }).start();
  const health = config.workerHealthPort
    ? serveWorkerHealth(worker, config.workerHealthPort)
    : undefined;
  log.info(
    { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace },
    'worker started',
  );
  return async () => {
    log.info('worker stopping: finishing in-flight tasks');
    health?.close();
    await dispatcher.stop();
    worker.shutdown();
    await running; // resolves once in-flight activities and workflow tasks are done
    await connection.close();
    await clientConnection.close();
    await dataSource.destroy();
    log.info('worker stopped');
  };
});
