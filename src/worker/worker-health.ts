import { createServer, Server } from 'node:http';
import type { Worker } from '@temporalio/worker';

/** A liveness probe for orchestrators: 200 while the worker is running, 503 otherwise. */
export function serveWorkerHealth(worker: Worker, port: number): Server {
  return createServer((_req, res) => {
    const state = worker.getState();
    res.writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ state }));
  }).listen(port, '0.0.0.0');
}
