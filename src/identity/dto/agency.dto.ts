import {
  IsLegalEntityNationalId,
  IsOptionalButNotNull,
  IsOptionalOrNull,
  IsStringOfLength,
  NormalizeDigits,
} from '../../common/validation/decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

export class CreateAgencyRequestDto {
  @ApiProperty({ example: 'دانشگاه علوم پزشکی تبریز' })
  @IsStringOfLength({ min: 2, max: 200 })
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
  @IsStringOfLength({ min: 2, max: 64 })
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

/** Every field may be left out; none may be null (the columns are required). */
export class UpdateAgencyRequestDto {
  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsStringOfLength({ min: 2, max: 200 })
  name?: string;

  @ApiPropertyOptional({ description: 'Legal-entity national ID (شناسه ملی), 11 digits' })
  @IsOptionalButNotNull()
  @NormalizeDigits()
  @IsString()
  @IsLegalEntityNationalId()
  nationalId?: string;

  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsStringOfLength({ min: 2, max: 64 })
  province?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalOrNull()
  @IsString()
  @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalOrNull()
  @IsEmail()
  @MaxLength(200)
  contactEmail?: string | null;

  @ApiPropertyOptional({
    description: 'An inactive agency files no new cases and gets no new clerks',
  })
  @IsOptionalButNotNull()
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
  @ApiProperty({ type: String, nullable: true }) contactPhone!: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty() active!: boolean;
}
