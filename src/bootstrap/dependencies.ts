import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import { dataSourceOptions } from '../database/data-source-options';
import { temporalConnectionOptions } from '../temporal/temporal-connection';

/** A start-up failure explained in one line an operator can act on. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code} ${error.message}`
      : error.message;
  }
  return String(error);
}

function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`; // never the password
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export async function connectDatabase(config: AppConfig, url: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, config.database.ssl));
  try {
    return await dataSource.initialize();
  } catch (error) {
    throw new StartupError(
      `cannot connect to PostgreSQL at ${describeDatabase(url)}: ${reason(error)}`,
    );
  }
}

export async function connectTemporalClient(
  config: AppConfig,
  address: string,
): Promise<Connection> {
  try {
    return await Connection.connect(temporalConnectionOptions(config.temporal, address));
  } catch (error) {
    throw new StartupError(`cannot connect to Temporal at ${address}: ${reason(error)}`);
  }
}

export async function connectTemporalWorker(
  config: AppConfig,
  address: string,
): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(temporalConnectionOptions(config.temporal, address));
  } catch (error) {
    throw new StartupError(`cannot connect to Temporal at ${address}: ${reason(error)}`);
  }
}
