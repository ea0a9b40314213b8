import { currentCalendar } from './calendar/default-calendar';
import type { WorkingCalendar } from './calendar/working-calendar';
import { listRuleSets } from './rule-set-registry';
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

/**
 * The rule set a case received on `receivedOn` is counted with, when its area's set (`areaRuleSetId`) names
 * none by itself: the area's set if its text was in force then, else the set of the text it replaced, if that
 * one was in force then (a national-2022 area's case received before 2022-05-01 takes national-2005). Data, not
 * code: a set names the one that replaced it (`text.supersededBy`). A provincial set's text was in force long
 * before 2022 and is kept for its older cases; none names a predecessor, so such a case keeps its set.
 */
export function ruleSetForReceipt(areaRuleSetId: string, receivedOn: string): string {
  // An unknown id is returned as it is: the caller's lookup refuses it with its own error.
  const area = listRuleSets().find((ruleSet) => ruleSet.id === areaRuleSetId);
  if (!area || receivedOn >= area.text.effectiveFrom) return areaRuleSetId;
  const predecessor = listRuleSets().find(
    (candidate) =>
      candidate.text.supersededBy === area.id &&
      // Earlier than the predecessor's own text, too: it then names the earliest date a case can have.
      (candidate.text.effectiveUntil === undefined || receivedOn <= candidate.text.effectiveUntil),
  );
  return predecessor?.id ?? area.id;
}
