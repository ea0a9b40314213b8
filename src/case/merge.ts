import { accept, refuse, type RuleMap } from './decision';
import { type CaseStatus } from './vocabulary';
import type { CaseState } from './state';

/**
 * 并案: a duplicate merged into the case it repeats. The merged case closes as `merged` (its deadlines
 * cancelled as at any closure); the surviving case shows its documents. Undone (`unmerge`) while the
 * surviving case is open — which the API checks, the case knows only the other case's number.
 */
export interface CaseMerge {
  intoCaseId: string;
  reasonDocumentId: string;
  mergedOn: string;
  mergedBy: string;
  /** Where the case stood when merged: an unmerge reopens it there. */
  previousStatus: CaseStatus;
  /** The deadlines the merge cancelled: an unmerge starts them again from their own start dates. */
  openDeadlineKeys: string[];
}

/** A case closed as merged is not finished: it waits (no timers) to be unmerged. */
export function isMerged(state: CaseState): boolean {
  return state.status === 'closed' && state.closure?.reason === 'merged';
}

export const MERGE_RULES = {
  merge(state, c, ctx) {
    if (c.intoCaseId === state.petitionId) {
      return refuse('invalid_argument', 'a case cannot be merged into itself', 'into');
    }
    if (!c.reasonDocumentId) return refuse('invalid_argument', 'a reason is required', 'reason');
    return accept(
      { type: 'merged', intoCaseId: c.intoCaseId, reasonDocumentId: c.reasonDocumentId, mergedOn: ctx.today },
      { type: 'closed', reason: 'merged', closedOn: ctx.today },
    );
  },

  unmerge(state, c, ctx) {
    if (!isMerged(state) || !state.merge) {
      return refuse('transition_not_allowed', 'only a case closed as merged can be unmerged');
    }
    if (!c.reasonDocumentId) return refuse('invalid_argument', 'a reason is required', 'reason');
    return accept({
      type: 'unmerged',
      fromCaseId: state.merge.intoCaseId,
      reasonDocumentId: c.reasonDocumentId,
      unmergedOn: ctx.today,
      reopenedStatus: state.merge.previousStatus,
      deadlineKeys: state.merge.openDeadlineKeys,
    });
  },
} satisfies Partial<RuleMap>;
