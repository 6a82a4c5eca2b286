import { CurrentUser, Principal } from '@app/auth';
import { EmptyBodyDto, IdParam, Operation } from '@app/http';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPageView, NotificationView } from './notification.view';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Operation({
    id: 'listNotifications',
    summary: "The caller's in-app reminders, newest first",
    description: '`?unread=true` for the unread ones only; `unreadCount` counts all of them, for the bell.',
  })
  @ApiOkResponse({ type: NotificationPageView })
  list(@CurrentUser() user: Principal, @Query() query: ListNotificationsQuery): Promise<NotificationPageView> {
    return this.notifications.list(user, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Operation({ id: 'markNotificationRead', summary: 'Mark one of the caller\'s notifications read' })
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentUser() user: Principal, @IdParam() id: string, @Body() _nothing: EmptyBodyDto): Promise<NotificationView> {
    return this.notifications.markRead(user, id);
  }
}
