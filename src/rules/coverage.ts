import { currentCalendar } from './calendar/default-calendar';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { RuleSet } from './rule-set-schema';

export interface CoveredFrom {
  /** The later of the two dates below: a case received before it would be counted without rules or calendar. */
  date: string;
  /** The day the rule set's text came into force. */
  ruleSetFrom: string;
  /** 1 January of the first year with the State Council's holiday schedule in the calendar data. */
  calendarFrom: string | undefined;
}

/**
 * The earliest date a case under `ruleSet` can be counted with the loaded data: the rule set's text must be
 * in force and the working-day calendar must have the official holiday schedule (earlier years would be
 * counted provisionally, from weekends and fixed-date holidays only).
 */
export function earliestCoveredDate(
  ruleSet: RuleSet,
  calendar: WorkingCalendar = currentCalendar(),
): CoveredFrom {
  const ruleSetFrom = ruleSet.text.effectiveFrom;
  const firstYear = calendar.officialYears[0];
  const calendarFrom = firstYear === undefined ? undefined : `${String(firstYear).padStart(4, '0')}-01-01`;
  const date = calendarFrom !== undefined && calendarFrom > ruleSetFrom ? calendarFrom : ruleSetFrom;
  return { date, ruleSetFrom, calendarFrom };
}
