import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { HARNESS_ENV } from './harness-env';

/**
 * Every integration file gets a database of its own, copied from the migrated template that
 * global-setup prepared (CREATE DATABASE … TEMPLATE: the schema and the seeded reference data,
 * nothing any other file wrote). So no file sees rows another file left behind — notification
 * intents a worker's dispatcher would pick up, users, cases, audit rows — whatever the order the
 * files run in. Temporal is shared, but every stack has its own task queue, and workers and
 * visibility queries are scoped by it.
 *
 * jest runs this file (setupFilesAfterEnv) in each test file's own environment, so the variable
 * set here is that file's alone; its hooks run before the file's own beforeAll.
 */
beforeAll(async () => {
  const template = process.env[HARNESS_ENV.templateDatabaseUrl];
  if (!template) throw new Error('integration harness is not running (global-setup)');
  const url = new URL(template);
  const name = `test_${randomBytes(8).toString('hex')}`;
  const admin = new Client({ connectionString: template.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${url.pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  process.env[HARNESS_ENV.databaseUrl] = url.toString();
});
