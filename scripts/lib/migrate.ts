import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';

/** Applies pending migrations; returns the names it ran. */
export async function runMigrations(url: string, ssl: boolean): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url, ssl)).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
