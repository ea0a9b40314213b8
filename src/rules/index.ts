/**
 * The rulebook: rule sets as validated data, the official working-day calendar, and deadline arithmetic.
 * Pure and deterministic (no I/O, no clock, no dependence on the process time zone), so it can run in a
 * Temporal activity or workflow and in the API alike.
 */
import { currentCalendar, defaultCalendar } from './calendar/default-calendar';
import type { DayInfo } from './calendar/working-calendar';
import { computeDueDate, type DeadlineOptions, type DeadlineResult } from './due-date';
import type { DeadlineKey } from './deadline-keys';
import type { RuleSet } from './rule-set-schema';
import { addDays, assertIsoDate } from './dates';
import { InvalidArgumentError } from './errors';

export { DEADLINE_KEYS, isDeadlineKey, type DeadlineKey } from './deadline-keys';
export * from './case-vocabulary';
export {
  DEADLINE_PARTIES,
  DEADLINE_UNITS,
  DEADLINE_KINDS,
  ruleSetSchema,
  type RuleSet,
  type DeadlineRule,
  type DeadlineParty,
  type DeadlineUnit,
  type DeadlineKind,
} from './rule-set-schema';
export {
  DEFAULT_RULE_SET_ID,
  getRuleSet,
  listRuleSets,
  listRuleSetVersions,
  registerRuleSet,
  compareVersions,
  parseRuleSet,
  getDeadlineRule,
  deadlineKeysOf,
  loadReleasedRuleSets,
} from './rule-set-registry';
export {
  calendarWithAddedYear,
  loadAddedOfficialYears,
  officialYearOrigin,
  type OfficialYearOrigin,
} from './calendar/default-calendar';
export { officialYearFileSchema, type OfficialYearFile } from './calendar/official-schedule';
export { checkNewOfficialYear } from './calendar/new-official-year';
export {
  RulesError,
  UnknownRuleSetError,
  UnknownDeadlineError,
  InvalidDateError,
  InvalidArgumentError,
  ExtensionCapExceededError,
  DeadlineNotExtendableError,
  DeadlineNotPausableError,
  RuleSetValidationError,
  CalendarDataError,
} from './errors';
export { toShanghaiDate } from './dates';
export type { DeadlineOptions, DeadlineResult } from './due-date';
export type { DayInfo, WorkingCalendar } from './calendar/working-calendar';
export { computeDueDate } from './due-date';

/** The built-in calendar data (package and repo file), before any year is added to the rulebook store. */
export const CALENDAR_VERSION: string = defaultCalendar.version;

/** Years whose official holiday schedule is built in; years added to the store come on top (calendarYears). */
export const OFFICIAL_CALENDAR_YEARS: readonly number[] = defaultCalendar.officialYears;

/** Identifies the calendar data results are computed with now; store it beside each deadline. */
export function calendarVersion(): string {
  return currentCalendar().version;
}

/** Years whose official holiday schedule is in the data now (built in or added); other years are provisional. */
export function officialCalendarYears(): readonly number[] {
  return currentCalendar().officialYears;
}

/** The due date of a deadline of a rule set, counted from the Asia/Shanghai date of its starting event. */
export function dueDate(
  ruleSet: RuleSet,
  key: DeadlineKey,
  startDate: string,
  opts?: DeadlineOptions,
): DeadlineResult {
  return computeDueDate(currentCalendar(), ruleSet, key, startDate, opts);
}

export function dayInfo(date: string): DayInfo {
  return currentCalendar().dayInfo(date);
}

export function isWorkingDay(date: string): boolean {
  return currentCalendar().isWorkingDay(date);
}

/**
 * The date `count` working days after `date` (not counting `date` itself), for periods that are not a rule-set
 * deadline.
 */
export function addWorkingDays(date: string, count: number): { date: string; provisional: boolean } {
  assertIsoDate(date);
  if (!Number.isInteger(count) || count < 0 || count > 3650) {
    throw new InvalidArgumentError(
      `count must be a whole number of days between 0 and 3650, got ${String(count)}`,
    );
  }
  let current = date;
  let provisional = false;
  for (let counted = 0; counted < count;) {
    current = addDays(current, 1);
    const info = currentCalendar().dayInfo(current);
    provisional ||= !info.covered;
    if (info.working) counted++;
  }
  return { date: current, provisional };
}
export { earliestCoveredDate, ruleSetForReceipt, type CoveredFrom } from './coverage';
export { casePolicyOf, type CasePolicy, type CaseDeadlinePolicy } from './case-policy';
