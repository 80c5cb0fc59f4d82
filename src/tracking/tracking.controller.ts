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
import { AppError } from '../common/errors/app-error';
import type { BilingualMessage } from '../common/errors/error-catalogue';
import { normalizeDigits } from '../common/validation/persian-text';
import { formatJalali } from '../common/jalali';
import { checkTrackingCode } from '../common/tracking-code';
import { CASE_STAGES, type CaseStage, type RequestType } from '../../workflows/case/case.types';
import { NEXT_STEP } from './next-steps';
import { PublicCaseLookup, type PublicCaseRow } from './public-case-lookup';

/** Longest code text read (spaces and dashes allowed between the 12 digits). */
const MAX_CODE_INPUT = 40;

class BilingualDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

export class TrackingDto {
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: ['SCRAP', 'PURCHASE', 'SALE'] }) requestType!: RequestType;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() registeredAtJalali!: string;
  @ApiProperty() stageSince!: string;
  @ApiProperty() stageSinceJalali!: string;
  @ApiProperty({ type: BilingualDto }) nextStep!: BilingualMessage;
}

/**
 * The look-up as a named prepared statement: PostgreSQL parses and plans it once per connection,
 * not once per request (the database shares the machine with the API). Only public columns.
 */
const PUBLIC_CASES_QUERY = {
  name: 'track-public-cases',
  text: `SELECT tracking_code, request_type, stage, registered_at, stage_since
         FROM cases WHERE tracking_code = ANY($1::varchar[])`,
};

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII; spaces and dashes dropped. */
function normaliseCode(raw: string): string {
  return normalizeDigits(raw).replace(/[\s-]/g, '');
}

/**
 * The public tracking view (docs/domain.md §4.1): anyone with a code sees the stage, the dates and the
 * next step of that one case — no agency, no vehicles, no people. Limited per address.
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
