import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ArrayOfObjects, PersianText } from '../../common/validation/decorators';
import { VehicleRequestDto } from './register-case.dto';

export class DeficiencyDto {
  @ApiProperty({
    example: 'document:REQUEST_LETTER',
    description: '`document:<checklist slot>` or `field:<form field path>`',
  })
  @Matches(/^(document:[A-Z_]{2,40}|field:[A-Za-z0-9_.[\]]{1,100})$/, {
    message: 'target must be document:<SLOT> or field:<path>',
    context: {
      fa: 'هدف نقص باید به شکل document:<نوع مدرک> یا field:<فیلد> باشد.',
      en: 'target must be document:<SLOT> or field:<path>',
    },
  })
  target!: string;

  @ApiProperty({ example: 'نامه درخواست امضای بالاترین مقام دستگاه را ندارد' })
  @PersianText({ min: 3, max: 1000 })
  note!: string;
}

export class AcceptDocumentsRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @PersianText({ max: 2000 })
  note?: string;
}

export class RequestCorrectionsRequestDto {
  @ApiProperty({ type: [DeficiencyDto] })
  @ArrayOfObjects(() => DeficiencyDto, { min: 1, max: 50 })
  deficiencies!: DeficiencyDto[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @PersianText({ max: 2000 })
  comment?: string;
}

export class RejectCaseRequestDto {
  @ApiProperty({ type: [String], example: ['خودرو مشمول ضوابط اسقاط نیست'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(1000, { each: true })
  reasons!: string[];
}

export class ResubmitCorrectionsRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @PersianText({ max: 2000 })
  note?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Ids of documents uploaded for the corrections',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 4000,
    description: 'The corrected justification, if it was asked for',
  })
  @IsOptional()
  @PersianText({ min: 10, max: 4000 })
  justification?: string;

  @ApiPropertyOptional({
    type: [VehicleRequestDto],
    description: 'The corrected vehicles (the whole list), checked like the registration form',
  })
  @IsOptional()
  @ArrayOfObjects(() => VehicleRequestDto, { min: 1, max: 50 })
  vehicles?: VehicleRequestDto[];

  @ApiPropertyOptional({ type: [String], example: ['vehicles[0].vin'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_.[\]]{1,100}$/, { each: true })
  changedFields?: string[];
}

export class WithdrawCaseRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @PersianText({ max: 2000 })
  reason?: string;
}

export class CancelCaseRequestDto {
  @ApiProperty({ maxLength: 2000, example: 'ثبت تکراری' })
  @PersianText({ min: 3, max: 2000 })
  reason!: string;
}
