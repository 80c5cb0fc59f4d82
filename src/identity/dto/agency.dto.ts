import { IsLegalEntityNationalId, NormalizeDigits } from '../../common/validation/decorators';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateAgencyRequestDto {
  @ApiProperty({ example: 'دانشگاه علوم پزشکی تبریز' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: '10380284790',
    description: 'Legal-entity national ID (شناسه ملی), 11 digits',
  })
  @NormalizeDigits()
  @IsString()
  @IsLegalEntityNationalId()
  nationalId!: string;

  @ApiProperty({ example: 'آذربایجان شرقی' })
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  province!: string;

  @ApiPropertyOptional({ example: '041-33355555' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string;

  @ApiPropertyOptional({ example: 'info@tbzmed.ac.ir' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  contactEmail?: string;
}

export class UpdateAgencyRequestDto extends PartialType(CreateAgencyRequestDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class AgencyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class AgencyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nationalId!: string;
  @ApiProperty() province!: string;
  @ApiProperty({ nullable: true }) contactPhone!: string | null;
  @ApiProperty({ nullable: true }) contactEmail!: string | null;
  @ApiProperty() active!: boolean;
}
