import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../config/configuration';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Named per-address limits (ThrottlerGuard is applied only where a route opts in):
 * sign-in attempts, and public tracking look-ups in a short and a long window.
 */
export const SIGN_IN_THROTTLES = ['sign-in'] as const;
export const TRACKING_THROTTLES = ['tracking-minute', 'tracking-hour'] as const;
export const SIGN_IN_THROTTLE = 'RATE_LIMIT_SIGN_IN_PER_MINUTE per minute';

export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const { signInPerMinute, trackingPerMinute, trackingPerHour } = config.rateLimits;
  return {
    throttlers: [
      { name: 'sign-in', ttl: 60_000, limit: signInPerMinute },
      { name: 'tracking-minute', ttl: 60_000, limit: trackingPerMinute },
      { name: 'tracking-hour', ttl: 3_600_000, limit: trackingPerHour },
    ],
    // The problem filter renders the 429 with code RATE.LIMITED; Retry-After is set by the guard.
    errorMessage: 'RATE.LIMITED',
    storage: new SlidingWindowStorage(),
  };
}

/** How often, at most, idle keys are dropped (as the library's store does, once a minute). */
const SWEEP_INTERVAL_MS = 60_000;

interface KeyState {
  /** Expiry times of the hits counted, oldest first; those before `head` have expired. */
  hits: number[];
  head: number;
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
}

/**
 * The per-process counter store of the rate limits: the same sliding-window rule as
 * @nestjs/throttler's in-memory store (every hit counts for `ttl`; more than `limit` live hits
 * block the key for `blockDuration`, during which hits are not counted; the block then ends with
 * a fresh count), and the same answers — but a hit costs O(1) instead of a pass over every hit
 * still in the window. A key belongs to one throttler, so its ttl is fixed and its hits expire
 * in the order they came: expired ones are dropped from the front. Keys idle for a minute are
 * dropped, as the library does.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly keys = new Map<string, KeyState>();
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  /** Keys currently held (for tests). */
  get size(): number {
    return this.keys.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
    let state = this.keys.get(key);
    if (!state) {
      state = { hits: [], head: 0, expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.keys.set(key, state);
    }
    prune(state, now);
    let timeToExpire = Math.ceil((state.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      state.expiresAt = now + ttl;
      timeToExpire = Math.ceil((state.expiresAt - now) / 1000);
    }
    if (blockDuration <= 0) {
      // Never blocks: a hit over the limit is refused and not counted.
      const isBlocked = live(state) >= limit;
      if (!isBlocked) state.hits.push(now + ttl);
      const oldest = state.hits[state.head];
      return Promise.resolve({
        totalHits: live(state) + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: !isBlocked
          ? 0
          : oldest !== undefined
            ? Math.ceil((oldest - now) / 1000)
            : timeToExpire,
      });
    }
    if (!state.isBlocked) state.hits.push(now + ttl);
    if (live(state) > limit && !state.isBlocked) {
      state.isBlocked = true;
      state.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((state.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && state.isBlocked) {
      state.isBlocked = false;
      state.hits = [now + ttl];
      state.head = 0;
    }
    return Promise.resolve({
      totalHits: live(state),
      timeToExpire,
      isBlocked: state.isBlocked,
      timeToBlockExpire,
    });
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, state] of this.keys) {
      if (state.isBlocked && state.blockExpiresAt > now) continue;
      if (state.expiresAt > now) continue;
      prune(state, now);
      if (live(state) > 0) continue;
      this.keys.delete(key);
    }
  }
}

function live(state: KeyState): number {
  return state.hits.length - state.head;
}

function prune(state: KeyState, now: number): void {
  const { hits } = state;
  while (state.head < hits.length && hits[state.head] <= now) state.head++;
  // Drop the expired front now and then, so a busy key's array does not grow without bound.
  if (state.head > 64 && state.head * 2 > hits.length) {
    state.hits = hits.slice(state.head);
    state.head = 0;
  }
}
