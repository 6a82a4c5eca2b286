import { NotificationEntity } from '@app/database';
import { DEADLINE_KINDS } from '@app/domain';
import { DateTimeProp, EnumProp, IntProp, ObjectProp, PageOf, StringProp, UuidProp } from '@app/http';
import { DeadlineView } from '../cases/case.view';

export class NotificationView {
  @UuidProp() id: string;
  @UuidProp() caseId: string;
  @EnumProp(DEADLINE_KINDS, { description: 'the kind of the deadline it reminds of' }) kind: string;
  @ObjectProp(() => DeadlineView, { description: 'the deadline as it was when the reminder went out' }) deadline: DeadlineView;
  @StringProp({ description: 'what is due, by when (UTC), and what happens otherwise' }) text: string;
  @StringProp({ description: 'the case in the console' }) link: string;
  @DateTimeProp() createdAt: string;
  @DateTimeProp({ nullable: true }) readAt: string | null;
}

export class NotificationPageView extends PageOf(() => NotificationView) {
  @IntProp({ minimum: 0, description: "how many of the caller's notifications are unread (all of them, not only this page's): the bell's count" })
  unreadCount: number;
}

export const toNotificationView = (n: NotificationEntity): NotificationView => ({
  id: n.id,
  caseId: n.caseId,
  kind: n.kind,
  deadline: { kind: n.kind, party: n.deadlineParty, dueAt: n.dueAt.toISOString() },
  text: n.text,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
