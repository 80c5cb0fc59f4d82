import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadCommand, LoadReply, LoadResult, LoadSetup } from './load-protocol';

/** The main thread's handle on the load generator thread (load-generator.ts). */
export class LoadClient {
  private nextId = 1;
  private exited = false;
  private readonly pending = new Map<
    number,
    { resolve: (r: LoadResult) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: LoadReply) => {
      if (!('id' in message)) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if ('result' in message) waiting?.resolve(message.result);
      else waiting?.reject(new Error(`load generator: ${message.error}`));
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      this.exited = true;
      failAll(new Error(`load generator exited (${code})`));
    });
  }

  static start(setup: LoadSetup): Promise<LoadClient> {
    const worker = new Worker(join(__dirname, 'load-generator.js'), { workerData: setup });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`load generator exited (${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: LoadReply) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if ('ready' in message) resolve(new LoadClient(worker));
        else {
          void worker.terminate();
          reject(
            new Error(`load generator: ${'failed' in message ? message.failed : 'no answer'}`),
          );
        }
      });
    });
  }

  run(command: LoadCommand): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, command });
    });
  }

  /** Closes its Temporal connection, then the thread (terminated if it lingers). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timer = setTimeout(() => void this.worker.terminate(), 3000);
    await exited;
    clearTimeout(timer);
  }
}
