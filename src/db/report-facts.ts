import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';
import { toShanghaiDate } from '../rules';
import type { CaseDeadline, CaseState } from '../workflows/case';

/** The deadlines that are D5: the statutory limit to handle and reply (the simplified procedure's, too). */
const HANDLE_KEYS = ['handle', 'handle-simplified'];

/** What the reports count of one case, from its fold (see report_cases). */
export interface ReportFacts {
  handlingUnitId: string | null;
  status: string;
  acknowledgeDue: string | null;
  acknowledgedOn: string | null;
  handleDue: string | null;
  handledOn: string | null;
  closedOn: string | null;
  withdrawn: boolean;
  caseOwned: boolean;
  evaluationsInvited: number;
  evaluationsGiven: number;
  evaluationsSatisfied: number;
}

/**
 * The last deadline of these keys that still counts: a cancelled one (re-routed, withdrawn, procedure
 * changed) is not a limit anyone missed.
 */
function lastLimit(state: CaseState, keys: string[]): CaseDeadline | undefined {
  return state.deadlines.filter((d) => keys.includes(d.key) && d.status !== 'cancelled').pop();
}

const metOn = (deadline: CaseDeadline | undefined) =>
  deadline?.status === 'met' && deadline.metAt ? toShanghaiDate(deadline.metAt) : null;

export function reportFactsOf(state: CaseState): ReportFacts {
  const acknowledge = lastLimit(state, ['acknowledge']);
  const handle = lastLimit(state, HANDLE_KEYS);
  const evaluations = state.evaluations ?? [];
  const graded = evaluations.filter((e) => e.grade);
  return {
    handlingUnitId: state.handlingUnitId ?? null,
    status: state.status,
    acknowledgeDue: acknowledge?.dueDate ?? null,
    acknowledgedOn: metOn(acknowledge),
    handleDue: handle?.dueDate ?? null,
    handledOn: metOn(handle),
    closedOn: state.closure?.on ?? null,
    withdrawn: state.withdrawal !== undefined,
    caseOwned: state.caseOwner !== undefined,
    evaluationsInvited: evaluations.length,
    evaluationsGiven: graded.length,
    evaluationsSatisfied: graded.filter((e) => e.grade !== 'dissatisfied').length,
  };
}

/** petition id, handling unit, status, the four D2/D5 dates, closed on, withdrawn, case owned, evaluations
 * invited, given, satisfied. */
type ReportRowValues = [
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  boolean,
  boolean,
  number,
  number,
  number,
];
const upsertReportRow = prepared<ReportRowValues>(
  'report-upsert-case',
  `INSERT INTO report_cases AS r (petition_id, received_on, bureau_unit_id, registration_level, channel, domain,
          first_time, handling_unit_id, status, acknowledge_due, acknowledged_on, handle_due, handled_on,
          closed_on, withdrawn, case_owned, evaluations_invited, evaluations_given, evaluations_satisfied)
   SELECT p.id, p.received_on, p.bureau_unit_id, p.registration_level, p.channel, p.domain, p.first_time,
          $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
     FROM petitions p WHERE p.id = $1
   ON CONFLICT (petition_id) DO UPDATE SET
     handling_unit_id = EXCLUDED.handling_unit_id, status = EXCLUDED.status,
     acknowledge_due = EXCLUDED.acknowledge_due, acknowledged_on = EXCLUDED.acknowledged_on,
     handle_due = EXCLUDED.handle_due, handled_on = EXCLUDED.handled_on, closed_on = EXCLUDED.closed_on,
     withdrawn = EXCLUDED.withdrawn, case_owned = EXCLUDED.case_owned,
     evaluations_invited = EXCLUDED.evaluations_invited, evaluations_given = EXCLUDED.evaluations_given,
     evaluations_satisfied = EXCLUDED.evaluations_satisfied`,
);

/** Writes the case's report row (in the event writer's transaction); registration columns come from petitions. */
export async function projectReportFacts(client: PoolClient | Pool, petitionId: string, state: CaseState) {
  const f = reportFactsOf(state);
  await client.query(
    upsertReportRow(
      petitionId,
      f.handlingUnitId,
      f.status,
      f.acknowledgeDue,
      f.acknowledgedOn,
      f.handleDue,
      f.handledOn,
      f.closedOn,
      f.withdrawn,
      f.caseOwned,
      f.evaluationsInvited,
      f.evaluationsGiven,
      f.evaluationsSatisfied,
    ),
  );
}

/** Writes the report rows of cases that have a fold but no row yet (cases recorded before the reports). */
export async function backfillReportFacts(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ id: string; case_state: CaseState }>(
    `SELECT p.id, p.case_state FROM petitions p
      WHERE p.case_state IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_cases r WHERE r.petition_id = p.id)`,
  );
  for (const row of rows) await projectReportFacts(pool, row.id, row.case_state);
  return rows.length;
}
