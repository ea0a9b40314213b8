import type { OrganisationSeed } from './organisation';

/**
 * A fictional organisation for local use: Qingshan County (青山县) under Yunzhou City (云州市)
 * under Dongling Province (东岭省).
 */
export const DEMO_ORGANISATION: OrganisationSeed = {
  units: [
    {
      id: 'dongling-petition-bureau',
      name: '东岭省信访局',
      kind: 'petition-bureau',
      level: 'province',
      parentId: null,
    },
    {
      id: 'yunzhou-petition-bureau',
      name: '云州市信访局',
      kind: 'petition-bureau',
      level: 'city',
      parentId: 'dongling-petition-bureau',
    },
    {
      id: 'yunzhou-housing',
      name: '云州市住房和城乡建设局',
      kind: 'department',
      level: 'city',
      parentId: 'dongling-petition-bureau',
    },
    {
      id: 'qingshan-petition-bureau',
      name: '青山县信访局',
      kind: 'petition-bureau',
      level: 'county',
      parentId: 'yunzhou-petition-bureau',
    },
    {
      id: 'qingshan-jco',
      name: '青山县信访工作联席会议办公室',
      kind: 'joint-conference-office',
      level: 'county',
      parentId: 'qingshan-petition-bureau',
    },
    {
      id: 'qingshan-housing',
      name: '青山县住房和城乡建设局',
      kind: 'department',
      level: 'county',
      parentId: 'yunzhou-housing',
    },
    {
      id: 'qingshan-hr',
      name: '青山县人力资源和社会保障局',
      kind: 'department',
      level: 'county',
      parentId: null,
    },
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
    { login: 'admin', displayName: 'Administrator', unitId: 'qingshan-petition-bureau', roles: ['admin'] },
  ],
};
