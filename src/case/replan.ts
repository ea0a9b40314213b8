import type { CasePolicy } from '../rules/case-policy';
import { compareVersions } from '../rules/versions';
import { type ComputedDeadline, type DeadlineRequest, movedDeadline, recheckRequest } from './deadlines';
import type { CaseEventBody, EventOf } from './events';
import type { CaseDeadline, CaseState } from './state';

/**
 * A re-plan of a running case after its rules data changed: an official calendar year was added (its
 * provisional deadlines are counted again) or a rule-set version with a transitional provision was released
 * (the case adopts it; its open deadlines are counted again under it, from the same start dates with the same
 * extensions and paused days). Pure: the workflow's Update and `rules impact` run the same selection and the
 * same recomputation, so the preview lists exactly what the re-plan moves.
 */

/** What a re-plan is for: a calendar change (no version), or the adoption of a newer version of the case's rule set. */
export interface ReplanRequest {
  ruleSetVersion?: string;
  /** The transitional provision's citation (for the adoption event). */
  citation?: string;
}

/** One deadline a re-plan moves: the event it commits and the dates before and after, for reports. */
export interface ReplanMove {
  key: string;
  dueDateBefore: string;
  dueDateAfter: string;
  dueAtBefore: string;
  dueAtAfter: string;
  /** False when only the record changes (the date is now official, or counted under the new version, yet the same). */
  dateChanged: boolean;
  provisionalBefore: boolean;
  provisionalAfter: boolean;
  event: EventOf<'deadline-recomputed'>;
}

/** The version a case computes with: the one it adopted, else the one its deadlines were started under. */
export function caseRuleSetVersion(state: CaseState): string | undefined {
  return state.ruleSetVersion ?? state.deadlines[0]?.ruleSetVersion;
}

/** Whether a re-plan for a version would have the case adopt it: same rule set, pinned to an older version. */
export function adoptsVersion(state: CaseState, pinned: CasePolicy, ruleSetVersion: string): boolean {
  return (
    state.status !== 'closed' &&
    state.ruleSetId === pinned.ruleSetId &&
    compareVersions(ruleSetVersion, pinned.ruleSetVersion) > 0
  );
}

/** Open deadlines whose clock runs (a paused one is counted again when its hearing closes). */
function recountable(state: CaseState): CaseDeadline[] {
  return state.deadlines.filter((d) => d.status === 'running' || d.status === 'overdue');
}

/**
 * The deadlines a re-plan counts again, as requests for the compute function: for a calendar change, every
 * open provisional one; for a version the case adopts (`target`: its policy), every open one the new version
 * still has. None for a closed case, or a version the case does not adopt.
 */
export function replanDeadlines(
  state: CaseState,
  pinned: CasePolicy,
  request: ReplanRequest,
  target?: CasePolicy,
): CaseDeadline[] {
  if (state.status === 'closed') return [];
  if (request.ruleSetVersion === undefined) return recountable(state).filter((d) => d.provisional);
  if (!target || !adoptsVersion(state, pinned, request.ruleSetVersion)) return [];
  return recountable(state).filter((d) => target.deadlines.some((rule) => rule.key === d.key));
}

export function replanRequests(deadlines: readonly CaseDeadline[]): DeadlineRequest[] {
  return deadlines.map(recheckRequest);
}

/** The moves of the recounted deadlines (`computed`: the compute function's answers, in the same order). */
export function replanMoves(
  deadlines: readonly CaseDeadline[],
  computed: readonly ComputedDeadline[],
  ruleSetVersion?: string,
): ReplanMove[] {
  return deadlines.flatMap((deadline, index) => {
    const fresh = computed[index];
    const moved = fresh && movedDeadline(deadline, fresh);
    if (!moved || moved.type !== 'deadline-recomputed') return [];
    const event =
      ruleSetVersion && ruleSetVersion !== deadline.ruleSetVersion ? { ...moved, ruleSetVersion } : moved;
    return [
      {
        key: deadline.key,
        dueDateBefore: deadline.dueDate,
        dueDateAfter: event.dueDate,
        dueAtBefore: deadline.dueAt,
        dueAtAfter: event.dueAt,
        dateChanged: event.dueAt !== deadline.dueAt,
        provisionalBefore: deadline.provisional,
        provisionalAfter: event.provisional,
        event,
      },
    ];
  });
}

/** The event recording that the case adopts a version (before its recomputed deadlines). */
export function adoptionEvent(
  pinned: CasePolicy,
  request: Required<Pick<ReplanRequest, 'ruleSetVersion'>> & ReplanRequest,
): CaseEventBody {
  return {
    type: 'rule-set-adopted',
    ruleSetVersion: request.ruleSetVersion,
    previousVersion: pinned.ruleSetVersion,
    citation: request.citation ?? '',
  };
}

/**
 * Everything a re-plan of one case would do, with a synchronous compute function (the rule engine, as
 * `rules impact` runs it): the adoption (if any) and the moves. The workflow's re-plan commits exactly these.
 */
export function planReplan(
  state: CaseState,
  pinned: CasePolicy,
  request: ReplanRequest,
  compute: (requests: DeadlineRequest[]) => ComputedDeadline[],
  target?: CasePolicy,
): { adopts: boolean; moves: ReplanMove[] } {
  const adopts =
    request.ruleSetVersion !== undefined &&
    target !== undefined &&
    adoptsVersion(state, pinned, request.ruleSetVersion);
  const deadlines = replanDeadlines(state, pinned, request, target);
  const computed = deadlines.length > 0 ? compute(replanRequests(deadlines)) : [];
  return { adopts, moves: replanMoves(deadlines, computed, adopts ? request.ruleSetVersion : undefined) };
}

/**
 * Whether a running case (its read-model state) is one a change re-plans: for a calendar change, a case with
 * an open provisional deadline; for a version of `ruleSetId` with a transitional provision, a case of that
 * rule set whose version is older. `calendar add-year`, `rules release` and `rules impact` select with it.
 */
export function selectedForReplan(
  state: CaseState,
  change: { ruleSetId?: string; ruleSetVersion?: string },
): boolean {
  if (state.status === 'closed') return false;
  if (change.ruleSetVersion === undefined) return recountable(state).some((d) => d.provisional);
  const current = caseRuleSetVersion(state);
  return (
    state.ruleSetId === change.ruleSetId &&
    current !== undefined &&
    compareVersions(change.ruleSetVersion, current) > 0
  );
}
