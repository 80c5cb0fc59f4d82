import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowStorage } from './throttling';

/**
 * What the guard reads. The time to the block's end means something only while blocked: the
 * library keeps a stale one on keys its timer has not swept yet, ours drops idle keys when the
 * clock says so, so an unblocked answer's value differs by when the sweep ran.
 */
const comparable = (
  i: number,
  r: { totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number },
) => ({ i, ...r, timeToBlockExpire: r.isBlocked ? r.timeToBlockExpire : 'unblocked' });

describe('SlidingWindowStorage', () => {
  let clock = 0;
  beforeEach(() => {
    clock = 1_700_000_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers exactly as @nestjs/throttler’s own store, hit for hit, blocks and expiries included', async () => {
    const library = new ThrottlerStorageService();
    const ours = new SlidingWindowStorage(() => Date.now());
    // Two addresses, a short and a long window, with and without blocking, at an uneven pace
    // that crosses limits, blocks and window ends many times.
    const limits = [
      { name: 'minute', ttl: 60_000, limit: 10, block: 60_000 },
      { name: 'hour', ttl: 3_600_000, limit: 60, block: 3_600_000 },
      { name: 'noblock', ttl: 5_000, limit: 3, block: 0 },
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    try {
      for (let i = 0; i < 5000; i++) {
        clock += Math.floor(random() * (random() < 0.1 ? 20_000 : 1_500));
        const address = random() < 0.5 ? '10.0.0.1' : '10.0.0.2';
        for (const t of limits) {
          const key = `${t.name}-${address}`;
          const expected = await library.increment(key, t.ttl, t.limit, t.block, t.name);
          const actual = await ours.increment(key, t.ttl, t.limit, t.block, t.name);
          expect(comparable(i, actual)).toEqual(comparable(i, expected));
        }
      }
    } finally {
      library.onApplicationShutdown();
    }
  });

  it('blocks the 11th hit of a minute for a minute, then counts afresh', async () => {
    const store = new SlidingWindowStorage(() => Date.now());
    const hit = () => store.increment('k', 60_000, 10, 60_000, 'minute');
    for (let i = 1; i <= 10; i++) expect(await hit()).toMatchObject({ isBlocked: false });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    clock += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    clock += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('costs the same per hit however many hits the window holds, and forgets idle keys', async () => {
    const store = new SlidingWindowStorage(() => Date.now());
    for (let i = 0; i < 200_000; i++) {
      clock += 1;
      await store.increment(`busy`, 60_000, 1_000_000, 60_000, 'minute');
    }
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) await store.increment(`busy`, 60_000, 1_000_000, 60_000, 'm');
    // A pass over the ~60,000 live hits per call would take seconds here.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
    await store.increment('idle', 60_000, 10, 60_000, 'minute');
    expect(store.size).toBe(2);
    clock += 3_600_001;
    await store.increment('other', 60_000, 10, 60_000, 'minute');
    expect(store.size).toBe(1);
  });
});
