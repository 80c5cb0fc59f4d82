import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { createServer, Socket } from 'node:net';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** Sends `signal`, waits up to `timeoutMs`, then SIGKILLs. Safe to call twice or after exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const live = new Set<ManagedProcess>();

// Last line of defence against orphans: whatever still runs when this process exits is killed.
process.once('exit', () => {
  for (const managed of live) managed.child.kill('SIGKILL');
});

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ManagedProcess {
  return adoptProcess(
    name,
    spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options }),
  );
}

/** Manages a child another library spawned: stop(), and killed if this process exits first. */
export function adoptProcess(name: string, child: ChildProcess): ManagedProcess {
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
  });
  const managed: ManagedProcess = {
    name,
    child,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 15000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, timeoutMs);
      });
      await Promise.race([exited, killed]);
      clearTimeout(timer);
      await exited;
    },
  };
  live.add(managed);
  void exited.then(() => live.delete(managed));
  return managed;
}

/** Polls `probe` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  stopEarly?: Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gaveUp = false;
  void stopEarly?.then(() => (gaveUp = true));
  while (Date.now() < deadline && !gaveUp) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    gaveUp
      ? `${what}: the process exited during start-up`
      : `${what}: not ready after ${timeoutMs / 1000} s`,
  );
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, host);
  });
}

/** A port the OS says is free right now (for tests and benchmarks that run their own servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Forwards a child's output line by line, prefixed, so the dev console says who spoke. */
export function pipeOutput(managed: ManagedProcess, write: (line: string) => void): void {
  for (const stream of [managed.child.stdout, managed.child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') write(line);
    });
  }
}
