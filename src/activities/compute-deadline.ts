import {
  computeDueDate,
  dueDate,
  getRuleSet,
  type DeadlineKey,
  type RuleSet,
  type WorkingCalendar,
} from '../rules';
import type { ComputedDeadline, DeadlineRequest } from '../case';

export interface ComputeDeadlinesInput {
  ruleSetId: string;
  /** The version the case pinned; absent only in activities scheduled before versions were loaded side by side. */
  ruleSetVersion?: string;
  requests: DeadlineRequest[];
}

export function computeDeadlines({
  ruleSetId,
  ruleSetVersion,
  requests,
}: ComputeDeadlinesInput): ComputedDeadline[] {
  const ruleSet = getRuleSet(ruleSetId, ruleSetVersion);
  return requests.map((request) => computeDeadline(ruleSet, request));
}

/**
 * A deadline's dates by the rule set and the official calendar, as the case engine records them. The
 * step-by-step explanation is not recorded (history stays small); readers recompute it (explainDeadline).
 */
export function computeDeadline(
  ruleSet: RuleSet,
  request: DeadlineRequest,
  /** Another calendar than the current one: a preview of a year not added yet (`rules impact`). */
  calendar?: WorkingCalendar,
): ComputedDeadline {
  const options = {
    extensionDays: request.extensionDays,
    pausedDays: request.pausedDays,
    lengthDays: request.lengthDays,
  };
  const result = calendar
    ? computeDueDate(calendar, ruleSet, request.key, request.startDate, options)
    : dueDate(ruleSet, request.key as DeadlineKey, request.startDate, options);
  return {
    key: result.deadlineKey,
    kind: result.kind,
    startDate: result.startDate,
    dueDate: result.dueDate,
    dueAt: result.dueAt,
    extensionDays: result.extensionDays,
    ...(request.lengthDays ? { lengthDays: request.lengthDays } : {}),
    ...(result.pausedDays ? { pausedDays: result.pausedDays } : {}),
    provisional: result.provisional,
    calendarVersion: result.calendarVersion,
    warnings: result.warnings.map((w) => ({ daysBefore: w.daysBefore, notify: [...w.notify] })),
  };
}
