import {
  CalendarDataError,
  compareVersions,
  listRuleSetVersions,
  parseRuleSet,
  RuleSetValidationError,
  type RuleSet,
} from '../../rules';
import { officialYearFileSchema, type OfficialYearFile } from '../../rules/calendar/official-schedule';

/**
 * The changes `rules impact` previews, checked as loading them would check them: a bad candidate is refused
 * (a RulesError naming the reason) before anything is read or computed.
 */

/** One official year (the State Council's notice as data) that is valid and not loaded yet. */
export function calendarCandidate(raw: unknown, loadedYears: readonly number[]): OfficialYearFile {
  const parsed = officialYearFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
    throw new CalendarDataError(`the calendar file is not one official year: ${problems.join('; ')}`);
  }
  if (loadedYears.includes(parsed.data.year)) {
    throw new CalendarDataError(
      `year ${parsed.data.year} is already loaded: its official schedule is in the calendar data`,
    );
  }
  return parsed.data;
}

/** A rule-set version (complete or `extends`) that is valid and newer than every loaded version of its id. */
export function ruleSetCandidate(raw: unknown): RuleSet {
  const ruleSet = parseRuleSet(raw);
  const latest = listRuleSetVersions(ruleSet.id).at(-1);
  if (latest && compareVersions(ruleSet.version, latest.version) <= 0) {
    throw new RuleSetValidationError(ruleSet.id, [
      `version: ${ruleSet.version} is not newer than the loaded ${latest.version} (a released version never changes)`,
    ]);
  }
  return ruleSet;
}
