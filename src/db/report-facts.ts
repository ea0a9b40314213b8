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
    ownerTargetDate: state.caseOwner?.targetDate ?? null,
    ownerSettledOn: state.caseOwner
      ? (state.reply?.deliveredOn ?? state.agreement?.carriedOutOn ?? null)
      : null,
    evaluationsInvited: evaluations.length,
    evaluationsGiven: graded.length,
    evaluationsSatisfied: graded.filter((e) => e.grade !== 'dissatisfied').length,
  };
}
