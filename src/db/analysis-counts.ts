import type { Pool } from 'pg';
import { RESPONSIBLE_UNIT_SQL } from './report-figures';
import { IN_PERIOD, type ReportQuery, run } from './reports';

/** A group of similar new cases: the same subject matter at the same responsible unit, in the period. */
export interface CaseCluster {
  domain: string;
  category: string;
  unitId: string;
  unitName: string;
  count: number;
  /** The first cases of the group, oldest first. */
  petitionIds: string[];
}

/**
 * Clusters of similar new cases (同类事项相对集中) for the monthly situation analysis: the cases received in
 * the period that share their subject-matter code as registered (the finer level where the registrar chose
 * it) and their responsible unit (the handling unit, or the registering bureau while none is named). The read
 * model holds no address or project of a matter: the responsible unit — down to a township or a department —
 * stands for the place. Groups of `minCases` or more, largest first.
 */
export async function similarCaseClusters(
  pool: Pool,
  query: ReportQuery,
  minCases: number,
  limit: number,
): Promise<CaseCluster[]> {
  return run<CaseCluster>(
    pool,
    query,
    `SELECT c.domain, min(c.domain_category) AS category, u.id AS "unitId", u.name AS "unitName",
            count(*)::int AS count,
            (array_agg(c.petition_id ORDER BY c.received_on, c.petition_id))[1:10] AS "petitionIds"
       FROM report_cases c JOIN units u ON u.id = ${RESPONSIBLE_UNIT_SQL}
      WHERE ${IN_PERIOD}
      GROUP BY c.domain, u.id
     HAVING count(*) >= ${Math.trunc(minCases)}
      ORDER BY count DESC, c.domain, u.id
      LIMIT ${Math.trunc(limit)}`,
  );
}
