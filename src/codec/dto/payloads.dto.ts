import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  registerDecorator,
  type ValidationOptions,
  ValidateNested,
} from 'class-validator';

/** At most this many payloads per request (Temporal's UI and CLI send far fewer). */
export const MAX_PAYLOADS = 1000;
const MAX_METADATA_ENTRIES = 32;
const METADATA_KEY = /^[\w.:/-]{1,128}$/;

/**
 * Proto3 JSON bytes: base64, standard or URL-safe alphabet, padded or not (protobuf's JSON
 * mapping accepts all four; Temporal's tools send standard, padded base64).
 */
export function isBase64Bytes(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) return false;
  const padded = value.endsWith('=');
  return padded ? value.length % 4 === 0 : value.length % 4 !== 1;
}

function IsBase64Bytes(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be base64',
        context: {
          fa: `فیلد «${String(propertyName)}» باید base64 باشد.`,
          en: `${String(propertyName)} must be base64`,
        },
        ...options,
      },
      validator: { validate: isBase64Bytes },
    });
}

/** `{ "<key>": "<base64>" }`: the metadata map of a payload. */
function IsBase64Map(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64Map',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must map at most ${MAX_METADATA_ENTRIES} keys to base64 values`,
        context: {
          fa: `فیلد «${String(propertyName)}» باید حداکثر ${MAX_METADATA_ENTRIES} کلید را به مقدار base64 نگاشت کند.`,
          en: `${String(propertyName)} must map at most ${MAX_METADATA_ENTRIES} keys to base64 values`,
        },
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= MAX_METADATA_ENTRIES &&
            entries.every(([key, v]) => METADATA_KEY.test(key) && isBase64Bytes(v))
          );
        },
      },
    });
}

/** One `temporal.api.common.v1.Payload` in proto3 JSON: every bytes field is base64. */
export class PayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'ZGV2LTE=' },
    description: 'Metadata key → base64 value (e.g. `encoding`, `encryption-key-id`)',
  })
  @IsOptional()
  @IsBase64Map()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', description: 'The payload, base64' })
  @IsOptional()
  @IsBase64Bytes()
  data?: string;
}

/** `temporal.api.common.v1.Payloads` in proto3 JSON: the body and answer of /codec/*. */
export class PayloadsDto {
  @ApiProperty({ type: [PayloadDto], maxItems: MAX_PAYLOADS })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_PAYLOADS)
  // An item must be an object: ValidateNested alone walks into an array item and finds nothing.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PayloadDto)
  payloads!: PayloadDto[];
}
