import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppError } from '../common/errors/app-error';

/**
 * The library's per-address limiter, answering in the service's own error format: RATE.LIMITED
 * in both languages, with a plain `Retry-After` whichever named limit was hit.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * The counter's key: route, limit and address. The library hashes this text (SHA-256) on every
   * request for every limit; the keys only ever live in this process's memory, so the text itself
   * serves (an address is at most 45 characters).
   */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${name}-${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AppError('RATE.LIMITED', [], undefined, Math.max(1, detail.timeToBlockExpire));
  }
}
