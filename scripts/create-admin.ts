// `npm run admin:first-start`: for deployments that do not use `npm start` (docker-compose,
// production). On an empty database it creates the administrator and prints the one-time
// password once; with DEMO_DATA=true it also seeds demo agencies and users.
import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '../src/config/configuration';
import { firstStartAccounts, formatCredentials } from './lib/first-start';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) {
    throw new ConfigurationError('Invalid configuration: DATABASE_URL is required here');
  }
  if (config.env === 'production' && config.demoData) {
    throw new ConfigurationError('Invalid configuration: DEMO_DATA must not be set in production');
  }
  const credentials = await firstStartAccounts(
    config.database.url,
    config.database.ssl,
    config.demoData,
  );
  if (credentials.length === 0) {
    process.stderr.write('users already exist: nothing to create\n');
    return;
  }
  process.stdout.write(formatCredentials(credentials));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigurationError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(error instanceof ConfigurationError ? 78 : 1);
});
