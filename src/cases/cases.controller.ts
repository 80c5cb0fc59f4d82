import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CaseIdParams, CaseResponseDto, RegisteredCaseResponseDto } from './dto/case.response.dto';
import { RegisterCaseRequestDto } from './dto/register-case.request.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a request (starts its case workflow) — ثبت درخواست' })
  @ApiCreatedResponse({ type: RegisteredCaseResponseDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; `details` names each one' })
  register(@Body() body: RegisterCaseRequestDto): Promise<RegisteredCaseResponseDto> {
    return this.cases.register(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case: its stored record and the workflow’s live state' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({ description: 'CASE.NOT_FOUND' })
  get(@Param() params: CaseIdParams): Promise<CaseResponseDto> {
    return this.cases.get(params.id);
  }
}
