import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { AuditedRoute } from '../audit/audited.decorator';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import {
  CancelNoticeRequestDto,
  NoticeDto,
  NoticeIdParams,
  PublishNoticeRequestDto,
} from './dto/notice.dto';
import { NoticesService } from './notices.service';

const DURING =
  'During a window every write answers 503 SERVICE.MAINTENANCE with Retry-After and the notice; ' +
  'reads, the public tracking look-up, signing in and out, password changes, the codec and these endpoints still work.';

/** Planned maintenance windows, announced ahead of time (docs/domain.md §4.3). */
@ApiTags('notices')
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Access.public()
  @ApiRoute(
    {
      summary: 'Maintenance windows under way or to come — اطلاعیه‌های نگهداری سامانه',
      description: `Public: no sign-in needed. Cancelled and past windows are not listed. ${DURING}`,
    },
    { ok: { type: [NoticeDto] } },
  )
  list(): Promise<NoticeDto[]> {
    return this.notices.current();
  }

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @AuditedRoute(
    Access.roles(['OPERATOR']),
    { action: 'notice.publish', resource: 'notice', idFromResponse: 'id' },
    {
      summary: 'Announce a maintenance window — اعلام بازه نگهداری',
      description:
        'The window must start at least MAINTENANCE_MIN_LEAD_MINUTES from now (unless it extends ' +
        'a window under way), end after it starts and last at most 7 days. Everyone is to be told ' +
        `(a notification intent is recorded with the notice). ${DURING}`,
    },
    {
      created: { type: NoticeDto },
      badRequest: 'A field is malformed, the lead time is too short …',
    },
  )
  publish(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PublishNoticeRequestDto,
  ): Promise<NoticeDto> {
    return this.notices.publish(body, principal.userId);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @AuditedRoute(
    Access.roles(['OPERATOR']),
    { action: 'notice.cancel', resource: 'notice', idParam: 'id' },
    {
      summary: 'Withdraw a window, or end one under way — لغو یا پایان زودهنگام بازه نگهداری',
      description: 'Writes are accepted again at once on this API process, on others within 5 s.',
    },
    {
      ok: { type: NoticeDto },
      notFound: 'NOTICE.NOT_FOUND',
      conflict: 'NOTICE.ALREADY_CANCELLED, NOTICE.ALREADY_ENDED',
    },
  )
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param() params: NoticeIdParams,
    @Body() body: CancelNoticeRequestDto,
  ): Promise<NoticeDto> {
    return this.notices.cancel(params.id, body.reason, principal.userId);
  }
}
