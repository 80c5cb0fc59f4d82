import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { USAGE_CLASSES } from '../../../common/validation/vehicle';
import { PersianText } from '../../../common/validation/decorators';
import { normalizeDigits } from '../../../common/validation/persian-text';

export type UsageClass = (typeof USAGE_CLASSES)[number];

export const WORN_OUT_YEARS = { min: 1, max: 60 } as const;

/** `"۱۵"` → 15: a whole number may come as a string of Persian or ASCII digits. */
export const IntegerFromDigits = () =>
  Transform(
    ({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const digits = normalizeDigits(value).trim();
      return /^[0-9]{1,9}$/.test(digits) ? Number(digits) : value;
    },
    { toClassOnly: true },
  );

export class WornOutAgeDto {
  @ApiProperty({ enum: USAGE_CLASSES, example: 'SEDAN' }) usageClass!: string;
  @ApiProperty({ example: 15, description: 'Age in years at which the class counts as worn out' })
  years!: number;
  @ApiProperty({ example: 'Cabinet decision of 1387 on worn-out government vehicles' })
  source!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: '1405/02/10 09:30', description: 'updatedAt in Jalali (Tehran time)' })
  updatedAtJalali!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for the seeded value',
  })
  updatedBy!: string | null;
}

export class UsageClassParams {
  @ApiProperty({ enum: USAGE_CLASSES })
  @IsIn(USAGE_CLASSES)
  usageClass!: UsageClass;
}

export class UpdateWornOutAgeRequestDto {
  @ApiProperty({ minimum: WORN_OUT_YEARS.min, maximum: WORN_OUT_YEARS.max, example: 15 })
  @IntegerFromDigits()
  @IsInt()
  @Min(WORN_OUT_YEARS.min)
  @Max(WORN_OUT_YEARS.max)
  years!: number;

  @ApiPropertyOptional({
    example: 'مصوبه هیئت وزیران ۱۳۸۷',
    description: 'Where the figure comes from; left as it was when not sent',
  })
  @IsOptional()
  @PersianText({ min: 2, max: 500 })
  source?: string;
}
