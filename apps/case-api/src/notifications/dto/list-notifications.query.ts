import { EnumField, PageQueryDto } from '@app/http';

export class ListNotificationsQuery extends PageQueryDto {
  @EnumField(['true', 'false'], { optional: true, description: '`true`: unread ones only' })
  unread?: 'true' | 'false';
}
