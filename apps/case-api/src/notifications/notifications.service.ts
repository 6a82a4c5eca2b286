import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { NotificationEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { decodeCursor, Page, toPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationView, toNotificationView } from './notification.view';

/** Staff whose inbox the specialists' queue reminders reach (DOMAIN.md: the queue as a whole is reminded of a pickup). */
const QUEUE_ROLES = new Set(['specialist', 'reviewer']);

/** Each user's in-app reminders: only ever their own. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Newest first; the page also says how many are unread in all. */
  async list(user: Principal, query: ListNotificationsQuery): Promise<Page<NotificationView> & { unreadCount: number }> {
    await registerInbox(this.dataSource.manager, user);
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.recipient_id = :me', { me: user.id });
    if (query.unread === 'true') qb.andWhere('n.read_at IS NULL');
    const cursor = decodeCursor(query.cursor);
    if (cursor) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const [rows, [{ unread }]] = await Promise.all([
      qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(query.limit + 1).getMany(),
      this.dataSource.query(`SELECT count(*)::int AS unread FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [user.id]) as Promise<
        Array<{ unread: number }>
      >,
    ]);
    return { ...toPage(rows, query.limit, toNotificationView), unreadCount: unread };
  }

  /** Marks the caller's own notification read (again: it stays read when it was first read); anyone else's is 404. */
  async markRead(user: Principal, id: string): Promise<NotificationView> {
    const [[row]]: [Array<{ id: string }>] = await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_id = $2 RETURNING id`,
      [id, user.id, this.clock.now()],
    );
    if (!row) throw new DomainError('not_found', 'No such notification');
    return toNotificationView(await this.dataSource.manager.findOneByOrFail(NotificationEntity, { id }));
  }
}

/** Specialists (and reviewers) who look at their notifications or their queue hear of cases waiting in it. */
export async function registerInbox(manager: EntityManager, user: Principal): Promise<void> {
  if (!QUEUE_ROLES.has(user.role)) return;
  await manager.query(`INSERT INTO notification_inboxes (user_id, role) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET role = EXCLUDED.role WHERE notification_inboxes.role <> EXCLUDED.role`, [
    user.id,
    user.role,
  ]);
}
