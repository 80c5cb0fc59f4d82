import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoInstant } from '../../../workflows/session/session.rules';

/** `…+HH:MM` / `…-HH:MM` at the end of an instant. */
const OFFSET = /([+-])(\d{2}):(\d{2})$/;

/**
 * An instant the API can take and PostgreSQL can store: a complete ISO-8601 date and time with
 * its offset (isIsoInstant), an offset within ±14:00 (the widest in use; PostgreSQL refuses
 * some larger ones with an error) and a year from 0001 on (PostgreSQL has no year 0).
 */
export function isStorableInstant(value: unknown): value is string {
  if (!isIsoInstant(value) || value.startsWith('0000')) return false;
  const offset = OFFSET.exec(value);
  if (!offset) return true; // Z
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return minutes <= 14 * 60;
}

/** A request field holding an instant (isStorableInstant), refused in both languages otherwise. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    const field = String(propertyKey);
    const message = {
      fa: `فیلد «${field}» باید زمانی به قالب ISO-8601 همراه با اختلاف ساعت حداکثر ۱۴:۰۰ باشد، مانند 2026-03-01T09:30:00+03:30.`,
      en: `${field} must be an ISO-8601 instant with an offset of at most 14:00, e.g. 2026-03-01T09:30:00+03:30`,
    };
    ValidateBy(
      {
        name: 'isIsoInstant',
        validator: { validate: (value: unknown) => isStorableInstant(value) },
      },
      { message: message.en, context: message, ...options },
    )(target, propertyKey);
  };
}
