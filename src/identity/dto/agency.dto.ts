import {
  IsLegalEntityNationalId,
  IsOptionalButNotNull,
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
  MinLength,
  ValidateIf,
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

/** Every field may be left out; none may be null (the columns are required). */
export class UpdateAgencyRequestDto {
  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Legal-entity national ID (شناسه ملی), 11 digits' })
  @IsOptionalButNotNull()
  @NormalizeDigits()
  @IsString()
  @IsLegalEntityNationalId()
  nationalId?: string;

  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  province?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
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
