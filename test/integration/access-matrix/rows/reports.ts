import { REPORT_NAMES } from '../../../../src/domain/reports/catalogue';
import { LOGINS } from '../matrix';
import type { Row } from '../runner';

/** A quarter no other test writes to; the reports' access does not depend on their figures. */
const Q = 'quarter=2024Q2';

/**
 * Every user reads the reports of its own scope (its unit and what lies under it); a unit outside it is 403
 * (the caller may know it exists, not count its cases). Other: Dongling's HR department, under nobody's scope.
 */
export const REPORT_ROWS: Row[] = [
  ...REPORT_NAMES.map((name): Row => ({
    op: `GET /api/reports/${name}`,
    what: `report ${name}: own scope / a unit outside it`,
    query: (_c, side) => {
      // The monthly analysis takes a month, the others the quarter.
      const period = name === 'analysis' ? 'month=2024-05' : Q;
      return side === 'own' ? period : `${period}&unit=dongling-hr`;
    },
    fixed: { own: 200, other: 403 },
  })),
  {
    op: 'GET /api/reports/summary',
    what: 'summary narrowed to the county housing bureau',
    query: () => `${Q}&unit=qingshan-housing`,
    // The county's bureau and office see the county; the housing bureau itself; the housing bureaus above it
    // (city, province) the departments under them. The county's HR bureau is a sibling: outside.
    allowed: LOGINS.filter((login) => login !== 'hr-handler'),
    noOther: 'the row names the unit (own for some callers, outside for others)',
  },
  {
    op: 'GET /api/classification',
    what: 'read the subject matters a registration chooses from',
    fixed: { own: 200 },
    noOther: 'the same list for every member of staff',
  },
];
