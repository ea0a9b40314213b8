import type { Role } from '../../../../src/case/vocabulary';
import { shanghaiToday } from '../../../support/harness';
import { LOGINS, rolesOf } from '../matrix';
import type { Row } from '../runner';

/**
 * The visit register (issue 23 item 1). The desk that registers petitions records visits and reception
 * sessions: a bureau's registrar, another unit's registrar or handler (a joint-conference office and an admin
 * receive none: 403 first). A visit on a case needs the case visible (404 otherwise). A leader's instruction is
 * recorded on a case by whoever takes part in it, as its work log. visits-api.test.ts tries the rest.
 */
const DESK_ROLES: Role[] = ['registrar', 'handler'];
const DESKS = LOGINS.filter((login) => rolesOf(login).some((role) => DESK_ROLES.includes(role)));

export const VISIT_ROWS: Row[] = [
  {
    op: 'POST /api/visits',
    what: 'record a repeat visit on a case',
    state: 'accepted',
    body: (c) => ({
      visitedOn: shanghaiToday(),
      place: '接待大厅',
      persons: 2,
      caseId: c.id,
      reception: { kind: 'reception' },
    }),
    roles: DESK_ROLES,
    allowed: 'whoever sees it',
    ok: 201,
    readOnly: true,
  },
  {
    op: 'POST /api/reception-sessions',
    what: 'record a leader’s reception day',
    body: { kind: 'leaderReception', heldOn: shanghaiToday(), leader: '县委副书记', place: '接待大厅' },
    roles: DESK_ROLES,
    allowed: DESKS,
    ok: 201,
    readOnly: true,
    noOther: 'not about a case: the caller’s own unit holds the session',
  },
  {
    op: 'GET /api/reception-sessions/{sessionId}',
    what: 'read a reception session: none named, so not found (visits-api.test.ts reads real ones)',
    fixed: { own: 404 },
    noOther: 'not about a case',
  },
  {
    op: 'POST /api/petitions/{id}/instructions',
    what: 'record a leader’s 阅批 on a case',
    state: 'accepted',
    body: { kind: 'reading', instructedOn: shanghaiToday(), leader: '县长', text: '请依法办理。' },
    allowed: 'whoever sees it',
    ok: 201,
    readOnly: true,
  },
];
