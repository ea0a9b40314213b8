import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  CaseStaffQuerySchema,
  MeSchema,
  StaffNamesSchema,
  StaffQuerySchema,
  UnitChoicesSchema,
  UnitsQuerySchema,
} from '../domain/contract/me';
import { PetitionIdParamsSchema } from '../domain/contract/petitions';
import { errors, json, notFound, security } from './openapi-parts';

/** GET /api/me, /api/units and /api/staff (the workbench's header, unit choices, names) in the OpenAPI document. */
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
  registry.registerPath({
    method: 'get',
    path: '/api/staff',
    summary: 'The names and units of staff by login: who acted, as a case’s timeline and work log name them',
    tags: ['organisation'],
    security,
    request: { query: StaffQuerySchema },
    responses: { 200: json(StaffNamesSchema, 'The staff known among the logins'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/petitions/{id}/staff',
    summary: 'The people a command on the case may name: the case-owning leader, the handler (包案)',
    tags: ['organisation'],
    security,
    request: { params: PetitionIdParamsSchema, query: CaseStaffQuerySchema },
    responses: { 200: json(StaffNamesSchema, 'The people, by unit and name'), ...errors, ...notFound },
  });
}
