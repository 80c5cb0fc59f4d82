import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { IsOptionalButNotNull } from '../../common/validation/decorators';
import { isStorableInstant } from '../../common/validation/instant';
import { normalizePersian } from '../../common/validation/persian-text';
import { isIsoInstant } from '../../../workflows/session/session.rules';
import { isPlannableInstant, MAX_ITEMS, MAX_PLANNING_AHEAD_DAYS, MAX_TEXT } from '../session-input';

/** The session requests' own property checks (the DTOs are in session-requests.dto.ts). */

/** A complete ISO-8601 instant with its offset, e.g. `2026-03-01T09:30:00+03:30`. */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isIsoInstant', validator: { validate: (value: unknown) => isStorableInstant(value) } },
    {
      message: '$property must be an ISO-8601 instant with its offset, e.g. 2026-03-01T09:30:00Z',
      context: {
        fa: 'زمان باید به قالب ISO-8601 همراه با اختلاف ساعت باشد، مانند 2026-03-01T09:30:00+03:30.',
        en: 'must be an ISO-8601 instant with its offset, e.g. 2026-03-01T09:30:00+03:30',
      },
      ...options,
    },
  );
}

/** In the future (and at most MAX_PLANNING_AHEAD_DAYS ahead); shape errors are isIsoInstant's. */
export function IsPlannable(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'plannableInstant',
      validator: {
        validate: (value: unknown) => !isIsoInstant(value) || isPlannableInstant(value, Date.now()),
      },
    },
    {
      message: `$property must be in the future and at most ${MAX_PLANNING_AHEAD_DAYS} days ahead`,
      context: {
        fa: `زمان جلسه باید در آینده و حداکثر ${MAX_PLANNING_AHEAD_DAYS} روز بعد باشد.`,
        en: `the session’s time must be in the future and at most ${MAX_PLANNING_AHEAD_DAYS} days ahead`,
      },
    },
  );
}

/**
 * A UUID, compared in lower case: workflow ids (`case-<uuid>`, `session-<uuid>`) and the user
 * ids members are matched by are case-sensitive strings.
 */
export function Uuid(options: { each?: boolean } = {}): PropertyDecorator {
  const lower = (item: unknown) => (typeof item === 'string' ? item.toLowerCase() : item);
  return (target, key) => {
    Transform(
      ({ value }: { value: unknown }) =>
        options.each && Array.isArray(value) ? value.map(lower) : lower(value),
      { toClassOnly: true },
    )(target, key);
    IsUUID(undefined, { each: options.each })(target, key);
  };
}

/** A list of 1..MAX_ITEMS texts of 1..MAX_TEXT characters each (conditions, reasons). */
export function TextList(): PropertyDecorator {
  return (target, key) => {
    Transform(
      ({ value }: { value: unknown }) =>
        Array.isArray(value)
          ? value.map((item: unknown) => (typeof item === 'string' ? normalizePersian(item) : item))
          : value,
      { toClassOnly: true },
    )(target, key);
    IsOptionalButNotNull()(target, key);
    IsArray()(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(MAX_ITEMS)(target, key);
    IsString({ each: true })(target, key);
    MinLength(1, { each: true })(target, key);
    MaxLength(MAX_TEXT, { each: true })(target, key);
  };
}
