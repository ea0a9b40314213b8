import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { MeSchema } from '../domain/contract/me';
import { errors, json, security } from './openapi-parts';

/** GET /api/me in the OpenAPI document. */
export function registerMePaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user: name, unit and roles (the workbench’s header)',
    tags: ['organisation'],
    security,
    responses: { 200: json(MeSchema, 'The caller'), ...errors },
  });
}
