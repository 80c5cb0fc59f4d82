import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Access } from '../common/access/access';
import { AppError } from '../common/errors/app-error';
import { AuditService } from './audit.service';
import { Audited } from './audited.decorator';
import { AuditQueryDto, AuditVerifyQueryDto } from './dto/audit-query.dto';
import {
  AuditPageDto,
  AuditVerificationDto,
  toAuditPageDto,
  toAuditVerificationDto,
} from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access.roles(['OPERATOR', 'ADMINISTRATOR'])
  @Audited({ action: 'audit.read', resource: 'audit' })
  @ApiRoute('Query the audit log, newest first — جستجوی گزارش ممیزی (جدیدترین در ابتدا)', {
    ok: { type: AuditPageDto },
    badRequest: 'A filter is invalid; `details` names each one',
  })
  @ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators and administrators only' })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) {
      throw rangeError('to', 'to must be later than from', 'زمان پایان باید پس از زمان آغاز باشد.');
    }
    return toAuditPageDto(await this.audit.query(query));
  }

  @Get('verify')
  @Access.roles(['OPERATOR', 'ADMINISTRATOR'])
  @Audited({ action: 'audit.verify', resource: 'audit' })
  @ApiRoute(
    'Verify the hash chain and name the first tampered row — بررسی زنجیره درهم‌سازی و یافتن نخستین ردیف دستکاری‌شده',
    { ok: { type: AuditVerificationDto }, badRequest: 'fromSeq or toSeq is invalid' },
  )
  @ApiUnauthorizedResponse({ description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ description: 'ACCESS.FORBIDDEN: operators and administrators only' })
  async verify(@Query() query: AuditVerifyQueryDto): Promise<AuditVerificationDto> {
    if (query.fromSeq !== undefined && query.toSeq !== undefined && query.fromSeq > query.toSeq) {
      throw rangeError(
        'toSeq',
        'toSeq must not be smaller than fromSeq',
        'toSeq نباید کوچک‌تر از fromSeq باشد.',
      );
    }
    return toAuditVerificationDto(await this.audit.verify(query));
  }
}

function rangeError(field: string, en: string, fa: string): AppError {
  return new AppError('REQUEST.VALIDATION_FAILED', [{ field, code: 'range', message: { fa, en } }]);
}
