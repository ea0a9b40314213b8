import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { MeSchema, UnitChoicesSchema, UnitsQuerySchema } from '../domain/contract/me';
import { errors, json, security } from './openapi-parts';

/** GET /api/me and GET /api/units (the workbench's header and unit choices) in the OpenAPI document. */
export function registerMePaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user: name, unit and roles (the workbench’s header)',
    tags: ['organisation'],
    security,
    responses: { 200: json(MeSchema, 'The caller'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/units',
    summary: 'The active units, highest level first: the choices of the forms that name a unit',
    tags: ['organisation'],
    security,
    request: { query: UnitsQuerySchema },
    responses: { 200: json(UnitChoicesSchema, 'The units'), ...errors },
  });
}
