import { UnitEntrySchema, UserEntrySchema } from '../organisation/file-format';
import { flag, pageSize } from './fields';
import { z } from './zod';

/**
 * The admin API's units and users: the organisation file's entries (docs/organisation.md), so that what an
 * admin sends is checked exactly as an import checks a file.
 */
// Rebuilt from the entries' shapes: the file's schemas are made before zod has its OpenAPI extension.
const unitExample = {
  id: 'qingshan-water',
  name: '青山县水利局',
  kind: 'department' as const,
  region: 'qingshan',
  parent: 'qingshan-government',
};
const userExample = {
  login: 'water-handler',
  name: 'Handler, Qingshan water bureau',
  unit: 'qingshan-water',
  roles: ['handler' as const],
  mail: 'water-handler@example.org',
};
export const AdminUnitSchema = z
  .strictObject(UnitEntrySchema.shape)
  .openapi('AdminUnit', { example: unitExample });
export const AdminUserSchema = z
  .strictObject(UserEntrySchema.shape)
  .openapi('AdminUser', { example: userExample });

/** An update names the unit (user) by its path: the body is the rest of the entry, written whole. */
export const AdminUnitUpdateSchema = AdminUnitSchema.omit({ id: true }).openapi('AdminUnitUpdate', {
  example: { ...unitExample, id: undefined, name: '青山县水务局' },
});
export const AdminUserUpdateSchema = AdminUserSchema.omit({ login: true }).openapi('AdminUserUpdate', {
  example: { ...userExample, login: undefined, roles: ['handler', 'unit-head'] },
});

export const AdminUnitListSchema = z.object({ items: z.array(AdminUnitSchema) }).openapi('AdminUnitList');
export const AdminUserListSchema = z.object({ items: z.array(AdminUserSchema) }).openapi('AdminUserList');

/** Any string: an id the caller may not see, or that does not exist, is not found (404), not malformed. */
export const AdminUnitIdParamsSchema = z.object({
  id: z.string().min(1).max(200).openapi({ example: 'qingshan-housing' }),
});
export const AdminUserLoginParamsSchema = z.object({
  login: z.string().min(1).max(200).openapi({ example: 'handler' }),
});

export const AdminListQuerySchema = z
  .object({
    active: flag
      .optional()
      .openapi({ description: 'Only active (true) or deactivated (false) entries; default both' }),
  })
  .strict();

export type AdminListQuery = z.infer<typeof AdminListQuerySchema>;

export const AuditQuerySchema = z
  .object({
    entity: z.enum(['unit', 'user']).optional(),
    entityId: z.string().min(1).max(200).optional().openapi({ description: 'A unit’s id or a user’s login' }),
    before: z
      .string()
      .regex(/^\d{1,18}$/, 'must be an audit row id')
      .optional()
      .openapi({ description: 'Keyset: ids below this one (the `next` of the previous page)' }),
    pageSize: pageSize(200, 50),
  })
  .strict();

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    login: z.string().openapi({ description: 'The admin who made the change' }),
    requestId: z.string(),
    entity: z.enum(['unit', 'user']),
    entityId: z.string(),
    action: z.enum(['create', 'update', 'deactivate']),
    before: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'Null for a creation' }),
    after: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

export const AuditListSchema = z
  .object({ items: z.array(AuditEntrySchema), next: z.string().nullable() })
  .openapi('AuditList');

export type AuditQuery = z.infer<typeof AuditQuerySchema>;
