import { ExecutionContext, Injectable } from '@nestjs/common';
import { RateLimitGuard } from '../auth/rate-limit.guard';

/** The route whose counters a complaint look-up shares: the public case tracking look-up. */
const SHARED_ROUTE = { className: 'TrackingController', handlerName: 'track' };

/**
 * The public tracking limits (RATE_LIMIT_TRACKING_PER_MINUTE / _PER_HOUR), counted on the same
 * per-address counters as `GET /track/{code}`: case and complaint codes have the same format, so
 * a second endpoint must not double the guesses an address gets (README, "How hard is guessing
 * a tracking code?"). Only the key changes; the rest is the shared guard's.
 */
@Injectable()
export class ComplaintTrackingRateLimitGuard extends RateLimitGuard {
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    const shared = {
      getClass: () => ({ name: SHARED_ROUTE.className }),
      getHandler: () => ({ name: SHARED_ROUTE.handlerName }),
    } as unknown as ExecutionContext;
    return super.generateKey(shared, tracker, name);
  }
}
