/** Figures of one measured path: how many, how fast, how long each took. */
export interface PathFigures {
  count: number;
  errors: number;
  /** Completed operations per second of wall time spent on this path. */
  throughput: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Latencies (ms) and the wall time (ms) they took → the figures reported. */
export function figures(latencies: readonly number[], wallMs: number, errors = 0): PathFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    errors,
    throughput: wallMs > 0 ? (sorted.length / wallMs) * 1000 : Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
  };
}
