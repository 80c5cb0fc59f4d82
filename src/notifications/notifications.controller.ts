import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import {
  ListNotificationsQueryDto,
  MarkedDto,
  NotificationDto,
  NotificationIdParams,
  NotificationListDto,
  NotificationPreferencesDto,
  UnreadCountDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in user's own inbox (the in-app channel) and which other channels they want. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access.signedIn()
  @ApiRoute(
    {
      summary: 'My notifications, newest first — اعلان‌های من',
      description: 'Each with how it reached me on each channel (queued, sent, failed and why).',
    },
    { ok: { type: NotificationListDto } },
  )
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationListDto> {
    return this.notifications.list(principal.userId, query);
  }

  @Get('unread-count')
  @Access.signedIn()
  @ApiRoute('How many are unread — تعداد اعلان‌های خوانده‌نشده', { ok: { type: UnreadCountDto } })
  async unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(principal.userId) };
  }

  @Post('read-all')
  @HttpCode(200)
  @Access.signedIn()
  @ApiRoute('Mark all read — علامت‌گذاری همه به‌عنوان خوانده‌شده', { ok: { type: MarkedDto } })
  async readAll(@CurrentPrincipal() principal: Principal): Promise<MarkedDto> {
    return { marked: await this.notifications.markAllRead(principal.userId) };
  }

  @Get('preferences')
  @Access.signedIn()
  @ApiRoute('My channels — کانال‌های دریافت اعلان', { ok: { type: NotificationPreferencesDto } })
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(principal.userId);
  }

  @Put('preferences')
  @Access.signedIn()
  @ApiRoute(
    {
      summary: 'Turn e-mail or SMS on or off — تنظیم کانال‌ها',
      description: 'The in-app inbox is always on; SMS goes only for urgent events even when on.',
    },
    { ok: { type: NotificationPreferencesDto } },
  )
  setPreferences(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.setPreferences(principal.userId, body);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access.signedIn()
  @ApiRoute('Mark one read — خوانده شد', {
    ok: { type: NotificationDto },
    notFound: 'NOTIFICATION.NOT_FOUND (also another user’s)',
  })
  markRead(
    @CurrentPrincipal() principal: Principal,
    @Param() params: NotificationIdParams,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(principal.userId, params.id);
  }
}
