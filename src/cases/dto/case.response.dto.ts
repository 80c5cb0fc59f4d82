import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CASE_STAGES, REQUEST_TYPES } from '../../../workflows/case.types';
import type {
  CaseStage,
  RequestType,
  VehicleInput,
  WaitingOn,
} from '../../../workflows/case.types';

export class RegisteredCaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '412345678903' }) trackingCode!: string;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ example: '1405/09/05 07:22' }) registeredAtJalali!: string;
}

export class LiveCaseStateDto {
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty() waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
}

export class CaseResponseDto extends RegisteredCaseResponseDto {
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: RequestType;
  @ApiProperty() agencyId!: string;
  @ApiProperty() waitingOn!: WaitingOn;
  @ApiProperty({ format: 'date-time' }) stageSince!: string;
  @ApiPropertyOptional() justification?: string;
  @ApiPropertyOptional() vehicles?: VehicleInput[];
  @ApiPropertyOptional({
    type: LiveCaseStateDto,
    nullable: true,
    description: 'The workflow’s own answer; null when the worker could not be asked just now',
  })
  live!: LiveCaseStateDto | null;
}

export class CaseIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
    context: { fa: 'شناسه درخواست باید UUID باشد.', en: 'id must be a UUID' },
  })
  id!: string;
}
