import { recheckRequest, type CaseDeadline } from '../../case';
import type { RunningCase } from '../../db/running-cases';
import { compareVersions, getRuleSet, RulesError, type DeadlineKey, type RuleSet } from '../../rules';
import { defaultCalendar } from '../../rules/calendar/default-calendar';
import type { WorkingCalendar } from '../../rules/calendar/working-calendar';
import { computeDueDate } from '../../rules/due-date';

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

/**
 * The deadline recomputed as the workflow would re-check it (its own start, extension, paused and length days),
 * under another rule-set version or calendar; the move, if the due instant differs.
 */
function moveOf(
  petitionId: string,
  ruleSetId: string,
  deadline: CaseDeadline,
  ruleSet: RuleSet,
  calendar: WorkingCalendar,
  asOf: string,
): DeadlineMove | undefined {
  const request = recheckRequest(deadline);
  const before = {
    petitionId,
    key: deadline.key,
    ruleSetId,
    ruleSetVersionBefore: deadline.ruleSetVersion,
    ruleSetVersionAfter: ruleSet.version,
    dueDateBefore: deadline.dueDate,
    dueAtBefore: deadline.dueAt,
    provisionalBefore: deadline.provisional,
  };
  const overdueBefore = deadline.status === 'overdue' || pastDue(deadline.dueDate, asOf);
  try {
    const after = computeDueDate(calendar, ruleSet, request.key as DeadlineKey, request.startDate, {
      extensionDays: request.extensionDays,
      pausedDays: request.pausedDays,
      lengthDays: request.lengthDays,
    });
    if (after.dueAt === deadline.dueAt) return undefined;
    const overdueAfter = pastDue(after.dueDate, asOf);
    return {
      ...before,
      dueDateAfter: after.dueDate,
      dueAtAfter: after.dueAt,
      provisionalAfter: after.provisional,
      calendarVersionAfter: after.calendarVersion,
      overdueBefore,
      overdueAfter,
      newlyOverdue: overdueAfter && !overdueBefore,
    };
  } catch (err) {
    // E.g. the new version caps extensions below what was granted: the date cannot be kept as it is.
    if (!(err instanceof RulesError)) throw err;
    return {
      ...before,
      dueDateAfter: null,
      dueAtAfter: null,
      provisionalAfter: null,
      calendarVersionAfter: null,
      overdueBefore,
      overdueAfter: false,
      newlyOverdue: false,
      problem: err.message,
    };
  }
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

/** Running (not closed) cases' counting deadlines that `select` picks, each recomputed by `recompute`. */
function impactOf(
  cases: readonly RunningCase[],
  asOf: string,
  select: (state: RunningCase['state'], deadline: CaseDeadline) => boolean,
  recompute: (
    petitionId: string,
    state: RunningCase['state'],
    deadline: CaseDeadline,
  ) => DeadlineMove | undefined,
): Impact {
  const moves: DeadlineMove[] = [];
  for (const { petitionId, state } of cases) {
    if (state.status === 'closed') continue;
    for (const deadline of state.deadlines) {
      if (!counting(deadline) || !select(state, deadline)) continue;
      const move = recompute(petitionId, state, deadline);
      if (move) moves.push(move);
    }
  }
  return summarise(asOf, moves);
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
  return impactOf(
    cases,
    asOf,
    (_state, deadline) => deadline.provisional,
    (petitionId, state, deadline) =>
      moveOf(
        petitionId,
        state.ruleSetId,
        deadline,
        getRuleSet(state.ruleSetId, deadline.ruleSetVersion),
        calendar,
        asOf,
      ),
  );
}

/** Whether a version declares a transitional provision that reaches the cases already running. */
export const appliesToRunningCases = (ruleSet: RuleSet): boolean =>
  ruleSet.transitional?.appliesToRunningCases === true;

/**
 * What releasing a rule-set version would move: nothing unless it applies to running cases; then every open
 * deadline of its id computed with an older version and still in the new one, recomputed with it on the
 * running calendar (a deadline the new version drops is left as it is).
 */
export function ruleSetImpact(
  cases: readonly RunningCase[],
  candidate: RuleSet,
  asOf: string,
  calendar: WorkingCalendar = defaultCalendar,
): Impact {
  if (!appliesToRunningCases(candidate)) return summarise(asOf, []);
  return impactOf(
    cases,
    asOf,
    (state, deadline) =>
      state.ruleSetId === candidate.id &&
      compareVersions(deadline.ruleSetVersion, candidate.version) < 0 &&
      candidate.deadlines.some((rule) => rule.key === deadline.key),
    (petitionId, state, deadline) => moveOf(petitionId, state.ruleSetId, deadline, candidate, calendar, asOf),
  );
}
