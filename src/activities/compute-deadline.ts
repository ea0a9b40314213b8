import { dueDate, getRuleSet, type DeadlineKey, type RuleSet } from '../rules';
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
export function computeDeadline(ruleSet: RuleSet, request: DeadlineRequest): ComputedDeadline {
  const result = dueDate(ruleSet, request.key as DeadlineKey, request.startDate, {
    extensionDays: request.extensionDays,
    pausedDays: request.pausedDays,
    lengthDays: request.lengthDays,
  });
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
