import { LOGINS } from '../matrix';
import type { Row } from '../runner';

/** Who the caller is (GET /api/me) and the units the forms offer (GET /api/units): every staff user. */
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
];
