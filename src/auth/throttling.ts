import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/configuration';

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
  };
}
