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
