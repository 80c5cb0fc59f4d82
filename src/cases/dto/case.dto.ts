import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CaseStateDto, WAITING_ON } from './case-list.dto';
import { CASE_STAGES, REQUEST_TYPES } from '../../../workflows/case/case.types';
import type {
  CaseStage,
  RequestType,
  VehicleInput,
  WaitingOn,
} from '../../../workflows/case/case.types';

export class RegisteredCaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '412345678903' }) trackingCode!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ example: '1405/09/05 07:22' }) registeredAtJalali!: string;
  @ApiPropertyOptional({
    description:
      'Remarks that did not stop the registration, e.g. a VIN whose check digit does not match (code vinCheckDigit)',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        field: { type: 'string', example: 'vehicles[0].vin' },
        code: { type: 'string', example: 'vinCheckDigit' },
        message: {
          type: 'object',
          properties: { fa: { type: 'string' }, en: { type: 'string' } },
        },
      },
    },
  })
  warnings?: { field: string; code: string; message: { fa: string; en: string } }[];
}

export class VehicleDto {
  @ApiPropertyOptional() plate?: string;
  @ApiPropertyOptional() vin?: string;
  @ApiPropertyOptional() makeModel?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Solar Hijri year' }) modelYear?: number;
  @ApiPropertyOptional({ type: 'integer' }) modelYearGregorian?: number;
  @ApiPropertyOptional() usageClass?: string;
  @ApiPropertyOptional() fuel?: string;
  @ApiPropertyOptional() mileage?: number;
  @ApiPropertyOptional({ description: 'Book value in rials' }) bookValue?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'A purchase: how many' }) count?: number;
}

export class CaseResponseDto extends RegisteredCaseResponseDto {
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: RequestType;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: WAITING_ON }) waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiPropertyOptional() justification?: string;
  @ApiPropertyOptional({ type: [VehicleDto] }) vehicles?: VehicleInput[];
  @ApiPropertyOptional({
    type: CaseStateDto,
    nullable: true,
    description:
      'The workflow’s own answer (stage, deadlines, corrections, decision, result); null when the worker could not be asked just now',
  })
  live!: CaseStateDto | null;
}

export class CaseIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
    context: { fa: 'شناسه درخواست باید UUID باشد.', en: 'id must be a UUID' },
  })
  id!: string;
}
