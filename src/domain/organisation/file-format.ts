import { z } from 'zod';
import { ROLES } from '../../case/vocabulary';
import { LEVELS, UNIT_KINDS } from '../../db/organisation';

/**
 * The organisation file (docs/organisation.md): regions, units and users as a bureau's IT team writes them.
 * The JSON Schema in docs/organisation.schema.json is generated from this one (`petitionflow org schema`), and
 * a test keeps the two equal.
 */
export const ORGANISATION_FILE_VERSION = 1;

/** Ids appear in URLs, logs and other files: lower-case letters, digits and dashes. */
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be lower-case letters, digits and dashes (at most 100)')
  .describe('Stable id: lower-case letters, digits and dashes');
const name = z.string().trim().min(1).max(200);

export const RegionEntrySchema = z
  .strictObject({
    id,
    name,
    level: z.enum(LEVELS),
    parent: id.optional().describe('The region one level up; none for the nation or a top province'),
    ruleSet: z
      .string()
      .min(1)
      .optional()
      .describe('Provinces only, and required there: the rule set its petitions follow (e.g. national-2022)'),
  })
  .describe('A region: national, province, city, county or township / street (乡镇 / 街道)');

export const UnitEntrySchema = z
  .strictObject({
    id,
    name,
    kind: z.enum(UNIT_KINDS),
    region: id.describe('The region the unit serves; its level is the unit’s level'),
    parent: id
      .optional()
      .describe(
        'The unit one level above: for a department, its review body unless reviewBody says otherwise',
      ),
    reviewBody: id
      .optional()
      .describe(
        'The review body (复查机关) when it is not the parent: the government of the same region where the ' +
          'law allows it (e.g. 北京 Art 48), or a unit of a region above',
      ),
    active: z.boolean().optional().describe('false: kept for its cases, takes no new ones (default true)'),
  })
  .describe('A unit');

export const UserEntrySchema = z
  .strictObject({
    login: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$/, 'must be letters, digits and . _ @ - (at most 200)')
      .describe('The login, as the identity provider names the user'),
    name,
    unit: id,
    roles: z.array(z.enum(ROLES)).min(1),
    mobile: z
      .string()
      .regex(/^\+?[0-9]{5,20}$/, 'must be digits, optionally after a +')
      .optional()
      .describe('Mobile number for notices by SMS'),
    mail: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+$/, 'must be a mail address')
      .optional()
      .describe('Mail address for notices by mail'),
    active: z.boolean().optional().describe('false: cannot sign in (default true)'),
  })
  .describe('A member of staff');

export const OrganisationFileSchema = z
  .strictObject({
    version: z.literal(ORGANISATION_FILE_VERSION),
    regions: z.array(RegionEntrySchema),
    units: z.array(UnitEntrySchema),
    users: z.array(UserEntrySchema).default([]),
  })
  .describe('A petitionflow organisation: regions, units and users');

export type RegionEntry = z.infer<typeof RegionEntrySchema>;
export type UnitEntry = z.infer<typeof UnitEntrySchema>;
export type UserEntry = z.infer<typeof UserEntrySchema>;
export type OrganisationFile = z.infer<typeof OrganisationFileSchema>;

/** The JSON Schema of the file, as committed in docs/organisation.schema.json (`petitionflow org schema`). */
export function organisationJsonSchemaText(): string {
  const schema = {
    ...z.toJSONSchema(OrganisationFileSchema, { io: 'input' }),
    title: 'petitionflow organisation file',
  };
  return `${JSON.stringify(schema, null, 2)}
`;
}
