import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_TYPES, type RequestType } from '../../../workflows/case.types';

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
