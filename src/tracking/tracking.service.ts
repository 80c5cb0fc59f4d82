import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppError } from '../common/errors/app-error';
import { formatJalali } from '../common/jalali';
import { checkTrackingCode } from '../common/tracking-code';
import { normalizeDigits } from '../common/validation/persian-text';
import type { TrackingDto } from './dto/tracking.dto';
import { NEXT_STEP } from './next-steps';
import { PublicCaseLookup, type PublicCaseRow } from './public-case-lookup';

/** Longest code text read (spaces and dashes allowed between the 12 digits). */
const MAX_CODE_INPUT = 40;

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
 * The public tracking view (docs/domain.md §4.1): anyone with a code sees the stage, the dates
 * and the next step of that one case — no agency, no vehicles, no people.
 */
@Injectable()
export class TrackingService {
  private readonly cases: PublicCaseLookup;

  constructor(@InjectDataSource() dataSource: DataSource) {
    // The connection pool under TypeORM: the hot path skips its per-query runner.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    this.cases = new PublicCaseLookup(
      async (codes) =>
        (await pool.query<PublicCaseRow>({ ...PUBLIC_CASES_QUERY, values: [codes] })).rows,
    );
  }

  /** The case a code (as typed) tracks; TRACKING.INVALID_CODE or TRACKING.NOT_FOUND otherwise. */
  async track(raw: string): Promise<TrackingDto> {
    // A route parameter is always a string; only its length needs checking before it is read
    // (checked here rather than by a parameter class: this is the busiest public path).
    if (raw.length > MAX_CODE_INPUT) {
      throw new AppError('REQUEST.VALIDATION_FAILED', [
        {
          field: 'code',
          code: 'maxLength',
          message: {
            fa: 'فیلد «code» بلندتر از حد مجاز است.',
            en: `code must be shorter than or equal to ${MAX_CODE_INPUT} characters`,
          },
        },
      ]);
    }
    const code = normaliseCode(raw);
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
    // The hottest public path: one indexed row, batched with concurrent look-ups, no entity mapping.
    const record = await this.cases.find(code);
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
