import type { OrganisationRows, RegionRow, UnitRow } from '../../src/db/organisation-store';

type BenchLevel = 'county' | 'city' | 'province';

/** Every id the benchmark writes starts with this, so its rows are told apart from any others. */
export const BENCH_PREFIX = 'bench-';

/** The departments every region has; each has its parent in the region above (none at the province). */
const DEPARTMENTS = [
  ['housing', '住房和城乡建设局'],
  ['hr', '人力资源和社会保障局'],
  ['land', '自然资源局'],
  ['police', '公安局'],
] as const;

export interface BenchOrganisation {
  seed: OrganisationRows;
  provinceBureauId: string;
  /** Petition bureaus by level, counties first: the order the loader draws them in. */
  bureaus: Record<BenchLevel, string[]>;
}

const bureauOf = (regionId: string) => `${regionId}-petition-bureau`;
const registrarOf = (regionId: string) => `${regionId}-registrar`;

/**
 * A fictional province of `cities` cities with `countiesPerCity` counties each: in every region a petition
 * bureau (whose parent is the bureau above) and the departments above, and one registrar per bureau.
 */
export function benchOrganisation(cities: number, countiesPerCity: number): BenchOrganisation {
  const province: RegionRow = {
    id: `${BENCH_PREFIX}province`,
    name: '测试省',
    level: 'province',
    parentId: null,
    ruleSetId: 'national-2022',
  };
  const regions: RegionRow[] = [province];
  for (let c = 1; c <= cities; c++) {
    const city: RegionRow = {
      id: `${province.id}-c${c}`,
      name: `测试${c}市`,
      level: 'city',
      parentId: province.id,
      ruleSetId: null,
    };
    regions.push(city);
    for (let k = 1; k <= countiesPerCity; k++) {
      regions.push({
        id: `${city.id}-k${k}`,
        name: `测试${c}市${k}县`,
        level: 'county',
        parentId: city.id,
        ruleSetId: null,
      });
    }
  }
  const units: UnitRow[] = regions.flatMap((region) => unitsOf(region));
  const users = regions.map((region) => ({
    login: registrarOf(region.id),
    displayName: `Registrar, ${region.name}信访局`,
    unitId: bureauOf(region.id),
    roles: ['registrar' as const],
    mobile: null,
    email: null,
    active: true,
  }));
  const bureaus: Record<BenchLevel, string[]> = { county: [], city: [], province: [] };
  for (const region of regions) bureaus[region.level as BenchLevel].push(bureauOf(region.id));
  return { seed: { regions, units, users }, provinceBureauId: bureauOf(province.id), bureaus };
}

function unitsOf(region: RegionRow): UnitRow[] {
  const above = region.parentId;
  const unit = (id: string, name: string, kind: UnitRow['kind'], parentId: string | null): UnitRow => ({
    id,
    name: `${region.name}${name}`,
    kind,
    level: region.level,
    regionId: region.id,
    parentId,
    reviewUnitId: null,
    active: true,
  });
  return [
    unit(bureauOf(region.id), '信访局', 'petition-bureau', above && bureauOf(above)),
    ...DEPARTMENTS.map(([key, name]) =>
      unit(`${region.id}-${key}`, name, 'department', above && `${above}-${key}`),
    ),
  ];
}
