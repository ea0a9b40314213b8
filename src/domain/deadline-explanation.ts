import { type DeadlineKey, dueDate, getRuleSet } from '../rules';
import type { CaseDeadline } from '../case';

/**
 * How a deadline's date was counted, step by step, for readers. History keeps only the dates; the
 * arithmetic is pure, so it is redone here with the same inputs and the version the deadline was counted by. Should the calendar or the rule set have
 * changed since the date was recorded, the recorded date stands and the explanation says so.
 */
export function explainDeadline(ruleSetId: string, d: CaseDeadline): string[] {
  try {
    const again = dueDate(getRuleSet(ruleSetId, d.ruleSetVersion), d.key as DeadlineKey, d.startDate, {
      extensionDays: d.extensionDays || undefined,
      pausedDays: d.pausedDays,
      lengthDays: d.lengthDays,
    });
    if (again.dueDate === d.dueDate && again.calendarVersion === d.calendarVersion) return again.explanation;
    return [
      `due ${d.dueDate} as computed with calendar ${d.calendarVersion} and rule set v${d.ruleSetVersion}`,
      `counted today with calendar ${again.calendarVersion} and v${again.ruleSetVersion} it would be ${again.dueDate}:`,
      ...again.explanation,
    ];
  } catch {
    return [
      `due ${d.dueDate} as computed with calendar ${d.calendarVersion} and rule set v${d.ruleSetVersion}`,
    ];
  }
}
