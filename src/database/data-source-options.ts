import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** Options shared by the app, the worker and the migration CLI. Schema changes go through migrations only. */
export function dataSourceOptions(url: string, ssl: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ssl: ssl ? { rejectUnauthorized: true } : false,
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Fail fast on a wrong host instead of hanging: 5 s to connect.
    extra: { connectionTimeoutMillis: 5000, max: 10 },
  };
}
