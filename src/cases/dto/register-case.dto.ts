import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import {
  Allow,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import type { BilingualMessage } from '../../common/errors/error-catalogue';
import { ArrayOfObjects, PersianText } from '../../common/validation/decorators';
import {
  integerFromDigits,
  isIranianPlate,
  modelYearCalendar,
  modelYearGregorian,
  normalizePlate,
  normalizeVin,
  USAGE_CLASSES,
  VIN_SHAPE,
} from '../../common/validation/vehicle';
import { REQUEST_TYPES, type RequestType } from '../../../workflows/case/case.types';

export const FUELS = ['GASOLINE', 'DIESEL', 'CNG', 'HYBRID', 'ELECTRIC', 'OTHER'] as const;

/** Mileage above this is a typing error, not a vehicle (5 million km). */
export const MAX_MILEAGE_KM = 5_000_000;

/**
 * The request type of the form each vehicle belongs to. A nested DTO cannot see its parent, so
 * RegisterCaseRequestDto tags its vehicles while the body is transformed (see `vehicles` below)
 * and the cross-field rules read the tag. A WeakMap keeps the tag off the object itself: it is
 * never stored, hashed or sent to the workflow. A vehicle validated on its own has no tag, and
 * the cross-field rules leave it alone.
 */
const formRequestType = new WeakMap<object, unknown>();

const isPurchase = (vehicle: object): boolean => formRequestType.get(vehicle) === 'PURCHASE';
/** Scrap and sale concern vehicles the agency owns: each must be identified. */
const namesOwnVehicle = (vehicle: object): boolean => {
  const type = formRequestType.get(vehicle);
  return type === 'SCRAP' || type === 'SALE';
};

/** One rule with its Persian and English message, in the form toFieldProblems reads. */
function Rule(
  name: string,
  passes: (value: unknown, vehicle: object) => boolean,
  message: BilingualMessage,
): PropertyDecorator {
  return ValidateBy(
    { name, validator: { validate: (value, args) => passes(value, args?.object ?? {}) } },
    { message: message.en, context: message },
  );
}

/** Strings only: anything else is left for the type rules to report. */
const TransformStrings = (fn: (s: string) => string) =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? fn(value) : value), {
    toClassOnly: true,
  });

/** `"۱۳۸۵"` → 1385: a whole number may come as a string of Persian or ASCII digits. */
const IntegerFromDigits = () =>
  Transform(({ value }: { value: unknown }) => integerFromDigits(value), { toClassOnly: true });

export class VehicleRequestDto {
  @ApiPropertyOptional({
    example: '12ب345-15',
    description:
      'Iranian plate: two digits, a letter, three digits and the two-digit region code. Also ' +
      'accepted as `12 ب 345 ایران 15` or with Persian digits; stored as `12ب345-15`. ' +
      'Required for SCRAP and SALE unless `vin` is given.',
  })
  // Scrap and sale must identify each vehicle: with neither plate nor VIN, the plate is required.
  @ValidateIf((v: VehicleRequestDto) => v.plate != null || (namesOwnVehicle(v) && v.vin == null))
  @TransformStrings((s) => normalizePlate(s) ?? s)
  @IsString()
  @Rule('isIranianPlate', (value) => isIranianPlate(value), {
    fa: 'پلاک «plate» باید پلاک خودروی ایران باشد: دو رقم، یک حرف، سه رقم و کد دو رقمی استان، مانند ۱۲ب۳۴۵-۱۵ (یا «۱۲ ب ۳۴۵ ایران ۱۵»).',
    en: 'plate must be an Iranian plate: two digits, a letter, three digits and the two-digit region code, e.g. 12ب345-15 (or "12 ب 345 ایران 15")',
  })
  plate?: string;

  @ApiPropertyOptional({
    example: '1M8GDM9AXKP042788',
    description:
      '17 characters, no I, O or Q; upper-cased. A check digit (9th character) that does not ' +
      'match the North-American rule is answered as a warning, not an error.',
  })
  @IsOptional()
  @TransformStrings(normalizeVin)
  @Matches(VIN_SHAPE, {
    message: 'vin must be 17 letters and digits without I, O or Q',
    context: {
      fa: 'شماره شاسی (VIN) باید ۱۷ حرف و رقم لاتین بدون I، O و Q باشد.',
      en: 'vin must be 17 letters and digits without I, O or Q',
    },
  })
  vin?: string;

  @ApiPropertyOptional({ example: 'پژو ۴۰۵' })
  @IsOptional()
  @PersianText({ max: 100 })
  makeModel?: string;

  @ApiPropertyOptional({
    example: 1385,
    description:
      'Solar Hijri (1300–1499) or Gregorian (1920–2100); kept as sent, with modelYearGregorian beside it',
  })
  @IsOptional()
  @IntegerFromDigits()
  @IsInt()
  @Rule('isModelYear', (value) => modelYearCalendar(value) !== null, {
    fa: 'سال ساخت «modelYear» باید سال شمسی (۱۳۰۰ تا ۱۴۹۹) یا میلادی (۱۹۲۰ تا ۲۱۰۰) باشد؛ از سالی بیرون از این دو بازه نمی‌توان فهمید کدام تقویم است.',
    en: 'modelYear must be a Solar Hijri year (1300–1499) or a Gregorian year (1920–2100); a year outside both ranges names no calendar',
  })
  modelYear?: number;

  /**
   * Computed, never taken from the client: whatever is sent here is replaced by the value
   * derived from modelYear (Solar Hijri + 621, ±1 year; see modelYearGregorian).
   */
  @ApiPropertyOptional({
    readOnly: true,
    example: 2006,
    description: 'Computed from modelYear (Solar Hijri + 621, accurate to ±1 year)',
  })
  @Expose()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => computedGregorianYear(obj), {
    toClassOnly: true,
  })
  @Allow()
  modelYearGregorian?: number;

  @ApiPropertyOptional({ enum: USAGE_CLASSES, description: 'Required for PURCHASE' })
  @ValidateIf((v: VehicleRequestDto) => v.usageClass != null || isPurchase(v))
  @IsIn(USAGE_CLASSES)
  usageClass?: string;

  @ApiPropertyOptional({ enum: FUELS })
  @IsOptional()
  @IsIn(FUELS)
  fuel?: (typeof FUELS)[number];

  @ApiPropertyOptional({ example: 240000, minimum: 0, maximum: MAX_MILEAGE_KM, description: 'km' })
  @IsOptional()
  @IntegerFromDigits()
  @IsInt()
  @Min(0)
  @Max(MAX_MILEAGE_KM)
  mileage?: number;

  @ApiPropertyOptional({ example: 1500000000, minimum: 0, description: 'Book value in rials' })
  @IsOptional()
  @IntegerFromDigits()
  @IsInt()
  @Min(0)
  // Beyond 2^53 a JSON number loses digits: refuse rather than store a different amount.
  @Max(Number.MAX_SAFE_INTEGER)
  bookValue?: number;

  @ApiPropertyOptional({
    example: 2,
    description: 'PURCHASE only, and required there: how many vehicles of this class',
  })
  @ValidateIf((v: VehicleRequestDto) => v.count != null || isPurchase(v))
  @IntegerFromDigits()
  @IsInt()
  @Min(1)
  @Max(500)
  @Rule('countOnlyForPurchase', (_value, vehicle) => !namesOwnVehicle(vehicle), {
    fa: 'فیلد «count» فقط در درخواست خرید (PURCHASE) پذیرفته است؛ در درخواست اسقاط یا فروش هر خودرو جداگانه و با پلاک یا شماره شاسی آورده می‌شود.',
    en: 'count is for PURCHASE requests only: a SCRAP or SALE request lists each vehicle on its own, with its plate or vin',
  })
  count?: number;
}

function computedGregorianYear(vehicle: Record<string, unknown>): number | undefined {
  return modelYearGregorian(integerFromDigits(vehicle.modelYear)) ?? undefined;
}

export class RegisterCaseRequestDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  requestType!: RequestType;

  @ApiProperty({ example: 'خودروی فرسوده با هزینه تعمیر بالا', minLength: 10, maxLength: 4000 })
  @PersianText({ min: 10, max: 4000 })
  justification!: string;

  @ApiProperty({
    type: [VehicleRequestDto],
    description:
      'PURCHASE: each with usageClass and count. SCRAP and SALE: each with its plate or vin, no count.',
  })
  @ArrayOfObjects(() => VehicleRequestDto, { min: 1, max: 50 })
  // Runs after the @Type of ArrayOfObjects has made the vehicles: tell each one the request type of its form.
  @Transform(
    ({ value, obj }: { value: unknown; obj: Record<string, unknown> }) => {
      if (Array.isArray(value)) {
        for (const vehicle of value) {
          if (vehicle instanceof VehicleRequestDto) formRequestType.set(vehicle, obj.requestType);
        }
      }
      return value;
    },
    { toClassOnly: true },
  )
  vehicles!: VehicleRequestDto[];
}
