import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { NotificationChannels } from '../../activities/notification-delivery.activities';
import { pinoOptions } from '../logging/logger-options';
import { channelsFor } from '../notifications/channels';
import { PROJECT_ROOT, type AppConfig } from '../config/configuration';
import { dataConverterFor } from '../temporal/temporal-connection';

/** Where `npm run build` writes the prebuilt workflow bundle. */
export const DEFAULT_WORKFLOW_BUNDLE = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');

/**
 * Production loads the prebuilt bundle (no webpack at start-up, the same code on every replica);
 * development and tests bundle the workflow sources at start so edits are picked up.
 */
export function workflowSource(
  config: AppConfig,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle =
    config.temporal.workflowBundlePath ??
    (config.env === 'production' ? DEFAULT_WORKFLOW_BUNDLE : undefined);
  if (bundle) {
    if (!existsSync(bundle))
      throw new Error(`workflow bundle ${bundle} is missing: run npm run build`);
    return { workflowBundle: { codePath: bundle } };
  }
  return { workflowsPath: require.resolve('../../workflows') };
}

export interface CaseWorkerDeps {
  config: AppConfig;
  connection: NativeConnection;
  dataSource: DataSource;
  /** A client for activities that message other workflows. */
  client: Client;
  /** Where notifications go out; by default the channels the configuration names. */
  channels?: NotificationChannels;
}

export async function createCaseWorker({
  config,
  connection,
  dataSource,
  client,
  channels,
}: CaseWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities({
      dataSource,
      client,
      channels: channels ?? channelsFor(config, pino(pinoOptions(config.logLevel, 'worker'))),
      sendLeaseSeconds: config.notifications.sendLeaseSeconds,
    }),
    dataConverter: dataConverterFor(config.temporal),
    ...workflowSource(config),
  });
}
