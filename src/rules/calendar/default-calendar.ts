import { CalendarDataError } from '../errors';
import { fromOfficialYearFile, officialScheduleFileSchema, type OfficialYear } from './official-schedule';
import { loadPackageYears, PACKAGE_LABEL } from './package-schedule';
import { WorkingCalendar } from './working-calendar';
import repoSchedules from './official-schedules.json';

/** Ranges of consecutive years, e.g. [2004…2026, 2028] → "2004-2026,2028". */
function describeYears(years: readonly number[]): string {
  const ranges: string[] = [];
  let start: number | undefined;
  years.forEach((year, index) => {
    start ??= year;
    const next = years[index + 1];
    if (next !== year + 1) {
      ranges.push(start === year ? `${year}` : `${start}-${year}`);
      start = undefined;
    }
  });
  return ranges.join(',') || 'none';
}

/** FNV-1a, enough to tell two versions of the repo data file apart in the version string. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Builds the calendar from the package data plus the repo's data file; the version string names both, e.g.
 * "cn-workdays/chinese-days@1.5.7/2004-2026" or ".../2004-2027/repo:2027#1a2b3c4d" once a year is added.
 */
export function buildCalendar(
  repoData: unknown = repoSchedules,
  packageYears = loadPackageYears(),
): WorkingCalendar {
  const parsed = officialScheduleFileSchema.safeParse(repoData);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CalendarDataError(`official-schedules.json is invalid: ${problems.join('; ')}`);
  }
  const repoYears: OfficialYear[] = parsed.data.years.map(fromOfficialYearFile);
  const allYears = [...new Set([...packageYears, ...repoYears].map((year) => year.year))].sort(
    (a, b) => a - b,
  );
  let version = `cn-workdays/${PACKAGE_LABEL}/${describeYears(allYears)}`;
  if (repoYears.length > 0) {
    const repoYearNumbers = repoYears.map((year) => year.year).sort((a, b) => a - b);
    version += `/repo:${describeYears(repoYearNumbers)}#${fingerprint(JSON.stringify(parsed.data.years))}`;
  }
  return new WorkingCalendar([...packageYears, ...repoYears], version);
}

export const defaultCalendar: WorkingCalendar = buildCalendar();
