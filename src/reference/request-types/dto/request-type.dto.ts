import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStringOfLength, PersianText } from '../../../common/validation/decorators';
import { REQUEST_TYPES, type RequestType } from '../../../../workflows/case/case.types';

export class BilingualTextDto {
  @ApiProperty({ example: 'کارت خودرو' }) fa!: string;
  @ApiProperty({ example: 'Vehicle card' }) en!: string;
}

export class ChecklistSlotDto {
  @ApiProperty({ example: 'VEHICLE_CARD', description: 'Stable code; uploads name it as `slot`' })
  code!: string;
  @ApiProperty({ type: BilingualTextDto }) title!: BilingualTextDto;
  @ApiProperty({ description: 'Whether the request is incomplete without it' })
  required!: boolean;
}

export class RequestTypeDto {
  @ApiProperty({ enum: REQUEST_TYPES }) code!: RequestType;
  @ApiProperty({ type: BilingualTextDto }) title!: BilingualTextDto;
  @ApiProperty({ type: [ChecklistSlotDto], description: 'The documents it needs, in order' })
  checklist!: ChecklistSlotDto[];
}

export class BilingualTextInputDto {
  @ApiProperty({ example: 'گواهی عدم خلافی', minLength: 2, maxLength: 300 })
  @PersianText({ min: 2, max: 300 })
  fa!: string;

  @ApiProperty({ example: 'Traffic-fines clearance', minLength: 2, maxLength: 300 })
  @IsStringOfLength({ min: 2, max: 300 })
  en!: string;
}

export class PartialBilingualTextInputDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 300 })
  @IsOptional()
  @PersianText({ min: 2, max: 300 })
  fa?: string;

  @ApiPropertyOptional({ minLength: 2, maxLength: 300 })
  @IsOptional()
  @IsStringOfLength({ min: 2, max: 300 })
  en?: string;
}

export class AddChecklistSlotRequestDto {
  @ApiProperty({
    example: 'FINES_CLEARANCE',
    description: 'A new code (capital letters, digits, _), never used by this type before',
  })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, {
    message: 'code must be 2–40 capital Latin letters, digits or _, starting with a letter',
    context: {
      fa: 'فیلد «code» باید ۲ تا ۴۰ حرف بزرگ لاتین، رقم یا _ باشد و با حرف آغاز شود.',
      en: 'code must be 2–40 capital Latin letters, digits or _, starting with a letter',
    },
  })
  code!: string;

  @ApiProperty({ type: BilingualTextInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BilingualTextInputDto)
  title!: BilingualTextInputDto;

  @ApiProperty({ description: 'Whether a request is incomplete without it' })
  @IsBoolean()
  required!: boolean;

  @ApiPropertyOptional({
    example: 25,
    description: 'Place in the list (ascending); after the last slot when left out',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  position?: number;
}

export class UpdateChecklistSlotRequestDto {
  @ApiPropertyOptional({ type: PartialBilingualTextInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialBilingualTextInputDto)
  title?: PartialBilingualTextInputDto;

  @ApiPropertyOptional({ example: 25, description: 'Place in the list (ascending)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  position?: number;
}

export class RequestTypeParams {
  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type!: RequestType;
}

export class ChecklistSlotParams extends RequestTypeParams {
  @ApiProperty({ example: 'VEHICLE_CARD' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/)
  code!: string;
}
