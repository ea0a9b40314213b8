import type { Pool } from 'pg';
import { inbox, markRead } from '../db/notifications';
import type { User } from '../db/organisation';
import type { NotificationsQuery } from './contract/notifications';
import { notFound } from './errors';

/** Each user's inbox of warnings, supervision notices, escalations and tasks (the outbox's rows for them). */
export class NotificationService {
  constructor(private readonly pool: Pool) {}

  list(user: User, query: NotificationsQuery) {
    return inbox(this.pool, user.login, {
      unreadOnly: query.unread,
      before: query.before,
      limit: query.pageSize,
    });
  }

  async read(user: User, id: string) {
    const notification = await markRead(this.pool, user.login, id);
    if (!notification) throw notFound(`Notification ${id}`);
    return notification;
  }
}
