import { buildCalendarWithOrigins } from './default-calendar';
import { loadPackageYears } from './package-schedule';
import type { OfficialYearFile } from './official-schedule';
import type { WorkingCalendar } from './working-calendar';
import repoSchedules from './official-schedules.json';

/**
 * The calendar as it would be once `calendar add-year` stored these years beside the ones already added
 * (`addedYears`, as the rulebook store holds them): package data, the repo file, the added years, named by the
 * same version string. The running calendar is not touched, so a candidate year can be tried before it is
 * added. Throws CalendarDataError when the result is not a valid set of years (e.g. a year listed twice).
 */
export function calendarWithOfficialYears(
  extraYears: readonly OfficialYearFile[],
  addedYears: readonly unknown[] = [],
  packageYears = loadPackageYears(),
): WorkingCalendar {
  return buildCalendarWithOrigins(repoSchedules, packageYears, [...addedYears, ...extraYears]).calendar;
}
