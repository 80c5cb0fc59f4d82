import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import {
  ensureInitialAdministrator,
  formatCredentials,
  type InitialCredential,
  seedDemoData,
} from '../../src/identity/first-start';

/**
 * First-start accounts: an administrator on an empty database, and demo users when asked.
 * Returns the one-time credentials for the caller to print once (never to a log).
 */
export async function firstStartAccounts(
  url: string,
  ssl: boolean,
  demoData: boolean,
): Promise<InitialCredential[]> {
  const dataSource = await new DataSource(dataSourceOptions(url, ssl)).initialize();
  try {
    const admin = await ensureInitialAdministrator(dataSource);
    const demo = demoData ? await seedDemoData(dataSource) : [];
    return [...(admin ? [admin] : []), ...demo];
  } finally {
    await dataSource.destroy();
  }
}

export { formatCredentials };
