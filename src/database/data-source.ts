// The data source the TypeORM CLI uses (`npm run migration:*`). Reads DATABASE_URL through the config module.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

const config = loadConfig();
if (!config.database.url) {
  throw new Error(
    'DATABASE_URL is required for the migration CLI (npm start migrates the embedded database itself)',
  );
}
export default new DataSource(dataSourceOptions(config.database.url, config.database.ssl));
