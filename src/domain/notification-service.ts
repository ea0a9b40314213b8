import type { Pool } from 'pg';
import { listDeliveries } from '../db/notice-deliveries';
import { inbox, markRead } from '../db/notifications';
import type { User } from '../db/organisation';
import { requireRole } from './access';
import type { DeliveriesQuery, NotificationsQuery } from './contract/notifications';
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

  /**
   * How the notices to the staff of the caller's region (and the regions below) went out by mail and SMS: for
   * admins and the bureau's supervisors, who see the failures and fix an address or the gateway.
   */
  async deliveries(user: User, query: DeliveriesQuery) {
    requireRole(user, ['admin', 'supervisor'], 'list the deliveries of notices');
    const [noticeId, channel] = query.before?.split(':') ?? [];
    const items = await listDeliveries(this.pool, {
      scope: user.unit.regionId ? { regionId: user.unit.regionId } : { unitId: user.unitId },
      status: query.status,
      channel: query.channel,
      before: noticeId ? { noticeId, channel } : undefined,
      limit: query.pageSize,
    });
    const last = items.length === query.pageSize ? items[items.length - 1] : undefined;
    return { items, next: last ? `${last.noticeId}:${last.channel}` : null };
  }
}
