import {
  caseRuleSetVersion,
  planReplan,
  replanDeadlines,
  type CaseDeadline,
  type ComputedDeadline,
  type DeadlineRequest,
  type ReplanRequest,
} from '../../case';
import type { RunningCase } from '../../db/running-cases';
import { casePolicyOf, getRuleSet, RulesError, type RuleSet } from '../../rules';
import { currentCalendar } from '../../rules/calendar/default-calendar';
import type { WorkingCalendar } from '../../rules/calendar/working-calendar';
import { computeDeadline } from '../../activities/compute-deadline';

/** One open deadline of a running case that the change would move. */
export interface DeadlineMove {
  petitionId: string;
  key: string;
  ruleSetId: string;
  /** The version the deadline was computed with, and the one it would be computed with. */
  ruleSetVersionBefore: string;
  ruleSetVersionAfter: string;
  dueDateBefore: string;
  dueAtBefore: string;
  provisionalBefore: boolean;
  /** Null when the deadline cannot be computed under the change (`problem` says why). */
  dueDateAfter: string | null;
  dueAtAfter: string | null;
  provisionalAfter: boolean | null;
  calendarVersionAfter: string | null;
  /** Judged as of the impact's date: past the due date. */
  overdueBefore: boolean;
  overdueAfter: boolean;
  newlyOverdue: boolean;
  problem?: string;
}

export interface ImpactSummary {
  cases: number;
  deadlines: number;
  newlyOverdue: number;
}

export interface Impact {
  asOf: string;
  moves: DeadlineMove[];
  summary: ImpactSummary;
}

/** Past due on `asOf`: the deadline ends at 24:00 of its due date. */
const pastDue = (dueDate: string, asOf: string): boolean => asOf > dueDate;

/**
 * Open deadlines whose clock runs, as the re-plan recounts them: a paused one (a hearing) is counted again,
 * with the new data, when its hearing closes.
 */
const counting = (deadline: CaseDeadline): boolean =>
  deadline.status === 'running' || deadline.status === 'overdue';

/** The compute function of a re-plan, with a given calendar: the activity's own arithmetic. */
function computeWith(ruleSet: RuleSet, calendar: WorkingCalendar) {
  return (requests: DeadlineRequest[]): ComputedDeadline[] =>
    requests.map((request) => computeDeadline(ruleSet, request, calendar));
}

/**
 * One case re-planned as its workflow would re-plan it (`planReplan`: the same selection and recomputation),
 * without committing anything: the deadlines whose date changes. A record-only change (a provisional date
 * confirmed by the official year) moves nothing and is not listed.
 */
function caseMoves(
  petitionId: string,
  state: RunningCase['state'],
  request: ReplanRequest,
  /** The version to count with; none: the one the case pinned. */
  candidate: RuleSet | undefined,
  calendar: WorkingCalendar,
  asOf: string,
  target?: RuleSet,
): DeadlineMove[] {
  if (state.status === 'closed') return [];
  const pinnedVersion = caseRuleSetVersion(state);
  const targetPolicy = target && casePolicyOf(target);
  const base = (deadline: CaseDeadline) => ({
    petitionId,
    key: deadline.key,
    ruleSetId: state.ruleSetId,
    ruleSetVersionBefore: deadline.ruleSetVersion,
    ruleSetVersionAfter: candidate?.version ?? deadline.ruleSetVersion,
    dueDateBefore: deadline.dueDate,
    dueAtBefore: deadline.dueAt,
    provisionalBefore: deadline.provisional,
    overdueBefore: deadline.status === 'overdue' || pastDue(deadline.dueDate, asOf),
  });
  let pinnedRuleSet: RuleSet;
  try {
    pinnedRuleSet = getRuleSet(state.ruleSetId, pinnedVersion);
  } catch (err) {
    // A version this process cannot load (say, a release taken back): the case is shown, not the preview lost.
    if (!(err instanceof RulesError)) throw err;
    return state.deadlines.filter(counting).map((deadline) => unknownAfter(base(deadline), err.message));
  }
  const pinned = casePolicyOf(pinnedRuleSet);
  const ruleSet = candidate ?? pinnedRuleSet;
  try {
    const { moves } = planReplan(state, pinned, request, computeWith(ruleSet, calendar), targetPolicy);
    return moves
      .filter((move) => move.dateChanged)
      .map((move) => {
        const deadline = state.deadlines.find((d) => counting(d) && d.key === move.key)!;
        const before = base(deadline);
        const overdueAfter = pastDue(move.dueDateAfter, asOf);
        return {
          ...before,
          dueDateAfter: move.dueDateAfter,
          dueAtAfter: move.dueAtAfter,
          provisionalAfter: move.provisionalAfter,
          calendarVersionAfter: move.event.calendarVersion,
          overdueAfter,
          newlyOverdue: overdueAfter && !before.overdueBefore,
        };
      });
  } catch (err) {
    // E.g. the new version caps extensions below what was granted: the dates cannot be kept as they are.
    if (!(err instanceof RulesError)) throw err;
    return replanDeadlines(state, pinned, request, targetPolicy).map((deadline) =>
      unknownAfter(base(deadline), err.message),
    );
  }
}

/** A deadline whose date under the change cannot be computed, and why. */
function unknownAfter(
  before: Omit<
    DeadlineMove,
    | 'dueDateAfter'
    | 'dueAtAfter'
    | 'provisionalAfter'
    | 'calendarVersionAfter'
    | 'overdueAfter'
    | 'newlyOverdue'
  >,
  problem: string,
): DeadlineMove {
  return {
    ...before,
    dueDateAfter: null,
    dueAtAfter: null,
    provisionalAfter: null,
    calendarVersionAfter: null,
    overdueAfter: false,
    newlyOverdue: false,
    problem,
  };
}

function summarise(asOf: string, moves: DeadlineMove[]): Impact {
  return {
    asOf,
    moves,
    summary: {
      cases: new Set(moves.map((m) => m.petitionId)).size,
      deadlines: moves.length,
      newlyOverdue: moves.filter((m) => m.newlyOverdue).length,
    },
  };
}

/**
 * What loading an official year would move: only a provisional date can (a settled one is already
 * counted on official data), recomputed with the candidate calendar and the version the deadline pinned.
 */
export function calendarImpact(
  cases: readonly RunningCase[],
  calendar: WorkingCalendar,
  asOf: string,
): Impact {
  return summarise(
    asOf,
    cases.flatMap(({ petitionId, state }) => caseMoves(petitionId, state, {}, undefined, calendar, asOf)),
  );
}

/** Whether a version declares a transitional provision that reaches the cases already running. */
export const appliesToRunningCases = (ruleSet: RuleSet): boolean =>
  ruleSet.transitional?.appliesToRunningCases === true;

/**
 * What releasing a rule-set version would move: nothing unless it applies to running cases; then every case of
 * its id pinned to an older version adopts it, and each open deadline the new version still has is counted
 * again under it on the running calendar.
 */
export function ruleSetImpact(
  cases: readonly RunningCase[],
  candidate: RuleSet,
  asOf: string,
  calendar: WorkingCalendar = currentCalendar(),
): Impact {
  if (!appliesToRunningCases(candidate)) return summarise(asOf, []);
  const request: ReplanRequest = {
    ruleSetVersion: candidate.version,
    citation: candidate.transitional?.citation,
  };
  return summarise(
    asOf,
    cases
      .filter(({ state }) => state.ruleSetId === candidate.id)
      .flatMap(({ petitionId, state }) =>
        caseMoves(petitionId, state, request, candidate, calendar, asOf, candidate),
      ),
  );
}
