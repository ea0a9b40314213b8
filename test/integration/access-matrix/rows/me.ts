import { LOGINS } from '../matrix';
import type { Row } from '../runner';

/** Who the caller is (GET /api/me), the units the forms offer (GET /api/units), staff names (GET /api/staff): every staff user. */
export const ME_ROWS: Row[] = [
  {
    op: 'GET /api/me',
    what: 'the caller’s name, unit and roles',
    allowed: LOGINS,
    noOther: 'it answers about the caller only',
  },
  {
    op: 'GET /api/units',
    what: 'the active units a form offers',
    allowed: LOGINS,
    noOther: 'the organisation’s units, the same for every caller',
  },
  {
    op: 'GET /api/staff',
    what: 'the names of staff by login',
    query: () => 'logins=registrar,handler',
    allowed: LOGINS,
    noOther: 'the organisation’s staff names, the same for every caller',
  },
];
