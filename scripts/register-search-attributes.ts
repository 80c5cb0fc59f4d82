// `npm run temporal:search-attributes`: registers the workflows' custom search attributes on the
// configured (external) Temporal namespace. Safe to run again: existing ones are left alone.
import { Connection } from '@temporalio/client';
import { loadConfig } from '../src/config/configuration';
import { temporalConnectionOptions } from '../src/temporal/temporal-connection';
import { say } from './lib/progress';
import { registerSearchAttributes } from './lib/search-attributes';

async function main(): Promise<void> {
  const config = loadConfig();
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.embedded.port}`;
  const connection = await Connection.connect(temporalConnectionOptions(config.temporal, address));
  try {
    const added = await registerSearchAttributes(connection, config.temporal.namespace);
    say(
      added.length
        ? `registered in ${config.temporal.namespace}: ${added.join(', ')}`
        : 'all search attributes already exist',
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  say(
    `could not register search attributes: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
