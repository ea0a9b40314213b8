import { LOGINS } from '../matrix';
import type { Row } from '../runner';

/** Who the caller is (GET /api/me, the workbench's header): every staff user, about themselves only. */
export const ME_ROWS: Row[] = [
  {
    op: 'GET /api/me',
    what: 'the caller’s name, unit and roles',
    allowed: LOGINS,
    noOther: 'it answers about the caller only',
  },
];
