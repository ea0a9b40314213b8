import { DEMO_ORGANISATION } from '../../../../src/domain/organisation/demo';
import type { Side } from '../matrix';
import type { Row } from '../runner';

const unitOf = (login: string) => DEMO_ORGANISATION.users.find((user) => user.login === login)!.unitId;

/** Own: a round of the caller's unit; other: one of Dongling's HR department, inside nobody's scope. */
const rounds = (login: string, side: Side) => `screening@${side === 'own' ? unitOf(login) : 'dongling-hr'}`;

const ADMINS_READ = [
  { who: ['admin'], want: 403 as const, why: 'an administrator reads the register and records nothing' },
];

/**
 * The dispute screening register (矛盾纠纷排查, issue 23 item 3): every member of staff reads the rounds of its
 * scope (its unit and what lies under it); a round outside does not exist for it (404). The working roles record
 * for a unit of their scope; a unit outside is 403 (screening-api.test.ts tries the units and cases in between).
 */
export const SCREENING_ROWS: Row[] = [
  {
    op: 'GET /api/screening/rounds',
    what: 'list the screening rounds of the scope (is the round in it?)',
    cases: rounds,
    query: () => 'from=2024-01-01&to=2024-01-31&pageSize=200',
    listed: (body, c) => body.items.some((item: { id: string }) => item.id === c.id),
    fixed: { own: 'in', other: 'out' },
  },
  {
    op: 'POST /api/screening/rounds',
    what: 'record a screening round: own unit / a unit outside the scope',
    cases: rounds,
    body: (c) => ({
      unit: c.unitId,
      periodStart: '2024-01-01',
      periodEnd: '2024-01-15',
      heldOn: '2024-01-16',
      ledBy: '矩阵测试',
    }),
    fixed: { own: 201, other: 403 },
    except: ADMINS_READ,
    readOnly: true,
  },
  {
    op: 'GET /api/screening/rounds/{roundId}',
    what: 'read a screening round with its disputes',
    cases: rounds,
    fixed: { own: 200, other: 404 },
  },
  {
    op: 'POST /api/screening/rounds/{roundId}/disputes',
    what: 'record a dispute a round found',
    cases: rounds,
    body: { classification: 'other', summary: '矩阵测试', place: '某村', parties: 2, riskLevel: 'low' },
    fixed: { own: 201, other: 404 },
    except: ADMINS_READ,
    readOnly: true,
  },
  {
    op: 'POST /api/screening/disputes/{disputeId}/outcomes',
    what: 'record the outcome of a dispute',
    cases: rounds,
    body: { outcome: 'resolved', on: '2024-01-20' },
    fixed: { own: 201, other: 404 },
    except: ADMINS_READ,
  },
];
