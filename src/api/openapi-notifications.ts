import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  DeliveriesQuerySchema,
  DeliveryListSchema,
  InboxSchema,
  NotificationIdParamsSchema,
  NotificationSchema,
  NotificationsQuerySchema,
} from '../domain/contract/notifications';
import { errors, json, notFound, security } from './openapi-parts';

/** Each user's inbox, and the deliveries of notices for admins, in the OpenAPI document. */
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
  registry.registerPath({
    method: 'get',
    path: '/api/notifications/deliveries',
    summary: 'How notices went out by mail and SMS (admin, supervisor): failed, waiting, delivered, skipped',
    description:
      'The deliveries to the staff of the caller’s region and the regions below, newest notice first. ' +
      '`status=failed` lists the notices that gave up after the last attempt (NOTICE_DELIVERY_MAX_ATTEMPTS).',
    tags: ['notifications'],
    security,
    request: { query: DeliveriesQuerySchema },
    responses: {
      200: json(DeliveryListSchema, 'Newest notice first, with the next page’s cursor'),
      ...errors,
    },
  });
}
