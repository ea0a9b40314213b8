import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  InboxSchema,
  NotificationIdParamsSchema,
  NotificationSchema,
  NotificationsQuerySchema,
} from '../domain/contract/notifications';
import { errors, json, notFound, security } from './openapi-parts';

/** Each user's inbox, in the OpenAPI document. */
export function registerNotificationPaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/notifications',
    summary: 'The caller’s inbox: warnings, supervision notices, escalations, tasks',
    tags: ['notifications'],
    security,
    request: { query: NotificationsQuerySchema },
    responses: { 200: json(InboxSchema, 'Newest first, with the unread count'), ...errors },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/notifications/{id}/read',
    summary: 'Mark a notification read',
    tags: ['notifications'],
    security,
    request: { params: NotificationIdParamsSchema },
    responses: { 200: json(NotificationSchema, 'The notification'), ...errors, ...notFound },
  });
}
