import type { CaseState } from '../case';

/**
 * The dated acts of a case the after-care and resolution figures count, one row each in `report_acts` beside
 * the case's report row (written in the same statement): a figure of a period reads the acts dated in it, by
 * their date's index, never the cases' whole folds (3–5 KB each: a province's summary spent seconds reading
 * every one — the reports bench).
 */
export type ActKind =
  | 'return-visit'
  | 'evaluation'
  | 'follow-up-opened'
  | 'follow-up-closed'
  | 'follow-up-overdue'
  | 'measure'
  | 'agreement'
  | 'stopped-petitioning'
  | 'carried-out';

export interface ReportAct {
  act: ActKind;
  /** A return visit's satisfaction (or `unreached`), an evaluation's grade, a measure's name; else null. */
  detail: string | null;
  onDate: string;
}

export function reportActsOf(state: CaseState): ReportAct[] {
  const acts: ReportAct[] = [];
  const add = (act: ActKind, onDate: string | undefined, detail: string | null = null) => {
    if (onDate) acts.push({ act, detail, onDate });
  };
  for (const v of state.returnVisits ?? [])
    add('return-visit', v.visitedOn, v.reached === false ? 'unreached' : (v.satisfaction ?? null));
  for (const e of state.evaluations ?? []) if (e.grade) add('evaluation', e.evaluatedOn, e.grade);
  for (const f of state.followUps ?? []) {
    add('follow-up-opened', f.openedOn);
    if (f.status === 'closed') add('follow-up-closed', f.closedOn);
  }
  for (const d of state.deadlines)
    if (d.key === 'follow-up' && d.overdueAt !== undefined) add('follow-up-overdue', d.dueDate);
  const resolution = state.resolution;
  for (const m of resolution?.measures ?? []) add('measure', m.on, m.measure);
  add('agreement', resolution?.agreement?.agreedOn);
  add('stopped-petitioning', resolution?.stoppedPetitioning?.on);
  add('carried-out', resolution?.carriedOut?.on);
  return acts;
}

/**
 * `reportActsOf` in SQL over a case state (`state`, a jsonb expression): rows (act, detail, on_date). Migration
 * 1796000000024 filled `report_acts` for the cases before it with the same query; the reports bench loads its
 * cases' acts with it; the tests hold the projection's rows against it.
 */
export const REPORT_ACTS_SQL = (state: string) => `SELECT * FROM (
  SELECT 'return-visit' AS act,
         CASE WHEN (v ->> 'reached')::boolean IS FALSE THEN 'unreached' ELSE v ->> 'satisfaction' END AS detail,
         (v ->> 'visitedOn')::date AS on_date
    FROM jsonb_array_elements(coalesce(${state} -> 'returnVisits', '[]')) v WHERE v ? 'visitedOn'
  UNION ALL
  SELECT 'evaluation', e ->> 'grade', (e ->> 'evaluatedOn')::date
    FROM jsonb_array_elements(coalesce(${state} -> 'evaluations', '[]')) e WHERE e ? 'grade' AND e ? 'evaluatedOn'
  UNION ALL
  SELECT 'follow-up-opened', NULL, (f ->> 'openedOn')::date
    FROM jsonb_array_elements(coalesce(${state} -> 'followUps', '[]')) f WHERE f ? 'openedOn'
  UNION ALL
  SELECT 'follow-up-closed', NULL, (f ->> 'closedOn')::date
    FROM jsonb_array_elements(coalesce(${state} -> 'followUps', '[]')) f
   WHERE f ->> 'status' = 'closed' AND f ? 'closedOn'
  UNION ALL
  SELECT 'follow-up-overdue', NULL, (d ->> 'dueDate')::date
    FROM jsonb_array_elements(coalesce(${state} -> 'deadlines', '[]')) d
   WHERE d ->> 'key' = 'follow-up' AND d ? 'overdueAt' AND d ? 'dueDate'
  UNION ALL
  SELECT 'measure', m ->> 'measure', (m ->> 'on')::date
    FROM jsonb_array_elements(coalesce(${state} #> '{resolution,measures}', '[]')) m WHERE m ? 'on'
  UNION ALL
  SELECT 'agreement', NULL, (${state} #>> '{resolution,agreement,agreedOn}')::date
   WHERE ${state} #>> '{resolution,agreement,agreedOn}' IS NOT NULL
  UNION ALL
  SELECT 'stopped-petitioning', NULL, (${state} #>> '{resolution,stoppedPetitioning,on}')::date
   WHERE ${state} #>> '{resolution,stoppedPetitioning,on}' IS NOT NULL
  UNION ALL
  SELECT 'carried-out', NULL, (${state} #>> '{resolution,carriedOut,on}')::date
   WHERE ${state} #>> '{resolution,carriedOut,on}' IS NOT NULL) acts
 WHERE acts.on_date IS NOT NULL`;
