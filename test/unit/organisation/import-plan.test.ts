import type { OrganisationRows } from '../../../src/db/organisation-store';
import { DEMO_ORGANISATION } from '../../../src/domain/organisation/demo';
import { fileOfRows } from '../../../src/domain/organisation/export';
import { parseOrganisationFile } from '../../../src/domain/organisation/parse';
import {
  describePlan,
  planImport,
  planIsEmpty,
  rowsOfFile,
  rowsToWrite,
  summarisePlan,
} from '../../../src/domain/organisation/plan';
import { stringify } from 'yaml';

const copy = (rows: OrganisationRows): OrganisationRows => structuredClone(rows);

it('plans nothing when the file says what is stored (roles in another order are no change)', () => {
  const stored = copy(DEMO_ORGANISATION);
  stored.users.find((u) => u.login === 'supervisor')!.roles.reverse();
  const plan = planImport(stored, DEMO_ORGANISATION);
  expect(planIsEmpty(plan)).toBe(true);
  expect(describePlan(plan)).toEqual([]);
});

it('plans additions, changes with before → after, and deactivations', () => {
  const stored = copy(DEMO_ORGANISATION);
  const wanted = copy(DEMO_ORGANISATION);
  // Added: a unit and its user. Changed: a name and a unit's parent; a user's unit and mail.
  wanted.units.push({
    ...wanted.units.find((u) => u.id === 'qingshan-hr')!,
    id: 'qingshan-land',
    name: '青山县自然资源局',
  });
  wanted.users.push({
    ...wanted.users[0]!,
    login: 'land-handler',
    unitId: 'qingshan-land',
    roles: ['handler'],
  });
  wanted.units.find((u) => u.id === 'qingshan-housing')!.name = '青山县住建局';
  const handler = wanted.users.find((u) => u.login === 'hr-handler')!;
  Object.assign(handler, { unitId: 'qingshan-land', email: 'hr@example.org' });
  // Deactivated: the file no longer lists the city head; the jco is listed inactive.
  wanted.users = wanted.users.filter((u) => u.login !== 'city-head');
  wanted.users.find((u) => u.login === 'jco')!.active = false;

  const plan = planImport(stored, wanted);
  expect(describePlan(plan)).toEqual([
    '+ unit qingshan-land',
    '~ unit qingshan-housing: name 青山县住房和城乡建设局 → 青山县住建局',
    '+ user land-handler',
    '~ user hr-handler: unit qingshan-hr → qingshan-land, mail (none) → hr@example.org',
    '~ user jco: active true → false',
    '- user city-head (deactivate)',
  ]);
  expect(summarisePlan(plan)).toBe(
    'regions: 0 added, 0 changed, 0 deactivated; units: 1 added, 1 changed, 0 deactivated; ' +
      'users: 1 added, 2 changed, 1 deactivated',
  );
  // Deactivated rows are written whole, inactive; nothing is deleted.
  const write = rowsToWrite(plan);
  expect(write.users.find((u) => u.login === 'city-head')).toMatchObject({
    active: false,
    unitId: 'yunzhou-housing',
  });
  expect(write.units.map((u) => u.id)).toEqual(['qingshan-land', 'qingshan-housing']);
});

it('leaves an omitted region stored (and says so), and an inactive user omitted stays as it is', () => {
  const stored = copy(DEMO_ORGANISATION);
  stored.regions.push({
    id: 'old-county',
    name: '旧县',
    level: 'county',
    parentId: 'yunzhou',
    ruleSetId: null,
  });
  stored.users.push({ ...stored.users[0]!, login: 'retired', active: false });
  const plan = planImport(stored, DEMO_ORGANISATION);
  expect(describePlan(plan)).toEqual([
    '= region old-county (not in the file: kept, regions are never removed)',
  ]);
  expect(planIsEmpty(plan)).toBe(true);
});

it('exports a file that imports as the same rows (export → import is a no-op)', () => {
  const text = stringify(fileOfRows(DEMO_ORGANISATION));
  const parsed = parseOrganisationFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  expect(planIsEmpty(planImport(DEMO_ORGANISATION, rowsOfFile(parsed.file)))).toBe(true);
});
