import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { TRANSITIONS } from '../case';
import { COMMAND_BODIES } from '../domain/contract/commands';
import {
  InboxSchema,
  NotificationIdParamsSchema,
  NotificationSchema,
  NotificationsQuerySchema,
} from '../domain/contract/notifications';
import { PetitionDetailSchema } from '../domain/contract/petitions';
import { PublicEvaluationSchema, PublicLookupSchema, PublishedCaseSchema } from '../domain/contract/public';
import {
  SupervisionItemIdParamsSchema,
  SupervisionListSchema,
  SupervisionQuerySchema,
} from '../domain/contract/supervision';
import { ErrorSchema } from './errors';
import { commandPaths, formerPath } from './command-routes';

interface Shared {
  json: (schema: z.ZodType, description: string) => object;
  errors: Record<number, object>;
  bodyErrors: Record<number, object>;
  idempotencyHeader: object;
  security: Array<Record<string, string[]>>;
}

/** The supervision queue, the inbox and the petitioner's endpoint, in the OpenAPI document. */
export function registerLadderPaths(
  registry: OpenAPIRegistry,
  { json, errors, bodyErrors, idempotencyHeader, security }: Shared,
) {
  const notFound = { 404: json(ErrorSchema, 'Not found, or not visible to the caller') };
  registry.registerPath({
    method: 'get',
    path: '/api/supervision',
    summary:
      'The supervision queue (督办 / 联席办 / 挂牌督办): the bureau and the office see what they oversee, a unit its own',
    tags: ['supervision'],
    security,
    request: { query: SupervisionQuerySchema },
    responses: { 200: json(SupervisionListSchema, 'One page of items'), ...errors },
  });
  for (const { type, path, replacedBy } of commandPaths('supervision-item')) {
    registry.registerPath({
      method: 'post',
      path: `/api/supervision/{itemId}/${path}`,
      summary: TRANSITIONS[type].summary,
      ...(replacedBy ? formerPath(`/api/supervision/{itemId}/${replacedBy}`) : {}),
      tags: ['supervision'],
      security,
      parameters: [idempotencyHeader as never],
      request: {
        params: SupervisionItemIdParamsSchema,
        body: { required: true, content: { 'application/json': { schema: COMMAND_BODIES[type] } } },
      },
      responses: {
        200: json(PetitionDetailSchema, 'The petition after the act'),
        ...errors,
        ...bodyErrors,
        ...notFound,
        409: json(ErrorSchema, 'Not allowed at the item’s rung'),
      },
    });
  }
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
  const publicErrors = {
    400: errors[400]!,
    ...bodyErrors,
    404: json(ErrorSchema, 'No petition with this number and query code (the same answer for both)'),
    422: json(ErrorSchema, 'Invalid input, or the evaluation window has passed'),
    429: json(ErrorSchema, 'Too many requests from this address'),
    503: errors[503]!,
  };
  registry.registerPath({
    method: 'post',
    path: '/api/public/lookup',
    summary: 'The petitioner looks a case up: its published dates (petition-rules §7)',
    tags: ['public'],
    request: { body: { required: true, content: { 'application/json': { schema: PublicLookupSchema } } } },
    responses: { 200: json(PublishedCaseSchema, 'The published dates'), ...publicErrors },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/public/evaluations',
    summary: 'The petitioner evaluates the acceptance notice or a reply within 15 d (满意度评价)',
    tags: ['public'],
    request: {
      body: { required: true, content: { 'application/json': { schema: PublicEvaluationSchema } } },
    },
    responses: {
      200: json(PublishedCaseSchema, 'The case with the evaluation recorded'),
      ...publicErrors,
      409: json(ErrorSchema, 'Evaluated already, or nothing to evaluate yet'),
    },
  });
}
