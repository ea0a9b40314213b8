import type { OrganisationRows, RegionRow, UnitRow, UserRow } from '../../db/organisation-store';
import type { OrganisationFile } from './file-format';

/** One field that differs: what is stored, what the file says. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RowChange<T> {
  id: string;
  row: T;
  fields: FieldChange[];
}

export interface TableChanges<T> {
  added: T[];
  changed: Array<RowChange<T>>;
  /** Stored, active, and no longer in the file: kept for their cases and history, but inactive. */
  deactivated: T[];
}

/**
 * What an import does: per table, the rows it adds, changes and deactivates. Regions the file omits are left as
 * they are (`keptRegions`): units, cases and reports may still name them, and they take no cases themselves.
 */
export interface OrganisationPlan {
  regions: TableChanges<RegionRow>;
  units: TableChanges<UnitRow>;
  users: TableChanges<UserRow>;
  keptRegions: string[];
}

/** The rows a valid file stands for; a unit's level is its region's. */
export function rowsOfFile(file: OrganisationFile): OrganisationRows {
  const levelOf = new Map(file.regions.map((r) => [r.id, r.level]));
  return {
    regions: file.regions.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      parentId: r.parent ?? null,
      ruleSetId: r.ruleSet ?? null,
    })),
    units: file.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      level: levelOf.get(u.region)!,
      regionId: u.region,
      parentId: u.parent ?? null,
      reviewUnitId: u.reviewBody ?? null,
      active: u.active ?? true,
    })),
    users: file.users.map((u) => ({
      login: u.login,
      displayName: u.name,
      unitId: u.unit,
      roles: u.roles,
      mobile: u.mobile ?? null,
      email: u.mail ?? null,
      active: u.active ?? true,
    })),
  };
}

const REGION_FIELDS = ['name', 'level', 'parentId', 'ruleSetId'] as const;
const UNIT_FIELDS = ['name', 'kind', 'level', 'regionId', 'parentId', 'reviewUnitId', 'active'] as const;
const USER_FIELDS = ['displayName', 'unitId', 'roles', 'mobile', 'email', 'active'] as const;

/** Compares the stored organisation with the file's: the plan is empty when they agree. */
export function planImport(stored: OrganisationRows, wanted: OrganisationRows): OrganisationPlan {
  const regions = compare(stored.regions, wanted.regions, (r) => r.id, REGION_FIELDS, null);
  return {
    regions: { ...regions, deactivated: [] },
    units: compare(
      stored.units,
      wanted.units,
      (u) => u.id,
      UNIT_FIELDS,
      (u) => ({ ...u, active: false }),
    ),
    users: compare(
      stored.users,
      wanted.users,
      (u) => u.login,
      USER_FIELDS,
      (u) => ({ ...u, active: false }),
    ),
    keptRegions: regions.deactivated.map((r) => r.id),
  };
}

function compare<T extends object>(
  stored: T[],
  wanted: T[],
  key: (row: T) => string,
  fields: ReadonlyArray<keyof T & string>,
  deactivate: ((row: T) => T) | null,
): TableChanges<T> {
  const before = new Map(stored.map((row) => [key(row), row]));
  const listed = new Set(wanted.map(key));
  const added: T[] = [];
  const changed: Array<RowChange<T>> = [];
  for (const row of wanted) {
    const old = before.get(key(row));
    if (!old) {
      added.push(row);
      continue;
    }
    const diff = fields
      .filter((field) => !sameValue(old[field], row[field]))
      .map((field) => ({ field, before: old[field], after: row[field] }));
    if (diff.length > 0) changed.push({ id: key(row), row, fields: diff });
  }
  const missing = stored.filter((row) => !listed.has(key(row)));
  // Without a way to deactivate (regions), the omitted rows are reported and left alone.
  const deactivated = deactivate
    ? missing.filter((row) => (row as { active?: boolean }).active !== false).map(deactivate)
    : missing;
  return { added, changed, deactivated };
}

/** Roles are a set: their order in the file is no change. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  }
  return (a ?? null) === (b ?? null);
}

/** The rows to write: every added, changed and deactivated one. */
export function rowsToWrite(plan: OrganisationPlan): OrganisationRows {
  const of = <T>(t: TableChanges<T>) => [...t.added, ...t.changed.map((c) => c.row), ...t.deactivated];
  return { regions: of(plan.regions), units: of(plan.units), users: of(plan.users) };
}

export function planIsEmpty(plan: OrganisationPlan): boolean {
  const write = rowsToWrite(plan);
  return write.regions.length + write.units.length + write.users.length === 0;
}

/** Stored fields by the names the file gives them, so that the printed plan reads like the file. */
const FILE_NAMES: Record<string, string> = {
  displayName: 'name',
  unitId: 'unit',
  email: 'mail',
  regionId: 'region',
  parentId: 'parent',
  reviewUnitId: 'reviewBody',
  ruleSetId: 'ruleSet',
};

/** The plan as the command line prints it: one line per row, changed fields as before → after. */
export function describePlan(plan: OrganisationPlan): string[] {
  const lines: string[] = [];
  const table = <T>(what: string, changes: TableChanges<T>, key: (row: T) => string, verb = 'deactivate') => {
    for (const row of changes.added) lines.push(`+ ${what} ${key(row)}`);
    for (const change of changes.changed) {
      const fields = change.fields.map(
        (f) => `${FILE_NAMES[f.field] ?? f.field} ${show(f.before)} → ${show(f.after)}`,
      );
      lines.push(`~ ${what} ${change.id}: ${fields.join(', ')}`);
    }
    for (const row of changes.deactivated) lines.push(`- ${what} ${key(row)} (${verb})`);
  };
  table('region', plan.regions, (r) => r.id);
  table('unit', plan.units, (u) => u.id);
  table('user', plan.users, (u) => u.login);
  for (const id of plan.keptRegions)
    lines.push(`= region ${id} (not in the file: kept, regions are never removed)`);
  return lines;
}

/** `region 3 added, 1 changed; unit …` — the closing line of an import. */
export function summarisePlan(plan: OrganisationPlan): string {
  const part = <T>(what: string, t: TableChanges<T>) =>
    `${what}: ${t.added.length} added, ${t.changed.length} changed, ${t.deactivated.length} deactivated`;
  return [part('regions', plan.regions), part('units', plan.units), part('users', plan.users)].join('; ');
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}
