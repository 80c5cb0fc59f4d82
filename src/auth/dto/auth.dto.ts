import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '../../../workflows/common/actors';
import { ROLES } from '../../../workflows/common/actors';
import { IsStringOfLength } from '../../common/validation/decorators';

export class SignInRequestDto {
  @ApiProperty({ example: 'clerk.tabriz' })
  @IsStringOfLength({ min: 1, max: 64 })
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsStringOfLength({ min: 1, max: 256 })
  password!: string;
}

export class RefreshRequestDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the previous refresh' })
  @IsStringOfLength({ min: 1, max: 256 })
  refreshToken!: string;
}

export class ChangePasswordRequestDto {
  @ApiProperty({ format: 'password' })
  @IsStringOfLength({ min: 1, max: 256 })
  currentPassword!: string;

  @ApiProperty({
    format: 'password',
    description: '10–128 characters mixing three of: lower case, upper case, digits, symbols',
  })
  @IsStringOfLength({ min: 1, max: 256 })
  newPassword!: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds the access token is valid' }) expiresIn!: number;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'Seconds the refresh token is valid' }) refreshExpiresIn!: number;
  @ApiProperty({
    description: 'When true, only change-password, sign-out and me work until the password changes',
  })
  mustChangePassword!: boolean;
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: String, required: false, nullable: true }) agencyId!: string | null;
  @ApiProperty() mustChangePassword!: boolean;
}
