import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route';
import { ReferenceChange } from '../reference-change.decorator';
import { Access } from '../../common/access/access';
import { CurrentPrincipal } from '../../common/access/current-principal.decorator';
import type { Principal } from '../../common/access/principal';
import {
  AddChecklistSlotRequestDto,
  ChecklistSlotParams,
  RequestTypeDto,
  RequestTypeParams,
  UpdateChecklistSlotRequestDto,
} from './dto/request-type.dto';
import type { RequestTypeDefinition } from './request-types.data';
import { RequestTypesService } from './request-types.service';

const PINNED =
  'A change counts for cases registered after it; a case already filed keeps the checklist it ' +
  'was filed under (GET /cases/{id}/documents shows it).';

function toDto(type: RequestTypeDefinition): RequestTypeDto {
  return {
    code: type.code,
    title: { ...type.title },
    checklist: type.checklist.map((slot) => ({
      code: slot.code,
      title: { ...slot.title },
      required: slot.required,
    })),
  };
}

/**
 * Request types and their document checklists: read by everyone signed in, kept by administrators.
 * (The class keeps its name: the OpenAPI operation ids, and so the web client, are ReferenceController_….)
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly requestTypes: RequestTypesService) {}

  @Get('request-types')
  @Access.signedIn()
  @ApiRoute(
    {
      summary: 'Request types and the documents each needs — انواع درخواست و مدارک لازم برای هر یک',
      description: `The checklists in force for a request filed now. ${PINNED}`,
    },
    { ok: { type: [RequestTypeDto] } },
  )
  async requestTypesList(): Promise<RequestTypeDto[]> {
    return (await this.requestTypes.list()).map(toDto);
  }

  @Post('request-types/:type/checklist')
  @HttpCode(201)
  @ReferenceChange(
    { action: 'reference.checklist.add', idParam: 'type' },
    {
      summary: 'Add a document to a request type’s checklist — افزودن مدرک به فهرست مدارک',
      description: `Answers the request type with its new checklist. ${PINNED}`,
    },
    {
      created: { type: RequestTypeDto },
      badRequest: 'A field is missing or malformed',
      conflict: 'REFERENCE.SLOT_EXISTS (codes are never reused)',
    },
  )
  async addSlot(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RequestTypeParams,
    @Body() body: AddChecklistSlotRequestDto,
  ): Promise<RequestTypeDto> {
    return toDto(await this.requestTypes.addSlot(params.type, body, principal.userId));
  }

  @Patch('request-types/:type/checklist/:code')
  @ReferenceChange(
    { action: 'reference.checklist.update', idParam: 'code' },
    {
      summary: 'Reword or reorder a checklist document — ویرایش عنوان یا ترتیب مدرک',
      description:
        'Titles and order change everywhere (wording, not substance). Whether a document is ' +
        'required is not changed in place: retire it and add one with a new code, so cases ' +
        'already filed keep what they were asked for.',
    },
    {
      ok: { type: RequestTypeDto },
      notFound: 'REFERENCE.SLOT_NOT_FOUND',
      conflict: 'REFERENCE.SLOT_RETIRED',
    },
  )
  async updateSlot(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ChecklistSlotParams,
    @Body() body: UpdateChecklistSlotRequestDto,
  ): Promise<RequestTypeDto> {
    return toDto(
      await this.requestTypes.updateSlot(params.type, params.code, body, principal.userId),
    );
  }

  @Delete('request-types/:type/checklist/:code')
  @ReferenceChange(
    { action: 'reference.checklist.retire', idParam: 'code' },
    {
      summary: 'Retire a document from a checklist — کنار گذاشتن مدرک از فهرست',
      description:
        `Requests filed from now on no longer need it; the slot stays for cases filed earlier and ` +
        `for their documents. The last required document of a type cannot be retired. ${PINNED}`,
    },
    {
      ok: { type: RequestTypeDto },
      notFound: 'REFERENCE.SLOT_NOT_FOUND',
      conflict: 'REFERENCE.SLOT_RETIRED, REFERENCE.CHECKLIST_WOULD_BE_EMPTY',
    },
  )
  async retireSlot(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ChecklistSlotParams,
  ): Promise<RequestTypeDto> {
    return toDto(await this.requestTypes.retireSlot(params.type, params.code, principal.userId));
  }
}
