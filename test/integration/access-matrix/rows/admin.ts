import { LOGINS, rolesOf } from '../matrix';
import type { Row } from '../runner';

/**
 * The admin API of units and users: the admin role only. Not about a case: each row is tried once per caller.
 * The rows about one unit or user name none (the path keeps its `{id}`), so the admin gets 404 there: which
 * units and users of its region an admin reaches, and which outside it not, test/integration/admin-api.test.ts
 * tries. What the admin creates is inactive, so it takes part in no other test's notices.
 */
const ADMINS = LOGINS.filter((login) => rolesOf(login).includes('admin'));
const NONE = 'the matrix names no unit or user: `{id}` is none (admin-api.test.ts tries real ones)';
const notFoundForAdmins = [{ who: ADMINS, want: 404, why: NONE }];

const unitBody = {
  name: 'Matrix unit',
  kind: 'department',
  region: 'qingshan',
  parent: 'qingshan-government',
  active: false,
};
const userBody = { name: 'Matrix user', unit: 'qingshan-housing', roles: ['handler'], active: false };
const adminOnly = {
  roles: ['admin' as const],
  noOther: 'not about one case: the units and users of a region',
};

export const ADMIN_ROWS: Row[] = [
  { op: 'GET /api/admin/units', what: 'list the units of the region', ...adminOnly, allowed: ADMINS },
  {
    op: 'POST /api/admin/units',
    what: 'create a unit',
    ...adminOnly,
    body: { ...unitBody, id: 'matrix-unit' },
    allowed: ADMINS,
    ok: 201,
  },
  { op: 'GET /api/admin/units/{id}', what: 'read a unit', ...adminOnly, except: notFoundForAdmins },
  {
    op: 'PUT /api/admin/units/{id}',
    what: 'update a unit',
    ...adminOnly,
    body: unitBody,
    except: notFoundForAdmins,
  },
  {
    op: 'POST /api/admin/units/{id}/deactivate',
    what: 'deactivate a unit',
    ...adminOnly,
    except: notFoundForAdmins,
  },
  { op: 'GET /api/admin/users', what: 'list the users of the region', ...adminOnly, allowed: ADMINS },
  {
    op: 'POST /api/admin/users',
    what: 'create a user',
    ...adminOnly,
    body: { ...userBody, login: 'matrix-user' },
    allowed: ADMINS,
    ok: 201,
  },
  { op: 'GET /api/admin/users/{login}', what: 'read a user', ...adminOnly, except: notFoundForAdmins },
  {
    op: 'PUT /api/admin/users/{login}',
    what: 'update a user',
    ...adminOnly,
    body: userBody,
    except: notFoundForAdmins,
  },
  {
    op: 'POST /api/admin/users/{login}/deactivate',
    what: 'deactivate a user',
    ...adminOnly,
    except: notFoundForAdmins,
  },
  { op: 'GET /api/admin/audit', what: 'read the audit of units and users', ...adminOnly, allowed: ADMINS },
];
