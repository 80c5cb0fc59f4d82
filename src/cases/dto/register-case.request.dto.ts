import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REQUEST_TYPES, type RequestType } from '../../../workflows/case.types';

export const USAGE_CLASSES = [
  'SEDAN',
  'PICKUP',
  'MINIBUS',
  'BUS',
  'TRUCK',
  'MOTORCYCLE',
  'VAN',
  'OTHER',
] as const;

export class VehicleRequestDto {
  @ApiPropertyOptional({ example: '12ب345-67', description: 'Iranian plate' })
  @IsOptional()
  @IsString()
  @MinLength(5)
  @MaxLength(32)
  plate?: string;

  @ApiPropertyOptional({ example: 'NAAM01E07HK123456', description: '17 characters, no I, O or Q' })
  @IsOptional()
  @Matches(/^[A-HJ-NPR-Z0-9]{17}$/, {
    message: 'vin must be 17 letters and digits without I, O or Q',
    context: {
      fa: 'شماره شاسی (VIN) باید ۱۷ حرف و رقم لاتین بدون I، O و Q باشد.',
      en: 'vin must be 17 letters and digits without I, O or Q',
    },
  })
  vin?: string;

  @ApiPropertyOptional({ example: 'Peugeot 405' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  makeModel?: string;

  @ApiPropertyOptional({ example: 1390, description: 'Solar Hijri or Gregorian year' })
  @IsOptional()
  @IsInt()
  @Min(1300)
  @Max(2100)
  modelYear?: number;

  @ApiPropertyOptional({ enum: USAGE_CLASSES })
  @IsOptional()
  @IsIn(USAGE_CLASSES)
  usageClass?: string;

  @ApiPropertyOptional({
    example: 2,
    description: 'Purchase only: how many vehicles of this class',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  count?: number;
}

export class RegisterCaseRequestDto {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  requestType!: RequestType;

  @ApiProperty({ example: 'خودروی فرسوده با هزینه تعمیر بالا', minLength: 10, maxLength: 4000 })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  justification!: string;

  @ApiProperty({ type: [VehicleRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VehicleRequestDto)
  vehicles!: VehicleRequestDto[];
}
