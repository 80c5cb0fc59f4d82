import { Global, Module } from '@nestjs/common';
import { RateLimitGuard, RateLimitService } from './rate-limit.guard';

/** The shared rate-limit counters, for `@UseGuards(RateLimitGuard)` in any module. */
@Global()
@Module({
  providers: [RateLimitService, RateLimitGuard],
  exports: [RateLimitService, RateLimitGuard],
})
export class RateLimitModule {}
