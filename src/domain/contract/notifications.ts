import { flag, pageSize } from './fields';
import { z } from './zod';

/** Each user's inbox: its query and its notifications. */

export const NotificationIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a notification id')
    .openapi({ example: '1' }),
});

export const NotificationsQuerySchema = z
  .object({
    unread: flag.default(false),
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .openapi({ description: 'Keyset: ids below this one' }),
    pageSize: pageSize(100, 50),
  })
  .strict();

export const NotificationSchema = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    sequence: z.number(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

export const InboxSchema = z
  .object({ items: z.array(NotificationSchema), unread: z.number() })
  .openapi('Inbox');

export type NotificationsQuery = z.infer<typeof NotificationsQuerySchema>;

/** The deliveries of notices by mail and SMS, for the admins: which failed, which wait, which went out. */
export const DeliveriesQuerySchema = z
  .object({
    status: z
      .enum(['pending', 'delivered', 'failed', 'skipped'])
      .optional()
      .openapi({ description: 'Only this status (`failed`: given up after the last attempt)' }),
    channel: z.enum(['mail', 'sms']).optional(),
    before: z
      .string()
      .regex(/^\d{1,18}(:(mail|sms))?$/, 'must be a notice id, or the `next` of the previous page')
      .optional()
      .openapi({ description: 'Keyset: the `next` of the previous page' }),
    pageSize: pageSize(200, 50),
  })
  .strict();

export const DeliverySchema = z
  .object({
    noticeId: z.string(),
    channel: z.enum(['mail', 'sms']),
    status: z.enum(['pending', 'delivered', 'failed', 'skipped']),
    attempts: z.number(),
    lastError: z
      .string()
      .nullable()
      .openapi({ description: 'Why the last attempt failed, or why it was skipped' }),
    nextAttemptAt: z.string().nullable().openapi({ description: 'When a pending delivery is tried next' }),
    deliveredAt: z.string().nullable(),
    updatedAt: z.string(),
    recipient: z.string().openapi({ description: 'The login of the member of staff it is for' }),
    unitId: z.string(),
    petitionId: z.string(),
    kind: z.string(),
  })
  .openapi('NoticeDelivery');

export const DeliveryListSchema = z
  .object({
    items: z.array(DeliverySchema),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `before` for the next page; null at the end' }),
  })
  .openapi('NoticeDeliveries');

export type DeliveriesQuery = z.infer<typeof DeliveriesQuerySchema>;
