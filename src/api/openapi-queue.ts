import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { QueueQuerySchema, QueueSchema } from '../domain/contract/queue';
import { ErrorSchema } from './errors';
import { errors, json, security } from './openapi-parts';

/** The staff queue (待办) in the OpenAPI document. */
export function registerQueuePaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/queue',
    summary:
      'The staff queue (待办): what the caller’s unit (or the caller as 包案 leader) must act on next, overdue ' +
      'first, then by due date; or the supervision items (督办) the caller oversees; with the totals per kind',
    tags: ['petitions'],
    security,
    request: { query: QueueQuerySchema },
    responses: {
      200: json(QueueSchema, 'One page of the queue, and the caller’s totals per kind'),
      ...errors,
      403: json(
        ErrorSchema,
        '`queue_forbidden`: the supervision queue, asked for by a caller who is neither a petition bureau’s ' +
          'supervisor nor the joint-conference office',
      ),
    },
  });
}
