import { LOGINS, type Side } from '../matrix';
import type { Row } from '../runner';

/**
 * The staff queue (待办, GET /api/queue). Its unit and case-owner kinds are the caller's own (every staff user
 * has them; which cases they list is test/integration/queue-api.test.ts). The supervision kind is the bureau
 * supervisor's and the office's: the item of a petition received long ago and not routed (see rows/supervision.ts),
 * at Qingshan's bureau (own) or at Yunzhou's (other: neither Qingshan's bureau nor its office oversees it).
 */
const itemCase = (_login: string, side: Side) =>
  side === 'own' ? 'overdue@county' : 'overdue@city-to-county';

export const QUEUE_ROWS: Row[] = [
  {
    op: 'GET /api/queue',
    what: 'the unit’s queue (待办): every staff user has one',
    query: () => 'kind=unit&pageSize=1',
    allowed: LOGINS,
    noOther: 'the queue is the caller’s unit’s own',
  },
  {
    op: 'GET /api/queue',
    what: 'the case-owning leader’s queue (包案): every staff user has one',
    query: () => 'kind=case-owner&pageSize=1',
    allowed: LOGINS,
    noOther: 'the queue is the caller’s own',
  },
  {
    op: 'GET /api/queue',
    what: 'the supervision queue (督办): is the item in it?',
    cases: itemCase,
    query: () => 'kind=supervision&pageSize=100',
    listed: (body, c) =>
      body.items.some(
        (item: { supervisionItem: { id: string } }) => item.supervisionItem.id === c.params.itemId,
      ),
    // A petition bureau's supervisor and the joint-conference office; the registrar, units and admins: 403.
    roles: ['supervisor', 'jco'],
    allowed: ['supervisor', 'jco'],
  },
];
