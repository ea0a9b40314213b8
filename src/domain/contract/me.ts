import { ROLES } from '../../case/vocabulary';
import { UNIT_PURPOSES } from '../../db/organisation';
import { z } from './zod';

/** Who the caller is, as the API knows them: what the workbench shows in its header and uses to choose pages. */
export const MeSchema = z
  .object({
    login: z.string(),
    displayName: z.string(),
    unit: z.object({ id: z.string(), name: z.string(), kind: z.string(), level: z.string() }),
    roles: z.array(z.enum(ROLES)),
  })
  .openapi('Me', {
    example: {
      login: 'handler',
      displayName: '李承办',
      unit: { id: 'qingshan-housing', name: '青山区住建局', kind: 'department', level: 'county' },
      roles: ['handler'],
    },
  });
export type Me = z.infer<typeof MeSchema>;

export const UnitsQuerySchema = z
  .object({
    purpose: z
      .enum(UNIT_PURPOSES)
      .optional()
      .openapi({
        description:
          'Only the units a command takes from the caller there: routing — the departments within the caller’s ' +
          'region and the regions below (route, reroute); jurisdiction — any unit there (a supervision ' +
          'instruction); transfer-out — the petition bureaus outside it (转出); verification — departments and ' +
          'governments (核查). Without: every active unit. A request body’s unit field names its list in `x-choices`.',
      }),
  })
  .strict();

/** The active units, as the forms offer them where a command names a unit (GET /api/units). */
export const UnitChoicesSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        level: z.string(),
        regionId: z.string().nullable(),
      }),
    ),
  })
  .openapi('UnitChoices', {
    example: {
      items: [
        {
          id: 'qingshan-housing',
          name: '青山县住房和城乡建设局',
          kind: 'department',
          level: 'county',
          regionId: 'qingshan',
        },
      ],
    },
  });

/** Up to 100 logins, comma-separated, as a case's timeline and work log name the people who acted. */
export const StaffQuerySchema = z
  .object({
    logins: z
      .string()
      // Short enough that even a refused value (up to 9 bytes a character, URL-encoded) stays within the 16 KB
      // of headers the server reads, and is answered 422 rather than 431.
      .max(1200)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._@-]*(,[A-Za-z0-9][A-Za-z0-9._@-]*)*$/,
        'must be logins separated by commas',
      )
      .transform((list) => [...new Set(list.split(','))])
      .refine((list) => list.length <= 100, 'at most 100 logins')
      .openapi({
        description: 'Logins separated by commas (at most 100 logins, 1 200 characters)',
        example: 'registrar,handler',
      }),
  })
  .strict();

/** Staff as a list names them: who acted (former staff too; unknown logins left out), or whom a command may name. */
export const StaffNamesSchema = z
  .object({
    items: z.array(z.object({ login: z.string(), displayName: z.string(), unitName: z.string() })),
  })
  .openapi('StaffNames', {
    example: { items: [{ login: 'handler', displayName: '赵磊', unitName: '青山县住房和城乡建设局' }] },
  });

export const CASE_STAFF_PURPOSES = ['case-owner-leader', 'case-owner-handler'] as const;
export type CaseStaffPurpose = (typeof CASE_STAFF_PURPOSES)[number];

export const CaseStaffQuerySchema = z
  .object({
    purpose: z.enum(CASE_STAFF_PURPOSES).openapi({
      description:
        'case-owner-leader: the active users who may open the case (a case-owning leader gets its notices); ' +
        'case-owner-handler: the active users of the handling unit (before routing, of the registering bureau)',
    }),
  })
  .strict();
