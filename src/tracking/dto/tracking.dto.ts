import { ApiProperty } from '@nestjs/swagger';
import type { BilingualMessage } from '../../common/errors/error-catalogue';
import { CASE_STAGES, type CaseStage, type RequestType } from '../../../workflows/case/case.types';

class BilingualDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

/** What the public tracking look-up answers: no agency, no vehicles, no people. */
export class TrackingDto {
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: ['SCRAP', 'PURCHASE', 'SALE'] }) requestType!: RequestType;
  @ApiProperty({ enum: CASE_STAGES }) stage!: CaseStage;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() registeredAtJalali!: string;
  @ApiProperty() stageSince!: string;
  @ApiProperty() stageSinceJalali!: string;
  @ApiProperty({ type: BilingualDto }) nextStep!: BilingualMessage;
}
