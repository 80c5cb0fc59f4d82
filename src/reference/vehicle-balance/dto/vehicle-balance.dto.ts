import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AgencyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  agencyId!: string;
}

export class VehicleBalanceDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({
    example: 7,
    description: 'Vehicles of the agency’s SCRAP cases that got a permit',
  })
  retired!: number;
  @ApiProperty({
    example: 4,
    description: 'Vehicles (sum of `count`) of the agency’s PURCHASE cases that got a permit',
  })
  bought!: number;
  @ApiProperty({ example: 3, description: 'retired − bought (negative when more were bought)' })
  balance!: number;
  @ApiProperty({
    example: 2,
    description:
      'Vehicles asked for by the agency’s PURCHASE cases still open without a final decision ' +
      '(from registration until the minutes are approved)',
  })
  pendingPurchaseVehicles!: number;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ example: '1405/02/10 09:30' }) asOfJalali!: string;
}
