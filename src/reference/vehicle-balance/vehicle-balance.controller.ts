import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditedRoute } from '../../audit/audited.decorator';
import { Access } from '../../common/access/access';
import { CurrentPrincipal } from '../../common/access/current-principal.decorator';
import type { Principal } from '../../common/access/principal';
import { AgencyIdParams, VehicleBalanceDto } from './dto/vehicle-balance.dto';
import { BALANCE_READERS, VehicleBalanceService } from './vehicle-balance.service';

/** The retired-versus-bought balance the purchase reviewer weighs (docs/domain.md §5.4). */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference/agencies')
export class VehicleBalanceController {
  constructor(private readonly balances: VehicleBalanceService) {}

  @Get(':agencyId/vehicle-balance')
  @AuditedRoute(
    Access.roles(
      [...BALANCE_READERS, 'CLERK'],
      'a clerk only their own agency (others: AGENCY.NOT_FOUND)',
    ),
    { action: 'agency.read-vehicle-balance', resource: 'agency', idParam: 'agencyId' },
    {
      summary:
        'An agency’s retired-versus-bought vehicles — تراز خودروهای اسقاط‌شده و خریداری‌شده دستگاه',
      description:
        'Counted from the cases that got a permit: vehicles of SCRAP cases (retired) and the ' +
        '`count` of PURCHASE cases (bought), and the vehicles of purchases still undecided. ' +
        'Budget rules have allowed purchases up to the number retired; the numbers are shown, ' +
        'the rule is not applied here.',
    },
    {
      ok: { type: VehicleBalanceDto },
      notFound: 'AGENCY.NOT_FOUND (also for another agency’s clerk)',
    },
  )
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: AgencyIdParams,
  ): Promise<VehicleBalanceDto> {
    return this.balances.balanceOf(principal, params.agencyId);
  }
}
