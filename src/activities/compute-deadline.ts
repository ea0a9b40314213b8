import { dueDate, getRuleSet, type DeadlineKey } from '../rules';
import type { ComputedDeadline, DeadlineRequest } from '../case';

export interface ComputeDeadlinesInput {
  ruleSetId: string;
  requests: DeadlineRequest[];
}

export function computeDeadlines({ ruleSetId, requests }: ComputeDeadlinesInput): ComputedDeadline[] {
  return requests.map((request) => computeDeadline(ruleSetId, request));
}

/**
 * A deadline's dates by the rule set and the official calendar, as the case engine records them. The
 * step-by-step explanation is not recorded (history stays small); readers recompute it (explainDeadline).
 */
export function computeDeadline(ruleSetId: string, request: DeadlineRequest): ComputedDeadline {
  const result = dueDate(getRuleSet(ruleSetId), request.key as DeadlineKey, request.startDate, {
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
