import type { Pool } from 'pg';
import type { ReportQuery } from '../reports';

/**
 * The backlog register's figures (积案台账, not the `backlog` report's 积案 past D5), each defined once: its
 * label, its formula in words (docs/reports.md) and its filter over `backlog_entries` (alias `e`). An entry
 * is in a scope when the unit that keeps it or the unit responsible for it is. `$end` is the period's last
 * day, or the as-of date when earlier.
 */
export const BACKLOG_REGISTER = {
  added: {
    label: '新增积案台账',
    formula: 'entries registered in the period',
    sql: 'e.registered_on BETWEEN $1 AND $2',
  },
  resolved: {
    label: '积案化解',
    formula: 'entries whose outcome “resolved” (化解) is dated in the period',
    sql: "e.outcome = 'resolved' AND e.outcome_on BETWEEN $1 AND $2",
  },
  stoppedPetitioning: {
    label: '积案息诉罢访',
    formula: 'entries whose outcome “stopped petitioning” (息诉罢访) is dated in the period',
    sql: "e.outcome = 'stopped-petitioning' AND e.outcome_on BETWEEN $1 AND $2",
  },
  open: {
    label: '在册未化解积案',
    formula: 'entries registered by the end of the period and without an outcome dated by then',
    sql: "e.registered_on <= $2 AND (e.outcome = 'open' OR e.outcome_on > $2)",
  },
  overdue: {
    label: '逾期未化解积案',
    formula: 'of those open at the end of the period, the entries whose target date had passed by then',
    sql: "e.registered_on <= $2 AND (e.outcome = 'open' OR e.outcome_on > $2) AND e.target_date < $2",
  },
} as const;

export type BacklogRegisterFigure = keyof typeof BACKLOG_REGISTER;

/** The register's figures over a scope and period; a period with no entries gives zeros. */
export async function backlogRegisterCounts(
  pool: Pool,
  query: ReportQuery,
): Promise<Record<BacklogRegisterFigure, number>> {
  const end = query.to < query.asOf ? query.to : query.asOf;
  const columns = Object.entries(BACKLOG_REGISTER)
    .map(([id, f]) => `(count(*) FILTER (WHERE ${f.sql}))::int AS "${id}"`)
    .join(',\n ');
  const { rows } = await pool.query<Record<BacklogRegisterFigure, number>>(
    `SELECT ${columns} FROM backlog_entries e
      WHERE e.owner_unit_id = ANY($3::text[]) OR e.unit_id = ANY($3::text[])`,
    [query.from, end, query.unitIds],
  );
  return rows[0]!;
}
