import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { CASE_READERS } from '../cases/case-readers';
import { CaseIdParams } from '../cases/dto/case.dto';
import {
  DocumentUploadInterceptor,
  FILE_FIELD,
  MAX_DOCUMENT_BYTES,
  type UploadedDocumentFile,
} from './document-upload.interceptor';
import { DocumentsService } from './documents.service';
import {
  CaseDocumentParams,
  CaseDocumentsDto,
  DocumentDto,
  UploadDocumentRequestDto,
} from './dto/document.dto';
import { attachmentDisposition } from './file-name';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('cases/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(201)
  @Access.roles(['CLERK'], 'only to the clerk’s own agency’s case (others: CASE.NOT_FOUND)')
  @Audited({ action: 'document.upload', resource: 'document', idFromResponse: 'id' })
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiOperation({
    summary: 'Upload a document for a checklist slot of the case — بارگذاری مدرک درخواست',
    description:
      `multipart/form-data with \`slot\` (a slot of the case’s request type, see ` +
      `GET /reference/request-types) and one \`${FILE_FIELD}\`: PDF, JPEG or PNG (checked by ` +
      `content; the name and declared type must agree), at most ${MAX_DOCUMENT_BYTES} bytes. ` +
      'Answered only once the document is stored durably. A later upload to the same slot ' +
      'supersedes the earlier one. Open while the case is registered, under review or awaiting ' +
      'corrections.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['slot', FILE_FIELD],
      properties: {
        slot: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,39}$', example: 'REQUEST_LETTER' },
        [FILE_FIELD]: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiBadRequestResponse({
    description:
      'REQUEST.VALIDATION_FAILED (`details` names the field), DOCUMENT.SLOT_UNKNOWN, DOCUMENT.EMPTY',
  })
  @ApiNotFoundResponse({ description: 'CASE.NOT_FOUND' })
  @ApiConflictResponse({ description: 'CASE.WRONG_STAGE' })
  @ApiPayloadTooLargeResponse({ description: 'DOCUMENT.TOO_LARGE' })
  @ApiUnsupportedMediaTypeResponse({ description: 'DOCUMENT.TYPE_NOT_ALLOWED' })
  upload(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
    @Body() body: UploadDocumentRequestDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ): Promise<DocumentDto> {
    return this.documents.upload(principal, params.id, body.slot, file);
  }

  @Get()
  @Access.roles(CASE_READERS, 'a clerk sees only their own agency’s cases (others: CASE.NOT_FOUND)')
  @Audited({ action: 'document.list', resource: 'case', idParam: 'id' })
  @ApiRoute(
    {
      summary: 'The case’s documents and its checklist — فهرست مدارک درخواست',
      description:
        'Newest first, superseded ones included; each checklist slot says whether a current document fills it.',
    },
    { ok: { type: CaseDocumentsDto }, notFound: 'CASE.NOT_FOUND' },
  )
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseIdParams,
  ): Promise<CaseDocumentsDto> {
    return this.documents.list(principal, params.id);
  }

  @Get(':documentId/content')
  @Access.roles(CASE_READERS, 'a clerk sees only their own agency’s cases (others: CASE.NOT_FOUND)')
  @Audited({ action: 'document.download', resource: 'document', idParam: 'documentId' })
  @ApiOperation({
    summary: 'Download a document’s content — دریافت فایل مدرک',
    description:
      'The stored bytes as an attachment, with the detected content type; `ETag`, `Digest` and ' +
      '`Repr-Digest` carry its SHA-256.',
  })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'CASE.NOT_FOUND, DOCUMENT.NOT_FOUND' })
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CaseDocumentParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { document, content } = await this.documents.content(
      principal,
      params.id,
      params.documentId,
    );
    const digest = Buffer.from(document.sha256, 'hex').toString('base64');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('Digest', `sha-256=${digest}`);
    res.setHeader('Repr-Digest', `sha-256=:${digest}:`);
    return new StreamableFile(content, {
      type: document.contentType,
      disposition: attachmentDisposition(document.fileName),
      length: content.length,
    });
  }
}
