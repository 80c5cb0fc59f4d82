import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { Audited } from '../audit/audited.decorator';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { OptionalHeader } from '../common/optional-header';
import { Access } from '../common/access/access';
import { PayloadsDto } from './dto/payloads.dto';
import { CodecService } from './codec.service';

const NAMESPACE_HEADER = {
  name: 'X-Namespace',
  required: false,
  description: 'Temporal namespace of the payloads (sent by the Web UI and CLI); must be ours',
};

/**
 * Temporal's remote codec server protocol (https://docs.temporal.io/codec-server), so the Web UI
 * and `temporal … --codec-endpoint <api>/codec` show decoded payloads. Operators only.
 */
@ApiTags('codec')
@ApiBearerAuth()
@ApiHeader(NAMESPACE_HEADER)
@ApiBadRequestResponse({
  description:
    'REQUEST.VALIDATION_FAILED (body or X-Namespace), or CODEC.INVALID_PAYLOAD (unknown key, tampered)',
})
@ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators only' })
@ApiServiceUnavailableResponse({ description: 'CODEC.NOT_CONFIGURED: no payload keys' })
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @Audited({ action: 'codec.decode', resource: 'codec' })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Access.roles(['OPERATOR'])
  @ApiRoute(
    {
      summary: 'Decrypt payloads for the Temporal Web UI and CLI — رمزگشایی محموله‌ها',
      description:
        'Encrypted payloads come back opened; payloads that are not encrypted come back unchanged.',
    },
    { ok: { type: PayloadsDto } },
  )
  async decode(
    @Body() body: PayloadsDto,
    @OptionalHeader('X-Namespace', 'the Temporal namespace the payloads belong to')
    namespace?: string,
  ): Promise<PayloadsDto> {
    return { payloads: await this.codec.decode(body.payloads, namespace) };
  }

  @Post('encode')
  @Audited({ action: 'codec.encode', resource: 'codec' })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Access.roles(['OPERATOR'])
  @ApiRoute('Encrypt payloads (input the Web UI or CLI sends to a workflow) — رمزنگاری محموله‌ها', {
    ok: { type: PayloadsDto },
  })
  async encode(
    @Body() body: PayloadsDto,
    @OptionalHeader('X-Namespace', 'the Temporal namespace the payloads belong to')
    namespace?: string,
  ): Promise<PayloadsDto> {
    return { payloads: await this.codec.encode(body.payloads, namespace) };
  }
}
