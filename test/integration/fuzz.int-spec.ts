import { API_PREFIX, DOCS_JSON_PATH, UNPREFIXED_ROUTES } from '../../src/common/api-prefix';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { loadConfig } from '../../src/config/configuration';
import { runMigrations } from '../../scripts/lib/migrate';
import { say } from '../../scripts/lib/progress';
import { ensureSchemathesis, SCHEMATHESIS_VERSION } from '../../scripts/provision/schemathesis';
import { startStack, testConfig, type RunningStack } from './harness/app-harness';
import { ACCESS_MATRIX, type Fixtures, WHO, type Who } from './access-matrix';
import { matrixFixtures } from './harness/matrix-fixtures';
import { HARNESS_ENV } from './harness/harness-env';

/**
 * The fuzz stage: schemathesis, driven by the service's own /docs-json, against the real API
 * and worker (real PostgreSQL, real Temporal dev server), once per principal (anonymous and
 * one user of each role). It fails on any 5xx (not_a_server_error), any answer whose body does
 * not match the documented schema (response_schema_conformance), any status or content type the
 * document does not list for the operation (status_code_conformance, content_type_conformance).
 * A failure prints schemathesis's reproduction (a curl command) in the test output.
 *
 * It leaves the harness as it found it: the stack runs on a database of its own (created in the
 * harness's PostgreSQL, dropped afterwards) and a task queue of its own (the operator endpoints
 * only see workflows of their stack's task queue); workflows it started are terminated at the end.
 * Ids in paths are generated, so updates and deletes hit ids that do not exist (404) but
 * creations happen, in that throw-away database.
 *
 * FUZZ_MAX_EXAMPLES (default 6) bounds the examples per operation and phase; FUZZ_PRINCIPALS
 * (comma-separated, e.g. ADMINISTRATOR,anonymous) narrows the principals for a quick local run.
 */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 6);
// Every role once (a clerk of another agency is the same role: its scoping is the access matrix's).
const PRINCIPALS: string[] =
  process.env.FUZZ_PRINCIPALS?.split(',').map((p) => p.trim()) ??
  WHO.filter((who) => who !== 'CLERK_OTHER');
const CHECKS = [
  'not_a_server_error',
  'response_schema_conformance',
  'status_code_conformance',
  'content_type_conformance',
];

jest.setTimeout(30 * 60_000);

interface RunFigures {
  principal: string;
  exitCode: number | null;
  operations: number;
  requests: number;
  failures: number;
  seconds: number;
  output: string;
}

describe('API fuzzing (schemathesis against /docs-json)', () => {
  let python: string;
  let stack: RunningStack;
  let databaseUrl: string;
  let databaseName: string;
  const reportDir = mkdtempSync(join(tmpdir(), 'vehicle-permit-fuzz-'));
  const tokens = new Map<string, string | undefined>();
  const configFile = join(reportDir, 'schemathesis.toml');
  let passed = false;

  beforeAll(async () => {
    python = await ensureSchemathesis({ cacheDir: loadConfig().cacheDir });
    const harnessUrl = process.env[HARNESS_ENV.databaseUrl];
    if (!harnessUrl) throw new Error('integration harness is not running (global-setup)');
    databaseName = `fuzz_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await adminQuery(harnessUrl, `CREATE DATABASE ${databaseName}`);
    const url = new URL(harnessUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    await runMigrations(databaseUrl, false);
    stack = await startStack(testConfig({ DATABASE_URL: databaseUrl }));
    const document = await fetch(`${stack.origin}/${DOCS_JSON_PATH}`);
    writeFileSync(join(reportDir, 'openapi.json'), await document.text());
    const { auth, fixtures } = await matrixFixtures(stack, 'fuzz');
    for (const [who, header] of auth) tokens.set(who, header);
    writeFileSync(configFile, readsOfFixtures(fixtures));
  });

  afterAll(async () => {
    if (stack) {
      await terminateOwnWorkflows(stack);
      await stack.close(); // the app's close also ends its database connection
      if (stack.dataSource.isInitialized) await stack.dataSource.destroy();
    }
    const harnessUrl = process.env[HARNESS_ENV.databaseUrl];
    if (harnessUrl && databaseName) {
      await adminQuery(harnessUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    }
    // The logs and reports are kept for a failed run only.
    if (passed) rmSync(reportDir, { recursive: true, force: true });
    else say(`fuzz stage: logs, reports and the OpenAPI document used are in ${reportDir}`);
  });

  it('finds no server error and no answer the OpenAPI document does not describe', async () => {
    const figures: RunFigures[] = [];
    const queue = [...PRINCIPALS];
    const lane = async () => {
      for (let principal = queue.shift(); principal; principal = queue.shift()) {
        if (!tokens.has(principal)) throw new Error(`unknown principal ${principal}`);
        figures.push(await fuzz(principal, tokens.get(principal)));
      }
    };
    const started = Date.now();
    await Promise.all([lane(), lane()]);
    const elapsed = (Date.now() - started) / 1000;
    const total = figures.reduce(
      (sum, f) => ({
        requests: sum.requests + f.requests,
        failures: sum.failures + f.failures,
      }),
      { requests: 0, failures: 0 },
    );
    say(
      `fuzz stage (schemathesis ${SCHEMATHESIS_VERSION}, ≤${MAX_EXAMPLES} examples per operation and phase): ` +
        figures
          .map(
            (f) =>
              `${f.principal}: ${f.operations} operations, ${f.requests} requests, ${f.failures} failures, ${f.seconds.toFixed(0)} s`,
          )
          .join('; ') +
        ` — total ${total.requests} requests, ${total.failures} failures, ${elapsed.toFixed(0)} s`,
    );
    const failed = figures.filter((f) => f.exitCode !== 0);
    // Schemathesis's report of each failing run from its FAILURES section: each failure with the
    // answer received and a curl command reproducing it.
    expect(failed.map((f) => `--- as ${f.principal} ---\n${failuresOf(f.output)}`).join('\n')).toBe(
      '',
    );
    expect(figures.every((f) => f.operations > 0 && f.requests > 0)).toBe(true);
    passed = true;
  });

  async function fuzz(principal: string, auth: string | undefined): Promise<RunFigures> {
    const started = Date.now();
    const jsonReport = join(reportDir, `${principal}.json`);
    const args = [
      '-m',
      'schemathesis.cli',
      '--config-file',
      configFile,
      'run',
      `${stack.origin}/${DOCS_JSON_PATH}`,
      '--url',
      // The document's paths carry the API's prefix (/api/v1/…), so the base is the origin.
      stack.origin,
      '--checks',
      CHECKS.join(','),
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(MAX_EXAMPLES),
      '--seed',
      process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)),
      // One thread: hypothesis's source inspection is not thread-safe on CPython 3.11 (it failed
      // with 'AST constructor recursion depth mismatch'); two principals run side by side instead.
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--suppress-health-check',
      'all',
      '--no-color',
      '--report',
      'junit',
      '--report-junit-path',
      jsonReport.replace(/\.json$/, '.xml'),
      ...(auth ? ['--header', `Authorization:${auth}`] : []),
      ...operationsFor(principal).flatMap((name) => ['--include-name', name]),
    ];
    say(`fuzzing as ${principal} …`);
    const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const child = spawn(python, args, {
        cwd: reportDir, // its own cache folder (.schemathesis) lands there, not in the checkout
        env: { ...process.env, PYTHONUNBUFFERED: '1', NO_COLOR: '1', COLUMNS: '160' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, text }));
    });
    writeFileSync(join(reportDir, `${principal}.log`), output.text);
    const junit = readFileSync(jsonReport.replace(/\.json$/, '.xml'), 'utf8');
    const result: RunFigures = {
      principal,
      exitCode: output.code,
      operations: count(junit, /<testcase /g),
      requests: figure(output.text, /(\d+) generated/),
      failures: count(junit, /<failure /g),
      seconds: (Date.now() - started) / 1000,
      output: output.text,
    };
    say(
      `as ${principal}: exit ${result.exitCode}, ${result.operations} operations, ${result.requests} test cases, ${result.failures} failing operations (${result.seconds.toFixed(0)} s; log ${join(reportDir, `${principal}.log`)})`,
    );
    return result;
  }
});

/**
 * Anonymous gets every operation (401 on all but the public ones); a role gets the operations the
 * access matrix lets it reach (allowed, or scoped to its own: 'hidden'), where its input is
 * read — that it is refused the others is the access matrix's test.
 */
function operationsFor(principal: string): string[] {
  if (principal === 'anonymous') return [];
  return Object.entries(ACCESS_MATRIX)
    .filter(([, row]) => row.verdicts[principal as Who] !== 'deny')
    .map(([route]) => {
      const [method, path] = route.split(' ');
      return `${method} ${documentPath(path)}`.replace(/:(\w+)/g, '{$1}');
    });
}

/** The access matrix's API-relative path as the document states it (with the prefix). */
function documentPath(path: string): string {
  const unprefixed = (UNPREFIXED_ROUTES as readonly string[]).includes(path.slice(1));
  return unprefixed ? path : `/${API_PREFIX}${path}`;
}

/**
 * schemathesis.toml: reads (GET) of a path with an id are sent for the fixtures' real case,
 * session, complaint, user and agency, so their answers' bodies are checked against the document
 * too; every other operation gets generated ids (which do not exist: writes to them are 404s).
 */
function readsOfFixtures(f: Fixtures): string {
  const reads: Array<[string, Record<string, string>]> = [
    ['^/cases/\\{id\\}', { 'path.id': f.caseId }],
    ['^/operations/cases/\\{id\\}', { 'path.id': f.caseId }],
    ['^/sessions/\\{id\\}$', { 'path.id': f.sessionId }],
    ['^/complaints/\\{id\\}$', { 'path.id': f.complaintId }],
    ['^/complaints/track/', { 'path.code': f.complaintTrackingCode }],
    ['^/track/', { 'path.code': f.trackingCode }],
    ['^/admin/users/\\{id\\}$', { 'path.id': f.userId }],
    ['^/agencies/\\{id\\}$', { 'path.id': f.agencyId }],
    ['^/reference/agencies/', { 'path.agencyId': f.agencyId }],
  ];
  return reads
    .map(([path, parameters]) => [path.replace('^/', `^/${API_PREFIX}/`), parameters] as const)
    .map(
      ([path, parameters]) =>
        `[[operations]]\ninclude-method = "GET"\ninclude-path-regex = ${JSON.stringify(path)}\n` +
        `parameters = { ${Object.entries(parameters)
          .map(([name, value]) => `${JSON.stringify(name)} = ${JSON.stringify(value)}`)
          .join(', ')} }\n`,
    )
    .join('\n');
}

function failuresOf(output: string): string {
  const start = output.search(/^=+ (FAILURES|ERRORS) =+$/m);
  return start === -1 ? output : output.slice(start);
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function figure(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

async function adminQuery(harnessUrl: string, sql: string): Promise<void> {
  const url = new URL(harnessUrl);
  url.pathname = '/postgres';
  const client = new PgClient({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Ends every workflow the fuzzed API started on its own task queue. */
async function terminateOwnWorkflows(stack: RunningStack): Promise<void> {
  const query = `TaskQueue = '${stack.config.temporal.taskQueue}' AND ExecutionStatus = 'Running'`;
  for await (const execution of stack.client.workflow.list({ query })) {
    await stack.client.workflow
      .getHandle(execution.workflowId, execution.runId)
      .terminate('fuzz stage done')
      .catch(() => undefined);
  }
}
