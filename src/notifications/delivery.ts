import type { Pool } from 'pg';
import { markDelivered, type NotificationRow, undelivered } from '../db/notifications';

/**
 * A way to reach people beyond the inbox (SMS, mail, a government messaging platform): it receives each
 * notification once it is committed with its event, and may throw to be asked again later.
 */
export interface DeliveryChannel {
  readonly name: string;
  deliver(notification: NotificationRow & { recipient: string }): Promise<void>;
}

/**
 * Sends what a channel has not sent yet, oldest first, marking each as it goes (at least once: a crash
 * between sending and marking sends that one again). Returns how many were sent.
 */
export async function deliverPending(pool: Pool, channel: DeliveryChannel, batch = 100): Promise<number> {
  const pending = (await undelivered(pool, channel.name, batch)) as Array<
    NotificationRow & { recipient: string }
  >;
  let sent = 0;
  for (const notification of pending) {
    await channel.deliver(notification);
    await markDelivered(pool, channel.name, notification.id);
    sent++;
  }
  return sent;
}
