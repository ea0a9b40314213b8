import type { Pool } from 'pg';
import type { CaseState } from '../case';

/** A case that is not closed, as the read model folded it. */
export interface RunningCase {
  petitionId: string;
  state: CaseState;
}

export interface RunningCaseFilter {
  /** Only the cases of this rule set. */
  ruleSetId?: string;
  /** Only cases with a deadline computed provisionally (its year's holidays were unknown); open or not. */
  withProvisionalDeadline?: boolean;
}

/** The running cases, by number; the filters narrow the read, the caller still checks each deadline. */
export async function listRunningCases(pool: Pool, filter: RunningCaseFilter = {}): Promise<RunningCase[]> {
  const { rows } = await pool.query<{ id: string; caseState: CaseState }>(
    `SELECT id, case_state AS "caseState" FROM petitions
      WHERE status <> 'closed' AND case_state IS NOT NULL
        AND ($1::text IS NULL OR rule_set_id = $1)
        AND (NOT $2::boolean OR case_state->'deadlines' @> '[{"provisional": true}]'::jsonb)
      ORDER BY id`,
    [filter.ruleSetId ?? null, filter.withProvisionalDeadline ?? false],
  );
  return rows.map((row) => ({ petitionId: row.id, state: row.caseState }));
}
