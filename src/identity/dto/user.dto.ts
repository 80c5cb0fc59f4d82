import { PageQuery } from '../../common/validation/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  IsIranianMobile,
  IsNationalCode,
  IsOptionalButNotNull,
  IsOptionalOrNull,
  IsStringOfLength,
  NormalizeDigits,
  NormalizeMobile,
} from '../../common/validation/decorators';
import { ROLES, type Role } from '../../../workflows/common/actors';

const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/;

export class CreateUserRequestDto {
  @ApiProperty({ example: 'clerk.tabriz', description: 'Lower-case letters, digits, . _ -' })
  @Matches(USERNAME, {
    message: 'username must be 3–64 lower-case letters, digits, dots, dashes or underscores',
    context: {
      fa: 'نام کاربری باید ۳ تا ۶۴ نویسه از حروف کوچک لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.',
      en: 'username must be 3–64 lower-case letters, digits, dots, dashes or underscores',
    },
  })
  username!: string;

  @ApiProperty({ example: 'مریم احمدی' })
  @IsStringOfLength({ min: 2, max: 120 })
  displayName!: string;

  @ApiPropertyOptional({ example: 'm.ahmadi@example.ir' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '09121234567' })
  @IsOptional()
  @NormalizeMobile()
  @IsIranianMobile()
  mobile?: string;

  @ApiPropertyOptional({ example: '0499370899', description: 'Personal national code (کد ملی)' })
  @IsOptional()
  @NormalizeDigits()
  @IsNationalCode()
  nationalCode?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['CLERK'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for a clerk (exactly one agency)' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class UpdateUserRequestDto {
  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsStringOfLength({ min: 2, max: 120 })
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalOrNull()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalOrNull()
  @NormalizeMobile()
  @IsIranianMobile()
  mobile?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalOrNull()
  @NormalizeDigits()
  @IsNationalCode()
  nationalCode?: string | null;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptionalButNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptionalOrNull()
  @IsUUID()
  agencyId?: string | null;

  @ApiPropertyOptional()
  @IsOptionalButNotNull()
  @IsBoolean()
  disabled?: boolean;
}

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ListUsersQueryDto extends PageQuery(200, 50) {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) mobile!: string | null;
  @ApiProperty({ type: String, nullable: true }) nationalCode!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: String, nullable: true }) agencyId!: string | null;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Locked after failed sign-ins until this instant',
  })
  lockedUntil!: string | null;
  @ApiProperty() failedSignIns!: number;
  @ApiProperty() createdAt!: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
}

export class TemporaryPasswordDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({
    description:
      'Shown once: give it to the user, who must change it at the next sign-in. Never stored in clear.',
  })
  temporaryPassword!: string;
}
