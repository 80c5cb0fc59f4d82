import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { CaseIdParams, CaseResponseDto, RegisteredCaseResponseDto } from './dto/case.response.dto';
import { RegisterCaseRequestDto } from './dto/register-case.request.dto';
import { CasesService } from './cases.service';

/** Who reads case files: the agency's own clerks and the directorate staff whose work needs them. */
export const CASE_READERS = ['CLERK', 'REVIEWER', 'SECRETARY', 'OPERATOR'] as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @Access.roles(['CLERK'], 'the case is filed for the clerk’s own agency')
  @Audited({ action: 'case.register', resource: 'case', idFromResponse: 'id' })
  @ApiOperation({ summary: 'Register a request (starts its case workflow) — ثبت درخواست' })
  @ApiCreatedResponse({ type: RegisteredCaseResponseDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `details` names each one' })
  register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterCaseRequestDto,
  ): Promise<RegisteredCaseResponseDto> {
    return this.cases.register(principal, body);
  }

  @Get(':id')
  @Access.roles(CASE_READERS, 'a clerk sees only their own agency’s cases (others: CASE.NOT_FOUND)')
  @Audited({ action: 'case.read', resource: 'case', idParam: 'id' })
  @ApiOperation({ summary: 'A case: its stored record and the workflow’s live state' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({ description: 'CASE.NOT_FOUND' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
  ): Promise<CaseResponseDto> {
    return this.cases.get(principal, params.id);
  }
}
