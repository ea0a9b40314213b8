import { LOGINS, rolesOf, type Side } from '../matrix';
import type { Row } from '../runner';

/** Each user's inbox: its own notification (own) and the next login's (other). */
const inbox = (login: string, side: Side) =>
  `notice@${side === 'own' ? login : LOGINS[(LOGINS.indexOf(login) + 1) % LOGINS.length]}`;

export const NOTIFICATION_ROWS: Row[] = [
  {
    op: 'GET /api/notifications',
    what: 'read the inbox (is the notification in it?)',
    cases: inbox,
    query: () => 'pageSize=100',
    listed: (body, c) => body.items.some((item: { id: string }) => item.id === c.id),
    fixed: { own: 'in', other: 'out' },
  },
  {
    op: 'POST /api/notifications/{id}/read',
    what: 'mark a notification read',
    cases: inbox,
    // Someone else's is not found: its id says nothing.
    fixed: { own: 200, other: 404 },
    readOnly: true,
  },
  {
    op: 'GET /api/notifications/deliveries',
    what: 'list how notices went out by mail and SMS',
    roles: ['admin', 'supervisor'],
    allowed: LOGINS.filter((login) =>
      rolesOf(login).some((role) => role === 'admin' || role === 'supervisor'),
    ),
    noOther: 'not about one case: the deliveries of the caller’s region',
  },
];
