import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../workflows/common/search-attributes';
import { ProvisioningError } from '../lib/progress';
import { isPortOpen, ManagedProcess, startProcess, waitUntil } from '../lib/processes';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file for persistence; omitted → in memory (tests). */
  dbFile?: string;
  /** Disable the Web UI (tests). */
  headless?: boolean;
  /**
   * How long the namespace keeps closed workflows' histories, in days. Set on every start, on
   * purpose: the dev server's own default is 24 hours. Nothing a person reads depends on it (the
   * case record is in PostgreSQL); it bounds how long operators can look at a closed case's
   * history and how large the SQLite file grows.
   */
  retentionDays: number;
}

export interface DevServerHandle {
  address: string;
  uiUrl?: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with the namespace and the search attributes the workflows
 * use registered, and waits until its frontend answers.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  if (await isPortOpen(options.port)) {
    throw new ProvisioningError(
      `port ${options.port} is already in use: another Temporal server runs there? ` +
        'Stop it, set EMBEDDED_TEMPORAL_PORT, or point TEMPORAL_ADDRESS at it',
    );
  }
  // Besides the ports it is given, the dev server picks free ports of its own for its internal
  // services (history, matching, worker) at start; another process can take one of them between
  // the pick and the bind, and the server then exits ("bind: address already in use"). That
  // start is tried again, at most three times in all; any other failure is final.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const lostARace = /address already in use/.test(String(error));
      if (!lostARace || attempt === 3 || (await isPortOpen(options.port))) throw error;
      process.stderr.write(
        `[vehicle-permit] the Temporal dev server lost a port to another process at start ` +
          `(attempt ${attempt} of 3); starting it again\n`,
      );
    }
  }
}

async function startOnce(options: DevServerOptions): Promise<DevServerHandle> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'error',
  ];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS))
    args.push('--search-attribute', `${name}=${type}`);

  // Own process group: a terminal's Ctrl-C reaches the orchestrator, which stops the worker first.
  const server = startProcess('temporal', options.cliPath, args, { detached: true });
  let output = '';
  for (const stream of [server.child.stdout, server.child.stderr]) {
    stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-3000)));
  }
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntil(
      'Temporal dev server',
      () => probe(address, options.namespace),
      60000,
      server.exited,
    );
    await setRetention(address, options.namespace, options.retentionDays);
  } catch (error) {
    await server.stop('SIGKILL');
    throw new ProvisioningError(`${(error as Error).message}\n${output}`);
  }
  return {
    address,
    uiUrl: options.headless ? undefined : `http://127.0.0.1:${options.uiPort}`,
    process: server,
    stop: () => server.stop('SIGTERM', 20000),
  };
}

/** Sets the namespace's retention, and reads it back: a server that ignored it is an error. */
async function setRetention(address: string, namespace: string, days: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const seconds = days * 86400;
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msNumberToTs(seconds * 1000) },
    });
    const described = await connection.workflowService.describeNamespace({ namespace });
    const kept = tsToMs(described.config?.workflowExecutionRetentionTtl) / 1000;
    if (kept !== seconds) {
      throw new ProvisioningError(
        `namespace ${namespace} keeps closed workflows ${kept} s, not the ${seconds} s asked for`,
      );
    }
  } finally {
    await connection.close();
  }
}

async function probe(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '1 second' });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}
