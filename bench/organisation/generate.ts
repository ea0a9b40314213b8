import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { Role } from '../../src/case/vocabulary';
import type { OrganisationFile, UnitEntry, UserEntry } from '../../src/domain/organisation/file-format';

/**
 * A fictional province the size of a real one, in the organisation file format: 16 cities, 100 counties,
 * 1 500 townships and streets, about 10 000 units and 50 000 users. Deterministic: the same options give
 * the same file.
 *
 *   npx tsx bench/organisation/generate.ts --output province.yaml
 *   npx petitionflow org import province.yaml
 */
export interface ProvinceSize {
  cities: number;
  counties: number;
  townships: number;
  /** Departments of each county; cities and the province have a few more. */
  countyDepartments: number;
  usersPerUnit: number;
}

export const PROVINCE_SIZE: ProvinceSize = {
  cities: 16,
  counties: 100,
  townships: 1500,
  countyDepartments: 70,
  usersPerUnit: 5,
};

const DEPARTMENT_NAMES = [
  '住房和城乡建设',
  '人力资源和社会保障',
  '自然资源',
  '公安',
  '民政',
  '教育',
  '卫生健康',
  '生态环境',
];
const departmentName = (d: number) => DEPARTMENT_NAMES[d] ?? `第${d + 1}工作部门`;
/** Each user's roles, by their place in the unit: the first of a bureau registers, the first of a department heads. */
const ROLES_BY_KIND: Record<UnitEntry['kind'], Role[][]> = {
  'petition-bureau': [['supervisor', 'registrar'], ['registrar'], ['admin']],
  'joint-conference-office': [['jco']],
  government: [['unit-head', 'handler'], ['handler']],
  department: [['unit-head', 'handler'], ['handler']],
  'township-government': [['unit-head', 'handler'], ['handler']],
  'street-office': [['unit-head', 'handler'], ['handler']],
};

export function provinceOrganisation(size: ProvinceSize = PROVINCE_SIZE): OrganisationFile {
  const file: OrganisationFile = { version: 1, regions: [], units: [], users: [] };
  const province = 'gen';
  file.regions.push({ id: province, name: '生成省', level: 'province', ruleSet: 'national-2022' });
  addRegionUnits(file, province, '生成省', undefined, size.countyDepartments + 10);
  for (let k = 0; k < size.counties; k++) {
    const c = k % size.cities;
    const city = `${province}-c${c + 1}`;
    if (k < size.cities) {
      file.regions.push({ id: city, name: `第${c + 1}市`, level: 'city', parent: province });
      addRegionUnits(file, city, `第${c + 1}市`, province, size.countyDepartments + 5);
    }
  }
  for (let k = 0; k < size.counties; k++) {
    const city = `${province}-c${(k % size.cities) + 1}`;
    const county = `${city}-k${k + 1}`;
    file.regions.push({ id: county, name: `第${k + 1}县`, level: 'county', parent: city });
    addRegionUnits(file, county, `第${k + 1}县`, city, size.countyDepartments);
  }
  for (let t = 0; t < size.townships; t++) {
    const k = t % size.counties;
    const county = `${province}-c${(k % size.cities) + 1}-k${k + 1}`;
    const township = `${county}-t${t + 1}`;
    const street = t % 4 === 0;
    file.regions.push({
      id: township,
      name: `第${t + 1}${street ? '街道' : '镇'}`,
      level: 'township',
      parent: county,
    });
    file.units.push({
      id: `${township}-office`,
      name: `第${t + 1}${street ? '街道办事处' : '镇人民政府'}`,
      kind: street ? 'street-office' : 'township-government',
      region: township,
      parent: `${county}-government`,
    });
  }
  file.users = file.units.flatMap((unit) => usersOf(unit, size.usersPerUnit));
  return file;
}

/** A region's bureau, joint-conference office, government and departments, each under its match one level up. */
function addRegionUnits(
  file: OrganisationFile,
  region: string,
  name: string,
  above: string | undefined,
  departments: number,
) {
  const unit = (key: string, unitName: string, kind: UnitEntry['kind'], parent?: string): UnitEntry => ({
    id: `${region}-${key}`,
    name: `${name}${unitName}`,
    kind,
    region,
    ...(parent ? { parent } : {}),
  });
  file.units.push(
    unit('petition-bureau', '信访局', 'petition-bureau', above && `${above}-petition-bureau`),
    unit('jco', '信访工作联席会议办公室', 'joint-conference-office', `${region}-petition-bureau`),
    unit('government', '人民政府', 'government', above && `${above}-government`),
  );
  for (let d = 0; d < departments; d++) {
    // Every other county department is reviewed by its own government (北京 Art 48 allows either).
    const department = unit(
      `d${d + 1}`,
      `${departmentName(d)}局`,
      'department',
      above && `${above}-d${d + 1}`,
    );
    if (above && d % 2 === 1) department.reviewBody = `${region}-government`;
    file.units.push(department);
  }
}

function usersOf(unit: UnitEntry, count: number): UserEntry[] {
  const roles = ROLES_BY_KIND[unit.kind];
  return Array.from({ length: count }, (_, i) => ({
    login: `${unit.id}-u${i + 1}`,
    name: `${unit.name}工作人员${i + 1}`,
    unit: unit.id,
    roles: [...roles[Math.min(i, roles.length - 1)]!],
    ...(i === 0 ? { mobile: `+86139${String(i).padStart(8, '0')}`, mail: `${unit.id}-u1@example.org` } : {}),
  }));
}

export function provinceOrganisationText(size: ProvinceSize = PROVINCE_SIZE): string {
  return stringify(provinceOrganisation(size), { lineWidth: 0, aliasDuplicateObjects: false });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { output: { type: 'string' } } });
  const text = provinceOrganisationText();
  if (values.output) fs.writeFileSync(values.output, text);
  else process.stdout.write(text);
}
