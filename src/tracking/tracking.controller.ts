import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Access } from '../common/access/access';
import { RateLimit, RateLimitGuard } from '../auth/rate-limit.guard';
import { TrackingDto } from './dto/tracking.dto';
import { TrackingService } from './tracking.service';

/**
 * The public tracking view (docs/domain.md §4.1): anyone with a code sees the stage, the dates
 * and the next step of that one case — no agency, no vehicles, no people. Limited per address.
 */
@ApiTags('tracking')
@Controller('track')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Get(':code')
  @Access.public()
  @UseGuards(RateLimitGuard)
  @RateLimit('tracking')
  @ApiOperation({ summary: 'Public status of one case by its tracking code — پیگیری درخواست' })
  @ApiParam({
    name: 'code',
    example: '۱۲۳۴۵۶۷۸۹۰۱۲',
    description: '12 digits; Persian, Arabic-Indic or ASCII digits, spaces and dashes allowed',
  })
  @ApiOkResponse({ type: TrackingDto })
  @ApiBadRequestResponse({ description: 'TRACKING.INVALID_CODE: mistyped (check digit)' })
  @ApiNotFoundResponse({ description: 'TRACKING.NOT_FOUND: well formed, but no such case' })
  @ApiTooManyRequestsResponse({ description: 'RATE.LIMITED' })
  track(@Param('code') raw: string): Promise<TrackingDto> {
    return this.tracking.track(raw);
  }
}
