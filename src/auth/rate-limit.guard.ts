import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppError } from '../common/errors/app-error';

/**
 * The library's per-address limiter, answering in the service's own error format: RATE.LIMITED
 * in both languages, with a plain `Retry-After` whichever named limit was hit.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AppError('RATE.LIMITED', [], undefined, Math.max(1, detail.timeToBlockExpire));
  }
}
