import { buildCalendar } from './default-calendar';
import { loadPackageYears } from './package-schedule';
import type { OfficialYearFile } from './official-schedule';
import type { WorkingCalendar } from './working-calendar';
import repoSchedules from './official-schedules.json';

/**
 * The calendar as it would be with these official years added to the repo's data file: package data, the
 * repo file's years, then `extraYears`, named by a version just as if the years were in the file. The
 * running (default) calendar is not touched, so a candidate year can be tried before it is loaded.
 * Throws CalendarDataError when the result is not a valid schedule file (e.g. a year listed twice).
 */
export function calendarWithOfficialYears(
  extraYears: readonly OfficialYearFile[],
  repoData: { $comment?: string; years: readonly unknown[] } = repoSchedules,
  packageYears = loadPackageYears(),
): WorkingCalendar {
  return buildCalendar({ ...repoData, years: [...repoData.years, ...extraYears] }, packageYears);
}
