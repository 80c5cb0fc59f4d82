import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Access } from '../auth/access';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { SIGN_IN_THROTTLES } from '../auth/throttling';
import { AppError } from '../common/errors/app-error';
import type { BilingualMessage } from '../common/errors/error-catalogue';
import { normalizeDigits } from '../common/validation/persian-text';
import { formatJalali } from '../common/jalali';
import { checkTrackingCode } from '../cases/tracking-code';
import { CASE_STAGES, type CaseStage, type RequestType } from '../../workflows/case.types';
import { NEXT_STEP } from './next-steps';

export class TrackingCodeParams {
  @ApiProperty({
    example: '۱۲۳۴۵۶۷۸۹۰۱۲',
    description: '12 digits; Persian, Arabic-Indic or ASCII digits, spaces and dashes allowed',
  })
  @IsString()
  @MaxLength(40)
  code!: string;
}

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

interface PublicCaseRow {
  request_type: RequestType;
  stage: CaseStage;
  registered_at: Date;
  stage_since: Date;
}

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII; spaces and dashes dropped. */
function normaliseCode(raw: string): string {
  return normalizeDigits(raw).replace(/[\s-]/g, '');
}

/**
 * The public tracking view (design.md §4): anyone with a code sees the stage, the dates and the
 * next step of that one case — no agency, no vehicles, no people. Limited per address.
 */
@ApiTags('tracking')
@Controller('track')
export class TrackingController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':code')
  @Access.public()
  @UseGuards(RateLimitGuard)
  @SkipThrottle(Object.fromEntries(SIGN_IN_THROTTLES.map((name) => [name, true])))
  @ApiOperation({ summary: 'Public status of one case by its tracking code — پیگیری درخواست' })
  @ApiOkResponse({ type: TrackingDto })
  @ApiBadRequestResponse({ description: 'TRACKING.INVALID_CODE: mistyped (check digit)' })
  @ApiNotFoundResponse({ description: 'TRACKING.NOT_FOUND: well formed, but no such case' })
  @ApiTooManyRequestsResponse({ description: 'RATE.LIMITED' })
  async track(@Param() params: TrackingCodeParams): Promise<TrackingDto> {
    const code = normaliseCode(params.code);
    if (checkTrackingCode(code) !== 'valid') {
      throw new AppError('TRACKING.INVALID_CODE', [
        {
          field: 'code',
          code: checkTrackingCode(code) === 'malformed' ? 'malformed' : 'checkDigit',
          message: {
            fa: 'کد پیگیری باید ۱۲ رقم با رقم کنترل درست باشد.',
            en: 'code must be 12 digits with a correct check digit',
          },
        },
      ]);
    }
    // The hottest public path: one indexed row, only the public columns, no entity mapping.
    const [record] = await this.dataSource.query<PublicCaseRow[]>(
      `SELECT request_type, stage, registered_at, stage_since FROM cases WHERE tracking_code = $1`,
      [code],
    );
    if (record) {
      const registeredAt = record.registered_at.toISOString();
      const stageSince = record.stage_since.toISOString();
      return {
        trackingCode: code,
        requestType: record.request_type,
        stage: record.stage,
        registeredAt,
        registeredAtJalali: formatJalali(registeredAt),
        stageSince,
        stageSinceJalali: formatJalali(stageSince),
        nextStep: NEXT_STEP[record.stage],
      };
    }
    // Also a code reserved a moment ago whose workflow has not written its first record yet.
    throw new AppError('TRACKING.NOT_FOUND');
  }
}
