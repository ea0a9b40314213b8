import type { Pool } from 'pg';
import { CASE_ACTS_SQL } from '../../src/db/report-facts';

/**
 * How the report rows' acts (report_cases.case_acts, written by the projection) stand against the same parts
 * taken in SQL from each case state (CASE_ACTS_SQL, as migration 1796000000024 filled the rows before it):
 * `differ` must be 0; the others say which parts the cases had.
 */
export async function caseActsAgainstStates(pool: Pick<Pool, 'query'>, part: string) {
  const { rows } = await pool.query<Record<'cases' | 'differ' | 'withActs' | 'withPart', number>>(
    `SELECT count(*)::int AS cases,
            (count(*) FILTER (WHERE r.case_acts IS DISTINCT FROM ${CASE_ACTS_SQL('p.case_state')}))::int AS differ,
            (count(*) FILTER (WHERE r.case_acts IS NOT NULL))::int AS "withActs",
            (count(*) FILTER (WHERE r.case_acts ? $1))::int AS "withPart"
       FROM report_cases r JOIN petitions p ON p.id = r.petition_id`,
    [part],
  );
  return rows[0]!;
}
