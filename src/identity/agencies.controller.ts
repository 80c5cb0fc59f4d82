import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Access } from '../common/access/access';
import { AgenciesService } from './agencies.service';
import {
  AgencyDto,
  AgencyIdParams,
  CreateAgencyRequestDto,
  UpdateAgencyRequestDto,
} from './dto/agency.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Access.signedIn()
  @ApiRoute('Agencies (reference data) — دستگاه‌های اجرایی', { ok: { type: [AgencyDto] } })
  list(): Promise<AgencyDto[]> {
    return this.agencies.list();
  }

  @Get(':id')
  @Access.signedIn()
  @ApiRoute('One agency', { ok: { type: AgencyDto }, notFound: 'AGENCY.NOT_FOUND' })
  get(@Param() params: AgencyIdParams): Promise<AgencyDto> {
    return this.agencies.get(params.id);
  }

  @Post()
  @HttpCode(201)
  @Access.roles(['ADMINISTRATOR'])
  @Audited({ action: 'agency.create', resource: 'agency', idFromResponse: 'id' })
  @ApiRoute('Register an agency', {
    created: { type: AgencyDto },
    conflict: 'AGENCY.NATIONAL_ID_TAKEN',
  })
  create(@Body() body: CreateAgencyRequestDto): Promise<AgencyDto> {
    return this.agencies.create(body);
  }

  @Patch(':id')
  @Access.roles(['ADMINISTRATOR'])
  @Audited({ action: 'agency.update', resource: 'agency', idParam: 'id' })
  @ApiRoute('Change an agency', { ok: { type: AgencyDto } })
  update(
    @Param() params: AgencyIdParams,
    @Body() body: UpdateAgencyRequestDto,
  ): Promise<AgencyDto> {
    return this.agencies.update(params.id, body);
  }
}
