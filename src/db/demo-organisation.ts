import type { OrganisationSeed, Unit } from './organisation';

const unit = (
  id: string,
  name: string,
  kind: Unit['kind'],
  level: Unit['level'],
  regionId: string,
  parentId: string | null,
): Unit => ({ id, name, kind, level, regionId, parentId });

/**
 * A fictional organisation for local use: Qingshan County (青山县) under Yunzhou City (云州市) under
 * Dongling Province (东岭省). Every department has its parent one level up (county → city → province),
 * which is the review body (复查) and, one more level up, the re-examination body (复核).
 */
export const DEMO_ORGANISATION: OrganisationSeed = {
  regions: [
    { id: 'dongling', name: '东岭省', level: 'province', parentId: null },
    { id: 'yunzhou', name: '云州市', level: 'city', parentId: 'dongling' },
    { id: 'qingshan', name: '青山县', level: 'county', parentId: 'yunzhou' },
  ],
  units: [
    unit('dongling-petition-bureau', '东岭省信访局', 'petition-bureau', 'province', 'dongling', null),
    unit('dongling-housing', '东岭省住房和城乡建设厅', 'department', 'province', 'dongling', null),
    unit('dongling-hr', '东岭省人力资源和社会保障厅', 'department', 'province', 'dongling', null),
    unit(
      'yunzhou-petition-bureau',
      '云州市信访局',
      'petition-bureau',
      'city',
      'yunzhou',
      'dongling-petition-bureau',
    ),
    unit('yunzhou-housing', '云州市住房和城乡建设局', 'department', 'city', 'yunzhou', 'dongling-housing'),
    unit('yunzhou-hr', '云州市人力资源和社会保障局', 'department', 'city', 'yunzhou', 'dongling-hr'),
    unit(
      'qingshan-petition-bureau',
      '青山县信访局',
      'petition-bureau',
      'county',
      'qingshan',
      'yunzhou-petition-bureau',
    ),
    unit(
      'qingshan-jco',
      '青山县信访工作联席会议办公室',
      'joint-conference-office',
      'county',
      'qingshan',
      'qingshan-petition-bureau',
    ),
    unit('qingshan-housing', '青山县住房和城乡建设局', 'department', 'county', 'qingshan', 'yunzhou-housing'),
    unit('qingshan-hr', '青山县人力资源和社会保障局', 'department', 'county', 'qingshan', 'yunzhou-hr'),
  ],
  users: [
    {
      login: 'registrar',
      displayName: 'Registrar, Qingshan petition bureau',
      unitId: 'qingshan-petition-bureau',
      roles: ['registrar'],
    },
    {
      login: 'supervisor',
      displayName: 'Supervisor, Qingshan petition bureau',
      unitId: 'qingshan-petition-bureau',
      roles: ['supervisor', 'registrar'],
    },
    {
      login: 'handler',
      displayName: 'Handler, Qingshan housing bureau',
      unitId: 'qingshan-housing',
      roles: ['handler'],
    },
    {
      login: 'unit-head',
      displayName: 'Head, Qingshan housing bureau',
      unitId: 'qingshan-housing',
      roles: ['unit-head', 'handler'],
    },
    {
      login: 'hr-handler',
      displayName: 'Handler, Qingshan human-resources bureau',
      unitId: 'qingshan-hr',
      roles: ['handler'],
    },
    {
      login: 'jco',
      displayName: 'Officer, Qingshan joint-conference office',
      unitId: 'qingshan-jco',
      roles: ['jco'],
    },
    {
      login: 'city-handler',
      displayName: 'Handler, Yunzhou housing bureau (review body)',
      unitId: 'yunzhou-housing',
      roles: ['handler'],
    },
    {
      login: 'city-head',
      displayName: 'Head, Yunzhou housing bureau (review body)',
      unitId: 'yunzhou-housing',
      roles: ['unit-head', 'handler'],
    },
    {
      login: 'province-handler',
      displayName: 'Handler, Dongling housing department (re-examination body)',
      unitId: 'dongling-housing',
      roles: ['handler'],
    },
    {
      login: 'province-head',
      displayName: 'Head, Dongling housing department (re-examination body)',
      unitId: 'dongling-housing',
      roles: ['unit-head', 'handler'],
    },
    { login: 'admin', displayName: 'Administrator', unitId: 'qingshan-petition-bureau', roles: ['admin'] },
  ],
};
