import type { Pool } from 'pg';
import { stringify } from 'yaml';
import { LEVELS } from '../../db/organisation';
import { type OrganisationRows, readOrganisation } from '../../db/organisation-store';
import { ORGANISATION_FILE_VERSION, type OrganisationFile } from './file-format';

/** The first line of an exported file: where its format is described. */
export const FORMAT_COMMENT =
  '# A petitionflow organisation: format in docs/organisation.md, JSON Schema from `petitionflow org schema`';

/**
 * `org export`: the stored organisation in the file format, inactive units and users included (`active:
 * false`), so that importing it again changes nothing. Regions top down, units by region, users by unit.
 */
export async function exportOrganisation(pool: Pool): Promise<string> {
  const file = fileOfRows(await readOrganisation(pool));
  return `${FORMAT_COMMENT}\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

export function fileOfRows(rows: OrganisationRows): OrganisationFile {
  const regions = topDown(rows.regions);
  const regionOrder = new Map(regions.map((r, i) => [r.id, i]));
  const stranded = rows.units.filter((u) => u.regionId === null || !regionOrder.has(u.regionId));
  if (stranded.length > 0) {
    throw new Error(
      `Units without a region cannot be exported (the file gives every unit one): ${stranded.map((u) => u.id).join(', ')}`,
    );
  }
  const units = [...rows.units].sort(
    (a, b) => regionOrder.get(a.regionId!)! - regionOrder.get(b.regionId!)! || a.id.localeCompare(b.id),
  );
  const unitOrder = new Map(units.map((u, i) => [u.id, i]));
  const users = [...rows.users].sort(
    (a, b) =>
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) || a.login.localeCompare(b.login),
  );
  return {
    version: ORGANISATION_FILE_VERSION,
    regions: regions.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      ...(r.parentId ? { parent: r.parentId } : {}),
      ...(r.ruleSetId ? { ruleSet: r.ruleSetId } : {}),
    })),
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      region: u.regionId!,
      ...(u.parentId ? { parent: u.parentId } : {}),
      ...(u.reviewUnitId ? { reviewBody: u.reviewUnitId } : {}),
      ...(u.active ? {} : { active: false }),
    })),
    users: users.map((u) => ({
      login: u.login,
      name: u.displayName,
      unit: u.unitId,
      roles: u.roles,
      ...(u.mobile ? { mobile: u.mobile } : {}),
      ...(u.email ? { mail: u.email } : {}),
      ...(u.active ? {} : { active: false }),
    })),
  };
}

/** Parents before children: by level, then by the order of the parent, then by id. */
function topDown<T extends { id: string; level: string; parentId: string | null }>(regions: T[]): T[] {
  const ordered: T[] = [];
  const children = new Map<string | null, T[]>();
  const ids = new Set(regions.map((r) => r.id));
  for (const region of regions) {
    const parent = region.parentId && ids.has(region.parentId) ? region.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), region]);
  }
  const level = (r: T) => LEVELS.indexOf(r.level as (typeof LEVELS)[number]);
  const visit = (parent: string | null) => {
    const below = (children.get(parent) ?? []).sort(
      (a, b) => level(a) - level(b) || a.id.localeCompare(b.id),
    );
    for (const region of below) {
      ordered.push(region);
      visit(region.id);
    }
  };
  visit(null);
  return ordered;
}
