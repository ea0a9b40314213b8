import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  AdminListQuerySchema,
  AdminUnitIdParamsSchema,
  AdminUnitListSchema,
  AdminUnitSchema,
  AdminUnitUpdateSchema,
  AdminUserListSchema,
  AdminUserLoginParamsSchema,
  AdminUserSchema,
  AdminUserUpdateSchema,
  AuditListSchema,
  AuditQuerySchema,
} from '../domain/contract/admin';
import { ErrorSchema } from './errors';
import { bodyErrors, errors, idempotencyHeader, json, notFound, security } from './openapi-parts';

const SCOPE =
  'Admin only, within the admin’s region and the regions below; anything outside is not found (404). ' +
  'Checked as `petitionflow org import` checks a file (422 names each field); each change is audited.';
const outside = {
  403: json(ErrorSchema, 'Not an admin, or the unit / user would be placed outside your region'),
};
const conflict = { 409: json(ErrorSchema, 'The id (login) exists already') };

/** The admin API of units and users (docs/organisation.md), in the OpenAPI document. */
export function registerAdminPaths(registry: OpenAPIRegistry) {
  const kinds = [
    {
      plural: 'units',
      one: 'unit',
      key: 'id',
      params: AdminUnitIdParamsSchema,
      entry: AdminUnitSchema,
      update: AdminUnitUpdateSchema,
      list: AdminUnitListSchema,
    },
    {
      plural: 'users',
      one: 'user',
      key: 'login',
      params: AdminUserLoginParamsSchema,
      entry: AdminUserSchema,
      update: AdminUserUpdateSchema,
      list: AdminUserListSchema,
    },
  ];
  for (const k of kinds) {
    const base = `/api/admin/${k.plural}`;
    const item = `${base}/{${k.key}}`;
    const body = (schema: z.ZodType) => ({
      body: { required: true, content: { 'application/json': { schema } } },
    });
    const op = { tags: ['admin'], security, description: SCOPE };
    registry.registerPath({
      ...op,
      method: 'get',
      path: base,
      summary: `The ${k.plural} of the admin’s region`,
      request: { query: AdminListQuerySchema },
      responses: { 200: json(k.list, `The ${k.plural}, in the organisation file’s order`), ...errors },
    });
    registry.registerPath({
      ...op,
      method: 'post',
      path: base,
      summary: `Create a ${k.one}`,
      request: body(k.entry),
      parameters: [idempotencyHeader],
      responses: {
        201: json(k.entry, `The ${k.one} created`),
        ...errors,
        ...outside,
        ...conflict,
        ...bodyErrors,
      },
    });
    registry.registerPath({
      ...op,
      method: 'get',
      path: item,
      summary: `One ${k.one}`,
      request: { params: k.params },
      responses: { 200: json(k.entry, `The ${k.one}`), ...errors, ...notFound },
    });
    registry.registerPath({
      ...op,
      method: 'put',
      path: item,
      summary: `Update a ${k.one}: the entry written whole (a field left out takes its default)`,
      request: { params: k.params, ...body(k.update) },
      responses: {
        200: json(k.entry, `The ${k.one} as it is now`),
        ...errors,
        ...outside,
        ...notFound,
        ...bodyErrors,
      },
    });
    registry.registerPath({
      ...op,
      method: 'post',
      path: `${item}/deactivate`,
      summary:
        k.one === 'unit'
          ? 'Deactivate a unit: it keeps its cases, takes no new ones, its users cannot sign in'
          : 'Deactivate a user: the next request with their token answers 401',
      request: { params: k.params },
      parameters: [idempotencyHeader],
      responses: { 200: json(k.entry, `The ${k.one}, deactivated`), ...errors, ...notFound },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/admin/audit',
    summary: 'The audit of the admin API’s changes to the units and users of the admin’s region',
    description:
      'Admin only. Who, when, which request, the action, and the row before (null: created) and after.',
    tags: ['admin'],
    security,
    request: { query: AuditQuerySchema },
    responses: { 200: json(AuditListSchema, 'Newest first, with the next page’s cursor'), ...errors },
  });
}
