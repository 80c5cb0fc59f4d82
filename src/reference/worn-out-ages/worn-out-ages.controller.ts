import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route';
import { ReferenceChange } from '../reference-change.decorator';
import { Access } from '../../common/access/access';
import { CurrentPrincipal } from '../../common/access/current-principal.decorator';
import type { Principal } from '../../common/access/principal';
import {
  UpdateWornOutAgeRequestDto,
  UsageClassParams,
  WornOutAgeDto,
} from './dto/worn-out-age.dto';
import { WornOutAgesService } from './worn-out-ages.service';

/** Worn-out ages by usage class: read by everyone signed in, kept by administrators. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class WornOutAgesController {
  constructor(private readonly ages: WornOutAgesService) {}

  @Get('worn-out-ages')
  @Access.signedIn()
  @ApiRoute(
    {
      summary: 'Worn-out age of each usage class — سن فرسودگی هر گروه خودرو',
      description:
        'The age (years) at which a government vehicle of the class counts as worn out ' +
        '(docs/domain.md §5.3). The system flags, the reviewer decides: a younger vehicle can still qualify with an ' +
        'expert’s opinion.',
    },
    { ok: { type: [WornOutAgeDto] } },
  )
  list(): Promise<WornOutAgeDto[]> {
    return this.ages.list();
  }

  @Put('worn-out-ages/:usageClass')
  @ReferenceChange(
    { action: 'reference.worn-out-age.update', idParam: 'usageClass' },
    {
      summary: 'Set a usage class’s worn-out age — تعیین سن فرسودگی یک گروه خودرو',
      description:
        'years 1–60; `source` (where the figure comes from) stays as it was when left out.',
    },
    {
      ok: { type: WornOutAgeDto },
      badRequest: 'REQUEST.VALIDATION_FAILED; `details` names each field',
    },
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UsageClassParams,
    @Body() body: UpdateWornOutAgeRequestDto,
  ): Promise<WornOutAgeDto> {
    return this.ages.update(
      params.usageClass,
      { years: body.years, source: body.source },
      principal.userId,
    );
  }
}
