import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, sep } from 'node:path';
import { PROJECT_ROOT } from '../src/config/configuration';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/**
 * BENCH_PROFILE=1: a CPU profile of the main thread (the API and the worker's activities; not the
 * load generator) for each measured phase, written as <phase>.cpuprofile next to the results
 * (open in Chrome DevTools), and a one-screen summary of where the time went.
 */
export class PhaseProfiler {
  private readonly session = new Session();

  constructor(private readonly dir: string) {
    this.session.connect();
  }

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) =>
      this.session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result as T),
      ),
    );
  }

  async start(): Promise<void> {
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
  }

  /** Stops, writes the profile and answers with its summary lines. */
  async stop(phase: string): Promise<string[]> {
    const { profile } = await this.post<{ profile: CpuProfile }>('Profiler.stop');
    writeFileSync(join(this.dir, `${phase}.cpuprofile`), JSON.stringify(profile));
    return summarise(profile);
  }

  close(): void {
    this.session.disconnect();
  }
}

/** Where a frame's code lives: a package, one of the project's folders, or the runtime. */
function origin(url: string, functionName: string): string {
  if (
    functionName === '(idle)' ||
    functionName === '(program)' ||
    functionName === '(garbage collector)'
  )
    return functionName;
  if (!url) return '(native/runtime)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf(`node_modules${sep}`);
  if (modules >= 0) {
    const parts = path.slice(modules + 'node_modules'.length + 1).split(sep);
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (path.startsWith('node:')) return 'node:' + path.slice(5).split('/')[0];
  if (path.startsWith(PROJECT_ROOT)) {
    const parts = path.slice(PROJECT_ROOT.length + 1).split(sep);
    return parts[0] === 'dist' ? parts.slice(1, 3).join('/') : parts.slice(0, 2).join('/');
  }
  return path;
}

function summarise(profile: CpuProfile): string[] {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const hits = new Map<string, number>();
  const functions = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const count = node.hitCount ?? 0;
    if (count === 0) continue;
    all += count;
    const where = origin(node.callFrame.url, node.callFrame.functionName);
    hits.set(where, (hits.get(where) ?? 0) + count);
    if (!where.startsWith('(')) {
      const name = `${node.callFrame.functionName || '(anonymous)'} ${where}`;
      functions.set(name, (functions.get(name) ?? 0) + count);
    }
  }
  const share = (n: number) => `${((100 * n) / Math.max(1, all)).toFixed(1)}%`.padStart(6);
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `main thread over ${(totalMs / 1000).toFixed(1)} s, self time by origin:`,
    ...top(hits, 14).map(([where, n]) => `  ${share(n)}  ${where}`),
    'busiest functions (self time):',
    ...top(functions, 10).map(([name, n]) => `  ${share(n)}  ${name}`),
  ];
}

export const PROFILE_DIR = join(PROJECT_ROOT, 'bench', 'results');
