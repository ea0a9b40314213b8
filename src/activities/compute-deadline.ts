import { dueDate, getRuleSet, type DeadlineKey } from '../rules';
import type { ComputedDeadline, DeadlineRequest } from '../workflows/case';

export interface ComputeDeadlineInput {
  ruleSetId: string;
  request: DeadlineRequest;
}

/** A deadline's dates by the rule set and the official calendar, as the case engine records them. */
export function computeDeadline({ ruleSetId, request }: ComputeDeadlineInput): ComputedDeadline {
  const result = dueDate(getRuleSet(ruleSetId), request.key as DeadlineKey, request.startDate, {
    extensionDays: request.extensionDays,
    lengthDays: request.lengthDays,
  });
  return {
    key: result.deadlineKey,
    responsible: result.actor,
    policy: result.expiry.policy,
    kind: result.kind,
    startDate: result.startDate,
    ruleSetVersion: result.ruleSetVersion,
    dueDate: result.dueDate,
    dueAt: result.dueAt,
    extensionDays: result.extensionDays,
    ...(request.lengthDays ? { lengthDays: request.lengthDays } : {}),
    provisional: result.provisional,
    calendarVersion: result.calendarVersion,
    explanation: result.explanation,
    warnings: result.warnings.map((w) => ({ daysBefore: w.daysBefore, at: w.at, notify: [...w.notify] })),
  };
}
