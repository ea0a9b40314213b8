import { addDays } from '../../../../src/rules/dates';
import { shanghaiToday } from '../../../support/harness';
import { DEPARTMENTS, placesOf, type Side } from '../matrix';
import type { Row } from '../runner';

/**
 * The supervision ladder's items (督办 → 联席办 → 挂牌督办). An item needs a passed deadline: a petition received
 * LONG_AGO_DAYS ago and not routed has the bureau's item `route-1`, escalated to the county's office. A department's
 * deadlines start the day it gets the case, so no item is addressed to one in real time: a department's own
 * case is that petition routed to it (late: the bureau's item resolved), on which it is no party to the item.
 * Other: the same petition at Yunzhou's bureau (for the county's bureau and office), or not routed (departments).
 */
const itemCase = (login: string, side: Side) => {
  const department = DEPARTMENTS.includes(login);
  if (side === 'other') return department ? 'overdue@county' : 'overdue@city-to-county';
  return department ? `overdueRouted@${placesOf(login).first.own}` : 'overdue@county';
};

const inTenDays = addDays(shanghaiToday(), 10);

export const SUPERVISION_ROWS: Row[] = [
  {
    op: 'GET /api/supervision',
    what: 'list the supervision queue (is the item in it?)',
    cases: itemCase,
    query: (c) => `unit=${c!.bureau}&pageSize=100`,
    listed: (body, c) => body.items.some((item: { id: string }) => item.id === c.params.itemId),
    // The bureau sees its cases' items, the office its region's; a unit only items addressed to it.
    allowed: ['registrar', 'supervisor', 'admin', 'jco'],
  },
  {
    op: 'POST /api/supervision/{itemId}/feedback',
    what: 'answer the notice (督办反馈): the supervised unit',
    cases: itemCase,
    body: { report: '已完成登记转送。', targetDate: inTenDays },
    // The supervised unit's handlers, head or supervisor (the queue's acts admit jco too; the table does not).
    roles: ['handler', 'unit-head', 'supervisor'],
    allowed: ['supervisor'],
  },
  {
    op: 'POST /api/supervision/{itemId}/list',
    what: 'list the case (挂牌督办): the office',
    cases: itemCase,
    body: { correctBy: inTenDays, note: '挂牌督办，限期整改。' },
    roles: ['jco'],
    allowed: ['jco'],
  },
  {
    op: 'POST /api/supervision/{itemId}/instruct',
    what: 'instruct a unit (交办指示): the office',
    cases: itemCase,
    body: { unitId: 'qingshan-housing', instruction: '请协助核实。' },
    roles: ['jco'],
    allowed: ['jco'],
  },
];
