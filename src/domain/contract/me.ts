import { ROLES } from '../../case/vocabulary';
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
