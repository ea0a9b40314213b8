import { toShanghaiDate } from '../rules';
import type { CaseDeadline, CaseState } from '../case';

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
  /** 包案: the case-owning leader's target date, and the day the matter was settled (reply or agreement). */
  ownerTargetDate: string | null;
  ownerSettledOn: string | null;
  evaluationsInvited: number;
  evaluationsGiven: number;
  evaluationsSatisfied: number;
  /** The case's dated acts the after-care and resolution figures count (see `caseActsOf`); null: none. */
  caseActs: CaseActs | null;
}

/**
 * The parts of the fold the after-care and resolution figures count, as the fold has them: return visits,
 * evaluations, follow-ups with their deadlines, the resolution record. Kept beside the case's report row
 * (report_cases.case_acts, a few hundred bytes) so that the reports read them there: the whole fold (3–5 KB,
 * compressed out of line) read for every case of a province took a second per 10 000 cases (the reports
 * bench). Migration 1796000000024 wrote them for the cases before it with CASE_ACTS_SQL, the same parts.
 */
export interface CaseActs {
  returnVisits?: CaseState['returnVisits'];
  evaluations?: CaseState['evaluations'];
  followUps?: CaseState['followUps'];
  deadlines?: CaseDeadline[];
  resolution?: CaseState['resolution'];
}

export function caseActsOf(state: CaseState): CaseActs | null {
  const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);
  const acts: CaseActs = {
    returnVisits: nonEmpty(state.returnVisits),
    evaluations: nonEmpty(state.evaluations),
    followUps: nonEmpty(state.followUps),
    deadlines: nonEmpty(state.deadlines.filter((d) => d.key === 'follow-up')),
    resolution: state.resolution,
  };
  const present = Object.entries(acts).filter(([, value]) => value !== undefined && value !== null);
  return present.length > 0 ? (Object.fromEntries(present) as CaseActs) : null;
}

/**
 * CASE_ACTS_SQL over a case state (`state`, a jsonb expression): the same parts as `caseActsOf`, in SQL, for
 * rows written before the column (migration 1796000000024 repeats it) and for the reports bench's cases.
 */
export const CASE_ACTS_SQL = (state: string) => `(
  SELECT jsonb_object_agg(part.key, part.value) FROM jsonb_each(jsonb_build_object(
    'returnVisits', NULLIF(${state} -> 'returnVisits', '[]'::jsonb),
    'evaluations', NULLIF(${state} -> 'evaluations', '[]'::jsonb),
    'followUps', NULLIF(${state} -> 'followUps', '[]'::jsonb),
    'deadlines', (SELECT jsonb_agg(d.value ORDER BY d.ordinality)
                    FROM jsonb_array_elements(${state} -> 'deadlines') WITH ORDINALITY d
                   WHERE d.value ->> 'key' = 'follow-up'),
    'resolution', ${state} -> 'resolution')) part
   WHERE part.value IS NOT NULL AND part.value <> 'null'::jsonb)`;

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
    ownerTargetDate: state.caseOwner?.targetDate ?? null,
    ownerSettledOn: state.caseOwner
      ? (state.reply?.deliveredOn ?? state.agreement?.carriedOutOn ?? null)
      : null,
    evaluationsInvited: evaluations.length,
    evaluationsGiven: graded.length,
    evaluationsSatisfied: graded.filter((e) => e.grade !== 'dissatisfied').length,
    caseActs: caseActsOf(state),
  };
}
