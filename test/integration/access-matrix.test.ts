import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';

/**
 * Every demo role against a case registered by Qingshan County's bureau and transferred to its housing bureau
 * (青山县住房和城乡建设局): the exact status each request gets. The order of the checks: a user without any
 * role the command needs is refused (403) before any case is looked at, so the answer says nothing about
 * the case; a case the user may not see is 404 (its existence does not leak); a case it sees but is no party
 * to in the right way is 403; a command the case's status does not allow is 409. Reports outside the user's
 * scope are 403. A request that succeeds gets a fresh case, so every cell starts from the same state.
 */
let app: TestApp;
let flow: PetitionFlow;

const LOGINS = [
  'registrar',
  'supervisor',
  'admin',
  'jco',
  'handler',
  'unit-head',
  'hr-handler',
  'city-handler',
  'city-head',
  'province-handler',
  'province-head',
] as const;
type Login = (typeof LOGINS)[number];

/** Who can see the case: its registering bureau, its handling unit, and oversight of the county. */
const SEES: Login[] = ['registrar', 'supervisor', 'admin', 'jco', 'handler', 'unit-head'];

interface Cell {
  what: string;
  method: 'GET' | 'POST';
  path: (id: string) => string;
  body?: unknown;
  /** Logins that succeed; those that see the case but may not act get 403, the rest 404. */
  allowed: Login[];
  /** The roles the command needs (from the transition table): a login with none of them gets 403 first. */
  roles?: Role[];
  /** Not about one case: every login not allowed gets 403. */
  noCase?: boolean;
  /** Exceptions, each said why. */
  except?: Partial<Record<Login, number>>;
}

type Role = 'registrar' | 'supervisor' | 'handler' | 'unit-head' | 'jco' | 'admin';
const ROLES_OF: Record<Login, Role[]> = {
  registrar: ['registrar'],
  supervisor: ['supervisor', 'registrar'],
  admin: ['admin'],
  jco: ['jco'],
  handler: ['handler'],
  'unit-head': ['unit-head', 'handler'],
  'hr-handler': ['handler'],
  'city-handler': ['handler'],
  'city-head': ['unit-head', 'handler'],
  'province-handler': ['handler'],
  'province-head': ['unit-head', 'handler'],
};
const UNIT_ROLES: Role[] = ['handler', 'unit-head'];
const BUREAU_ROLES: Role[] = ['registrar', 'supervisor'];

const CELLS: Cell[] = [
  { what: 'read the case', method: 'GET', path: (id) => `/api/petitions/${id}`, allowed: SEES },
  {
    what: 'accept it (受理)',
    method: 'POST',
    path: (id) => `/api/petitions/${id}/acknowledge`,
    body: { procedure: 'normal' },
    allowed: ['handler', 'unit-head'],
    roles: UNIT_ROLES,
  },
  {
    what: 'object to the routing',
    method: 'POST',
    path: (id) => `/api/petitions/${id}/objection`,
    body: { reason: '不属于本单位职责' },
    allowed: ['handler', 'unit-head'],
    roles: UNIT_ROLES,
  },
  {
    what: 'record a withdrawal',
    method: 'POST',
    path: (id) => `/api/petitions/${id}/withdraw`,
    body: { reason: '信访人撤回' },
    // The case holder (the unit, once routed) records it; the bureau no longer holds the case.
    allowed: ['handler', 'unit-head'],
    roles: [...BUREAU_ROLES, ...UNIT_ROLES],
  },
  {
    what: 'name a case-owning leader (包案)',
    method: 'POST',
    path: (id) => `/api/petitions/${id}/case-owner`,
    body: { leader: 'unit-head', handler: 'handler', task: '协调解决电梯问题', targetDate: '2099-01-01' },
    allowed: ['supervisor', 'unit-head'],
    roles: ['supervisor', 'unit-head'],
  },
  {
    what: 'route it again (only from registered)',
    method: 'POST',
    path: (id) => `/api/petitions/${id}/route`,
    body: { unitId: 'qingshan-hr' },
    allowed: [],
    roles: BUREAU_ROLES,
    // The bureau may route, but not a case already transferred.
    except: { registrar: 409, supervisor: 409 },
  },
  {
    what: 'read the county’s reports narrowed to the housing bureau',
    method: 'GET',
    path: () => `/api/reports/summary?quarter=2026Q4&unit=qingshan-housing`,
    // The county's bureau and office see the county; the housing bureau itself; the housing bureaus above it
    // (city, province) the departments under them. The county's HR bureau is a sibling: outside.
    allowed: LOGINS.filter((login) => login !== 'hr-handler'),
    noCase: true,
  },
  {
    what: 'read the own inbox and supervision queue',
    method: 'GET',
    path: () => `/api/notifications`,
    allowed: [...LOGINS],
    noCase: true,
  },
];

beforeAll(async () => {
  app = await startTestApp('access-matrix');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

function expected(cell: Cell, login: Login): number {
  const exception = cell.except?.[login];
  if (exception !== undefined) return exception;
  if (cell.allowed.includes(login)) return 200;
  if (cell.noCase) return 403;
  if (cell.roles && !cell.roles.some((role) => ROLES_OF[login].includes(role))) return 403;
  return SEES.includes(login) ? 403 : 404;
}

it('gives each role exactly the status the access rules say, for every request', async () => {
  let shared = await flow.transferred();
  const mismatches: string[] = [];
  const table: string[] = [];
  for (const cell of CELLS) {
    const row: string[] = [];
    for (const login of LOGINS) {
      const want = expected(cell, login);
      const response = await app.request(login, cell.method, cell.path(shared), cell.body);
      row.push(String(response.status));
      if (response.status !== want) {
        mismatches.push(
          `${cell.what} as ${login}: ${response.status} (${JSON.stringify(response.body?.error)}), expected ${want}`,
        );
      }
      // A successful act changed the case: the next cell starts from a fresh one.
      if (cell.method === 'POST' && response.status < 300) shared = await flow.transferred();
    }
    table.push(`${cell.what.padEnd(60)} ${row.join(' ')}`);
  }
  console.log(`access matrix (${LOGINS.join(' ')}):\n${table.join('\n')}`);
  expect(mismatches).toEqual([]);
});
