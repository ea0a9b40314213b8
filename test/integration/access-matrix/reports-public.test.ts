import { CALLERS, LOGINS } from './matrix';
import { ADMIN_ROWS } from './rows/admin';
import { CASE_FILE_ROWS } from './rows/case-file';
import { BACKLOG_ROWS } from './rows/backlog';
import { NOTIFICATION_ROWS } from './rows/notifications';
import { PETITION_ROWS } from './rows/petitions';
import { PROCEDURE_ROWS } from './rows/procedures';
import { PUBLIC_ROWS } from './rows/public';
import { ME_ROWS } from './rows/me';
import { QUEUE_ROWS } from './rows/queue';
import { REPORT_ROWS } from './rows/reports';
import { REVIEW_CHAIN_ROWS } from './rows/review-chain';
import { SCREENING_ROWS } from './rows/screening';
import { SUPERVISION_ROWS } from './rows/supervision';
import { VISIT_ROWS } from './rows/visits';
import { documentedOperations } from './runner';
import { matrixSuite } from './suite';

/** The access matrix of the reports and the public routes; and the matrix's coverage of the API. */
const app = matrixSuite('reports-public', { reports: REPORT_ROWS, public: PUBLIC_ROWS });

const ALL_ROWS = [
  ...PETITION_ROWS,
  ...PROCEDURE_ROWS,
  ...REVIEW_CHAIN_ROWS,
  ...SUPERVISION_ROWS,
  ...NOTIFICATION_ROWS,
  ...REPORT_ROWS,
  ...PUBLIC_ROWS,
  ...ADMIN_ROWS,
  ...CASE_FILE_ROWS,
  ...VISIT_ROWS,
  ...SCREENING_ROWS,
  ...BACKLOG_ROWS,
  ...QUEUE_ROWS,
  ...ME_ROWS,
];

it('has rows for every operation of the OpenAPI document, and none for an operation not in it', async () => {
  const documented = [...(await documentedOperations(app())).keys()];
  const covered = new Set(ALL_ROWS.map((row) => row.op));
  expect(documented.filter((op) => !covered.has(op))).toEqual([]);
  expect([...covered].filter((op) => !documented.includes(op))).toEqual([]);
  console.log(
    `access matrix: ${documented.length} operations, ${ALL_ROWS.length} rows, ${CALLERS.length} callers`,
  );
});

it('names only demo logins in its rows', () => {
  const named = ALL_ROWS.flatMap((row) => [
    ...(Array.isArray(row.allowed) ? row.allowed : []),
    ...(row.except ?? []).flatMap((e) => e.who),
  ]);
  expect(named.filter((login) => !CALLERS.includes(login))).toEqual([]);
  expect(LOGINS.length).toBeGreaterThanOrEqual(11);
});
