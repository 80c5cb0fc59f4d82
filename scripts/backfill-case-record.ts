// `npm run record:backfill`: fills the case record (docs/case-record.md) for cases and sessions
// that existed before it, from PostgreSQL and from the workflows Temporal still retains. Run it
// once after upgrading, with the worker running (the workflows' state is asked by query); it is
// idempotent, so running it again is safe. Prints a JSON report of what it could not recover.
import 'reflect-metadata';
import {
  connectDatabase,
  connectTemporalClient,
  StartupError,
} from '../src/bootstrap/dependencies';
import { ConfigurationError, loadConfig } from '../src/config/configuration';
import { backfillCaseRecord } from '../src/record/backfill';
import { temporalClient } from '../src/temporal/temporal-connection';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url || !config.temporal.address) {
    throw new ConfigurationError(
      'Invalid configuration: DATABASE_URL and TEMPORAL_ADDRESS are required here',
    );
  }
  const dataSource = await connectDatabase(config, config.database.url);
  const connection = await connectTemporalClient(config, config.temporal.address);
  try {
    const report = await backfillCaseRecord({
      dataSource,
      client: temporalClient(config.temporal, connection),
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const unrecovered = report.cases.unrecovered.length + report.sessions.unrecovered.length;
    process.stderr.write(
      `case record back-fill: ${report.cases.examined} cases, ${report.sessions.examined} sessions ` +
        `examined; ${unrecovered} not fully recovered (listed above)\n`,
    );
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigurationError || error instanceof StartupError;
  process.stderr.write(
    `${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(error instanceof ConfigurationError ? 78 : 1);
});
