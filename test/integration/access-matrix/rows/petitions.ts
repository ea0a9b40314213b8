import { addDays } from '../../../../src/rules/dates';
import { shanghaiToday, validRegistration } from '../../../support/harness';
import { BUREAU_ROLES, DEPARTMENTS, UNIT_ROLES } from '../matrix';
import type { Row } from '../runner';

const BUREAU = ['registrar', 'supervisor'];
const HOLDER_ROLES = [...BUREAU_ROLES, ...UNIT_ROLES];

/** Registration, reading, routing and the decisions that end a case (引导, 不予受理, 撤回). */
export const PETITION_ROWS: Row[] = [
  {
    op: 'POST /api/petitions',
    what: 'register a petition: the bureau, or a department that received it directly (Art 23)',
    body: validRegistration(),
    // The office (jco) and administrators register nothing.
    roles: ['registrar', 'handler'],
    allowed: [...BUREAU, ...DEPARTMENTS],
    ok: 201,
    noOther: 'a registration concerns no existing case (the registering unit is the caller’s own)',
  },
  {
    op: 'GET /api/petitions',
    what: 'list petitions (is the case in it?)',
    state: 'transferred',
    query: (c) => `unit=${c!.unitId}&pageSize=100`,
    listed: (body, c) => body.items.some((item: { id: string }) => item.id === c.id),
    allowed: 'whoever sees it',
  },
  { op: 'GET /api/petitions/{id}', what: 'read the case', state: 'accepted', allowed: 'whoever sees it' },
  {
    op: 'GET /api/petitions/{id}',
    what: 'read the case: is its query code (查询码) shown?',
    state: 'accepted',
    listed: (body) => typeof body.queryCode === 'string',
    // The registering bureau's desk hands it to the petitioner; nobody else sees it, not even its admin.
    allowed: ['registrar', 'supervisor'],
  },
  {
    op: 'POST /api/petitions/{id}/route',
    what: 'route (转送) a registered case',
    state: 'registered',
    body: (c) => ({ unitId: c.unitId }),
    roles: BUREAU_ROLES,
    allowed: BUREAU,
  },
  {
    op: 'POST /api/petitions/{id}/transfer-out',
    what: 'transfer (转出) a registered case to the bureau of another area',
    state: 'registered',
    // Outside the registering bureau's own area: the city's bureau above a county's, the province's above a city's.
    body: (c) => ({
      bureauId:
        c.bureau === 'qingshan-petition-bureau' ? 'yunzhou-petition-bureau' : 'dongling-petition-bureau',
    }),
    roles: BUREAU_ROLES,
    allowed: BUREAU,
  },
  {
    op: 'POST /api/petitions/{id}/divert',
    what: 'divert (引导) a registered case: the bureau holds it',
    state: 'registered',
    body: { to: 'arbitration', notice: '请申请劳动仲裁。' },
    roles: HOLDER_ROLES,
    allowed: BUREAU,
  },
  {
    op: 'POST /api/petitions/{id}/divert',
    what: 'divert (引导) a transferred case: the unit holds it',
    state: 'transferred',
    body: { to: 'arbitration', notice: '请申请劳动仲裁。' },
    roles: HOLDER_ROLES,
    allowed: DEPARTMENTS,
  },
  {
    op: 'POST /api/petitions/{id}/not-accept',
    what: 'not accept (不予受理) a registered case',
    state: 'registered',
    body: { reason: 'outside-remit', notice: '不属于信访受理范围。' },
    roles: HOLDER_ROLES,
    allowed: BUREAU,
  },
  {
    op: 'POST /api/petitions/{id}/not-accept',
    what: 'not accept (不予受理) a transferred case',
    state: 'transferred',
    body: { reason: 'outside-remit', notice: '不属于本单位职权范围。' },
    roles: HOLDER_ROLES,
    allowed: DEPARTMENTS,
  },
  {
    op: 'POST /api/petitions/{id}/withdraw',
    what: 'record a withdrawal of a registered case',
    state: 'registered',
    body: { reason: '信访人撤回。' },
    roles: HOLDER_ROLES,
    allowed: BUREAU,
  },
  {
    op: 'POST /api/petitions/{id}/withdraw',
    what: 'record a withdrawal of an accepted case',
    state: 'accepted',
    body: { reason: '信访人撤回。' },
    roles: HOLDER_ROLES,
    allowed: DEPARTMENTS,
  },
  {
    op: 'POST /api/petitions/{id}/case-owner',
    what: 'name a case-owning leader (包案) before routing',
    state: 'registered',
    body: {
      leader: 'supervisor',
      handler: 'registrar',
      task: '包案化解',
      targetDate: addDays(shanghaiToday(), 30),
    },
    // Only the registering bureau's supervisor: no unit handles it yet.
    roles: ['supervisor', 'unit-head'],
    allowed: ['supervisor'],
  },
  {
    op: 'POST /api/petitions/{id}/case-owner',
    what: 'name a case-owning leader (包案)',
    state: 'accepted',
    body: (c) => ({
      leader: c.head ?? c.handler,
      handler: c.handler,
      task: '包案化解',
      targetDate: addDays(shanghaiToday(), 30),
    }),
    // The registering bureau's supervisor or the handling unit's head.
    roles: ['supervisor', 'unit-head'],
    allowed: ['supervisor', 'unit-head', 'city-head', 'province-head'],
  },
];
