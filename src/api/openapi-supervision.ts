import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { TRANSITIONS } from '../case';
import { COMMAND_BODIES } from '../domain/contract/commands';
import { PetitionDetailSchema } from '../domain/contract/petitions';
import {
  SupervisionItemIdParamsSchema,
  SupervisionListSchema,
  SupervisionQuerySchema,
} from '../domain/contract/supervision';
import { commandPaths, formerPath } from './command-routes';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, idempotencyHeader, json, notFound, security } from './openapi-parts';

/** The supervision queue (督办 / 联席办 / 挂牌督办) and the acts on its items, in the OpenAPI document. */
export function registerSupervisionPaths(registry: OpenAPIRegistry) {
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
      parameters: [idempotencyHeader],
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
}
