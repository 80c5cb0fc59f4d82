import { GroupCommit, type Outcome } from './group-commit';

/** A flush the test completes by hand, remembering every batch it was given. */
function manualFlush<I>() {
  const batches: I[][] = [];
  const finishers: Array<{
    resolve: (outcomes: Array<Outcome<string>>) => void;
    reject: (error: unknown) => void;
  }> = [];
  const flush = (items: readonly I[]) =>
    new Promise<Array<Outcome<string>>>((resolve, reject) => {
      batches.push([...items]);
      finishers.push({ resolve, reject });
    });
  const okAll = (index: number) =>
    finishers[index].resolve(
      batches[index].map((item) => ({ ok: true, value: `done:${String(item)}` })),
    );
  return { batches, finishers, flush, okAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends items submitted together in one flush, and more while one is in flight in the next', async () => {
    const f = manualFlush<number>();
    const commit = new GroupCommit(f.flush, 100);
    const first = [1, 2, 3].map((n) => commit.submit(n));
    await tick();
    expect(f.batches).toEqual([[1, 2, 3]]);
    const later = [4, 5].map((n) => commit.submit(n));
    await tick();
    expect(f.batches).toHaveLength(1); // waits for the flush in flight
    expect(commit.waiting).toBe(2);
    f.okAll(0);
    expect(await Promise.all(first)).toEqual(['done:1', 'done:2', 'done:3']);
    await tick();
    expect(f.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    f.okAll(1);
    expect(await Promise.all(later)).toEqual(['done:4', 'done:5']);
  });

  it('settles no caller before the flush carrying its item has returned', async () => {
    const f = manualFlush<number>();
    const commit = new GroupCommit(f.flush, 100);
    const settled: number[] = [];
    const all = [1, 2, 3].map((n) => commit.submit(n).then(() => settled.push(n)));
    await tick();
    await tick();
    expect(settled).toEqual([]);
    f.okAll(0);
    await Promise.all(all);
    expect(settled).toEqual([1, 2, 3]);
  });

  it('fails every caller of a failed flush with its error, and carries on with the next batch', async () => {
    const f = manualFlush<number>();
    const commit = new GroupCommit(f.flush, 100);
    const failing = [1, 2, 3].map((n) => commit.submit(n));
    await tick();
    const next = commit.submit(4);
    const error = new Error('database unavailable');
    f.finishers[0].reject(error);
    for (const p of failing) await expect(p).rejects.toBe(error);
    await tick();
    expect(f.batches[1]).toEqual([4]);
    f.okAll(1);
    await expect(next).resolves.toBe('done:4');
  });

  it('gives each caller its own outcome when the flush answers per item', async () => {
    const f = manualFlush<number>();
    const commit = new GroupCommit(f.flush, 100);
    const [a, b] = [1, 2].map((n) => commit.submit(n));
    await tick();
    const refused = new Error('refused');
    f.finishers[0].resolve([
      { ok: true, value: 'done:1' },
      { ok: false, error: refused },
    ]);
    await expect(a).resolves.toBe('done:1');
    await expect(b).rejects.toBe(refused);
  });

  it('fails the batch when the flush answers the wrong number of outcomes', async () => {
    const commit = new GroupCommit<number, string>(() => Promise.resolve([]), 10);
    await expect(commit.submit(1)).rejects.toThrow(/0 outcomes for 1 items/);
  });

  it('never puts more than maxBatch items in one flush', async () => {
    const f = manualFlush<number>();
    const commit = new GroupCommit(f.flush, 2);
    const all = [1, 2, 3, 4, 5].map((n) => commit.submit(n));
    for (let i = 0; i < 3; i++) {
      await tick();
      f.okAll(i);
    }
    expect(await Promise.all(all)).toHaveLength(5);
    expect(f.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('refuses a batch size below one', () => {
    expect(() => new GroupCommit(() => Promise.resolve([]), 0)).toThrow(/positive integer/);
  });
});
