import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { RequestTypeDto } from './dto/request-type.response.dto';
import { RequestTypesService } from './request-types.service';

/** Read-only reference data the forms need. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly requestTypes: RequestTypesService) {}

  @Get('request-types')
  @Access.signedIn()
  @ApiOperation({
    summary: 'Request types and the documents each needs — انواع درخواست و مدارک لازم برای هر یک',
  })
  @ApiOkResponse({ type: [RequestTypeDto] })
  requestTypesList(): RequestTypeDto[] {
    return this.requestTypes.list().map((type) => ({
      code: type.code,
      title: { ...type.title },
      checklist: type.checklist.map((slot) => ({
        code: slot.code,
        title: { ...slot.title },
        required: slot.required,
      })),
    }));
  }
}
