import type { Pool } from 'pg';
import { REPORT_ACTS_SQL } from '../../src/db/report-acts';

/**
 * The acts the projection wrote (report_acts) against those taken in SQL from each case state (REPORT_ACTS_SQL,
 * as migration 1796000000024 filled them for the cases before it), as multisets: `missing` and `extra` must be
 * 0; `acts` counts the written ones of each kind.
 */
export async function reportActsAgainstStates(pool: Pick<Pool, 'query'>) {
  const derived = `SELECT r.petition_id, a.act, a.detail, a.on_date, r.bureau_unit_id, r.handling_unit_id
                     FROM report_cases r JOIN petitions p ON p.id = r.petition_id
                    CROSS JOIN LATERAL (${REPORT_ACTS_SQL('p.case_state')}) a`;
  const written = `SELECT petition_id, act, detail, on_date, bureau_unit_id, handling_unit_id FROM report_acts`;
  const { rows } = await pool.query<{ missing: number; extra: number; acts: Record<string, number> | null }>(
    `SELECT (SELECT count(*)::int FROM (${derived} EXCEPT ALL ${written}) m) AS missing,
            (SELECT count(*)::int FROM (${written} EXCEPT ALL ${derived}) e) AS extra,
            (SELECT jsonb_object_agg(act, n) FROM (SELECT act, count(*)::int AS n FROM report_acts GROUP BY act) k)
              AS acts`,
  );
  return { ...rows[0]!, acts: rows[0]!.acts ?? {} };
}
