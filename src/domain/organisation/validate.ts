import { LEVELS, type UnitLevel } from '../../db/organisation';
import type { OrganisationFile, RegionEntry, UnitEntry } from './file-format';

/** A problem at a place in the file: the path to the entry or field (['units', 3, 'parent']). */
export interface FileIssue {
  path: Array<string | number>;
  message: string;
  /** Where the entry this one repeats stands. */
  firstPath?: Array<string | number>;
}

/** The levels a region's parent may have (a county directly under a province: 省直管县). */
const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  national: [],
  province: ['national'],
  city: ['province'],
  county: ['city', 'province'],
  township: ['county'],
};
/** Regions that may stand without a parent: the nation, and a province when the file starts there. */
const TOP_LEVELS: readonly UnitLevel[] = ['national', 'province'];
/** Only township governments and street offices stand at the township level, and only there. */
const TOWNSHIP_KINDS = ['township-government', 'street-office'];

/**
 * Every check the file's shape cannot express: unique ids, references that resolve, regions in level order,
 * provinces with a known rule set, units where their kind belongs, no unit above itself. All problems at once.
 */
export function checkOrganisation(file: OrganisationFile, knownRuleSets: ReadonlySet<string>): FileIssue[] {
  const issues: FileIssue[] = [];
  const regions = indexOnce(file.regions, (r) => r.id, 'regions', 'region', issues);
  const units = indexOnce(file.units, (u) => u.id, 'units', 'unit', issues);
  indexOnce(file.users, (u) => u.login, 'users', 'login', issues);

  const broken = new Set<string>();
  file.regions.forEach((region, i) => {
    const before = issues.length;
    checkRegion(region, i, regions, knownRuleSets, issues);
    if (issues.length > before) broken.add(region.id);
  });
  file.units.forEach((unit, i) => checkUnit(unit, i, regions, units, broken, issues));
  checkUnitCycles(file.units, units, issues);
  file.users.forEach((user, i) => {
    const unit = units.get(user.unit)?.entry;
    if (!unit)
      issues.push({ path: ['users', i, 'unit'], message: `unit '${user.unit}' is not a unit of the file` });
    else if (user.active !== false && unit.active === false)
      issues.push({
        path: ['users', i, 'unit'],
        message: `an active user on the inactive unit '${user.unit}'`,
      });
    const seen = new Set<string>();
    user.roles.forEach((role, r) => {
      if (seen.has(role))
        issues.push({ path: ['users', i, 'roles', r], message: `role '${role}' listed twice` });
      seen.add(role);
    });
  });
  return issues;
}

interface Indexed<T> {
  entry: T;
  index: number;
}

function indexOnce<T>(
  entries: T[],
  key: (entry: T) => string,
  list: string,
  what: string,
  issues: FileIssue[],
): Map<string, Indexed<T>> {
  const index = new Map<string, Indexed<T>>();
  entries.forEach((entry, i) => {
    const id = key(entry);
    const first = index.get(id);
    if (first) {
      issues.push({
        path: [list, i],
        message: `duplicate ${what} '${id}'`,
        firstPath: [list, first.index],
      });
    } else {
      index.set(id, { entry, index: i });
    }
  });
  return index;
}

function checkRegion(
  region: RegionEntry,
  i: number,
  regions: Map<string, Indexed<RegionEntry>>,
  knownRuleSets: ReadonlySet<string>,
  issues: FileIssue[],
): void {
  const at = (field: string) => ['regions', i, field];
  if (region.parent === undefined) {
    if (!TOP_LEVELS.includes(region.level))
      issues.push({ path: ['regions', i], message: `a ${region.level} needs a parent region` });
  } else {
    const parent = regions.get(region.parent)?.entry;
    if (!parent) {
      issues.push({ path: at('parent'), message: `parent '${region.parent}' is not a region of the file` });
    } else if (!PARENT_LEVELS[region.level].includes(parent.level)) {
      issues.push({
        path: at('parent'),
        message: `a ${region.level} cannot stand under the ${parent.level} '${parent.id}'`,
      });
    }
  }
  if (region.level === 'province') {
    if (region.ruleSet === undefined)
      issues.push({ path: ['regions', i], message: `province '${region.id}' names no ruleSet` });
    else if (!knownRuleSets.has(region.ruleSet))
      issues.push({
        path: at('ruleSet'),
        message: `unknown rule set '${region.ruleSet}' (known: ${[...knownRuleSets].sort().join(', ')})`,
      });
  } else if (region.ruleSet !== undefined) {
    issues.push({ path: at('ruleSet'), message: 'only a province names a rule set' });
  }
}

function checkUnit(
  unit: UnitEntry,
  i: number,
  regions: Map<string, Indexed<RegionEntry>>,
  units: Map<string, Indexed<UnitEntry>>,
  brokenRegions: ReadonlySet<string>,
  issues: FileIssue[],
): void {
  const at = (field: string) => ['units', i, field];
  const region = regions.get(unit.region)?.entry;
  if (!region) {
    issues.push({ path: at('region'), message: `region '${unit.region}' is not a region of the file` });
    return;
  }
  const townshipKind = TOWNSHIP_KINDS.includes(unit.kind);
  if (townshipKind !== (region.level === 'township')) {
    issues.push({
      path: at('kind'),
      message: townshipKind
        ? `a ${unit.kind} belongs in a township region, not the ${region.level} '${region.id}'`
        : `a ${unit.kind} cannot stand in the township '${region.id}' (township-government or street-office)`,
    });
  }
  const active = unit.active !== false;
  for (const field of ['parent', 'reviewBody'] as const) {
    const id = unit[field];
    if (id === undefined) continue;
    const other = units.get(id)?.entry;
    if (!other) {
      issues.push({ path: at(field), message: `${field} '${id}' is not a unit of the file` });
      continue;
    }
    if (id === unit.id) {
      issues.push({ path: at(field), message: `a unit cannot be its own ${field}` });
      continue;
    }
    if (active && other.active === false)
      issues.push({ path: at(field), message: `${field} '${id}' is inactive` });
    const above = regionsAbove(unit.region, regions);
    // Where a region above is wrong, that error says it: no second one for every unit below.
    if ([unit.region, ...above].some((r) => brokenRegions.has(r))) continue;
    const sameRegion = other.region === unit.region;
    if (field === 'parent' && !sameRegion && !above.includes(other.region)) {
      issues.push({
        path: at(field),
        message: `parent '${id}' is in region '${other.region}', neither '${unit.region}' nor a region above it`,
      });
    }
    if (
      field === 'reviewBody' &&
      !(sameRegion ? other.kind === 'government' : above.includes(other.region))
    ) {
      issues.push({
        path: at(field),
        message: `reviewBody '${id}' must be the government of region '${unit.region}' or a unit of a region above it`,
      });
    }
  }
}

/** The regions above one, nearest first (as far as the file's parents reach). */
function regionsAbove(regionId: string, regions: Map<string, Indexed<RegionEntry>>): string[] {
  const above: string[] = [];
  for (let at = regions.get(regionId)?.entry.parent; at !== undefined;) {
    if (above.includes(at) || above.length > LEVELS.length) break;
    above.push(at);
    at = regions.get(at)?.entry.parent;
  }
  return above;
}

/**
 * The bodies above a unit (its review body, else its parent, and so on up) must end: a cycle would send a
 * case's review to a unit below it. Each cycle is reported once, at its first unit in the file.
 */
function checkUnitCycles(list: UnitEntry[], units: Map<string, Indexed<UnitEntry>>, issues: FileIssue[]) {
  const done = new Set<string>();
  const reported = new Set<string>();
  for (const [field, next] of [
    ['parent', (u: UnitEntry) => u.parent],
    ['reviewBody', (u: UnitEntry) => u.reviewBody ?? u.parent],
  ] as const) {
    done.clear();
    list.forEach((start) => {
      const path: string[] = [];
      for (let at: string | undefined = start.id; at !== undefined && !done.has(at);) {
        const loop = path.indexOf(at);
        if (loop >= 0) {
          const cycle = path.slice(loop);
          const key = [...cycle].sort().join(' ');
          // A unit its own parent is reported where it stands; a cycle of parents is reported once.
          if (cycle.length === 1 || reported.has(key)) break;
          reported.add(key);
          const first = Math.min(...cycle.map((id) => units.get(id)!.index));
          issues.push({
            path: ['units', first, field],
            message: `units above one another form a cycle: ${[...cycle, at].join(' → ')}`,
          });
          break;
        }
        path.push(at);
        const entry: UnitEntry | undefined = units.get(at)?.entry;
        at = entry ? next(entry) : undefined;
      }
      path.forEach((id) => done.add(id));
    });
  }
}
