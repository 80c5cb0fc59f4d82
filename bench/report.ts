import type { PathFigures } from './stats';

export interface Comparison {
  name: string;
  /** How the load was applied, e.g. "8 concurrent, 4 alternating rounds". */
  load: string;
  subject: { label: string; figures: PathFigures };
  baseline: { label: string; figures: PathFigures };
  /** What the goal compares: subject/baseline of this figure. */
  metric: 'throughput' | 'p99';
  ratio: number;
  goal: { op: '>=' | '<='; value: number };
  pass: boolean;
}

/** subject/baseline of `metric`, judged against the goal. */
export function compare(
  name: string,
  load: string,
  subject: Comparison['subject'],
  baseline: Comparison['baseline'],
  metric: Comparison['metric'],
  goal: Comparison['goal'],
): Comparison {
  const ratio = subject.figures[metric] / baseline.figures[metric];
  const pass = goal.op === '>=' ? ratio >= goal.value : ratio <= goal.value;
  return { name, load, subject, baseline, metric, ratio, goal, pass };
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The side-by-side figures and the verdict of each comparison, as printed. */
export function formatReport(comparisons: Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    out.push(`\n${c.name} — ${c.load}`);
    out.push(
      table(
        ['path', 'count', 'errors', 'ops/s', 'p50 ms', 'p99 ms', 'mean ms', 'max ms'],
        [c.subject, c.baseline].map(({ label, figures: f }) => [
          label,
          String(f.count),
          String(f.errors),
          fixed(f.throughput, 1),
          fixed(f.p50, 1),
          fixed(f.p99, 1),
          fixed(f.mean, 1),
          fixed(f.max, 1),
        ]),
      ),
    );
    const what = c.metric === 'throughput' ? 'throughput' : 'p99 latency';
    out.push(
      `ratio ${what} ${c.subject.label} / ${c.baseline.label} = ${fixed(c.ratio, 2)}` +
        `  (goal ${c.goal.op === '>=' ? '≥' : '≤'} ${c.goal.value})  ${c.pass ? 'PASS' : 'MISS'}`,
    );
  }
  out.push('\nsummary');
  out.push(
    table(
      ['comparison', 'ratio', 'goal', 'verdict'],
      comparisons.map((c) => [
        `${c.name} (${c.metric})`,
        fixed(c.ratio, 2),
        `${c.goal.op === '>=' ? '≥' : '≤'} ${c.goal.value}`,
        c.pass ? 'PASS' : 'MISS',
      ]),
    ),
  );
  return out.join('\n');
}
