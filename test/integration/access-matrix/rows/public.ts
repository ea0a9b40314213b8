import type { Case } from '../cases';
import type { Row } from '../runner';

/**
 * The petitioner's endpoint: no account, the case number and its query code in the body. Own: the case whose
 * code the caller holds; other: another case's number with that code (a wrong code: the same 404 as a missing
 * case). A staff token is no petitioner's credential: every caller, with a token or without, gets the same.
 */
const evaluable = (_login: string, side: string) =>
  side === 'own' ? 'evaluable@county' : 'evaluable@county-hr';
const withCode = (c: Case, own: Case) => ({ petitionId: c.id, queryCode: own.queryCode });
const evaluation = { subject: 'acceptance-notice', grade: 'satisfied' };

export const PUBLIC_ROWS: Row[] = [
  {
    op: 'POST /api/public/lookup',
    what: 'look the case up with the query code',
    cases: evaluable,
    body: withCode,
    fixed: { own: 200, other: 404 },
    readOnly: true,
  },
  {
    op: 'POST /api/public/lookup',
    what: 'look the case up without the query code',
    cases: evaluable,
    body: (c) => ({ petitionId: c.id }),
    fixed: { own: 422, other: 422 },
  },
  {
    op: 'POST /api/public/evaluations',
    what: 'evaluate the acceptance notice with the code',
    cases: evaluable,
    body: (c, own) => ({ ...withCode(c, own), ...evaluation }),
    fixed: { own: 200, other: 404 },
  },
  {
    op: 'POST /api/public/evaluations',
    what: 'evaluate the acceptance notice without the code',
    cases: evaluable,
    body: (c) => ({ petitionId: c.id, ...evaluation }),
    fixed: { own: 422, other: 422 },
  },
  {
    op: 'GET /healthz',
    what: 'liveness probe',
    fixed: { own: 200 },
    noOther: 'a probe concerns no case',
  },
  {
    op: 'GET /readyz',
    what: 'readiness probe',
    fixed: { own: 200 },
    noOther: 'a probe concerns no case',
  },
];
