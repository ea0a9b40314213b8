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
      .max(4000)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._@-]*(,[A-Za-z0-9][A-Za-z0-9._@-]*)*$/,
        'must be logins separated by commas',
      )
      .transform((list) => [...new Set(list.split(','))])
      .refine((list) => list.length <= 100, 'at most 100 logins')
      .openapi({ description: 'Logins separated by commas (at most 100)', example: 'registrar,handler' }),
  })
  .strict();

/** Who acted: the display name and unit of each login known (staff no longer active too); unknown ones left out. */
export const StaffNamesSchema = z
  .object({
    items: z.array(z.object({ login: z.string(), displayName: z.string(), unitName: z.string() })),
  })
  .openapi('StaffNames', {
    example: { items: [{ login: 'handler', displayName: '赵磊', unitName: '青山县住房和城乡建设局' }] },
  });
