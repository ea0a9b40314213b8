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

/** Where each official year of a calendar comes from, for the refusal of a year already loaded. */
export type OfficialYearOrigin = 'package' | 'repo' | 'store';

/** A calendar and the origin of each of its official years. */
export interface BuiltCalendar {
  calendar: WorkingCalendar;
  origins: ReadonlyMap<number, OfficialYearOrigin>;
}

function problemsOf(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Builds the calendar from the package data, the repo's data file and the years added to the rulebook store
 * (`calendar add-year`); the version string names them, e.g. "cn-workdays/chinese-days@1.5.7/2004-2026",
 * ".../2004-2027/repo:2027#1a2b3c4d" once a year is in the repo file, ".../2004-2027/added:2027#5e6f7a8b"
 * once one is added to the store. With no repo and no added years it is exactly the package's.
 */
export function buildCalendarWithOrigins(
  repoData: unknown = repoSchedules,
  packageYears = loadPackageYears(),
  addedData: readonly unknown[] = [],
): BuiltCalendar {
  const parsed = officialScheduleFileSchema.safeParse(repoData);
  if (!parsed.success) {
    throw new CalendarDataError(`official-schedules.json is invalid: ${problemsOf(parsed.error)}`);
  }
  const added = officialScheduleFileSchema.safeParse({ years: addedData });
  if (!added.success) {
    throw new CalendarDataError(`an added official year is invalid: ${problemsOf(added.error)}`);
  }
  const repoYears: OfficialYear[] = parsed.data.years.map(fromOfficialYearFile);
  const addedFiles = [...added.data.years].sort((a, b) => a.year - b.year);
  const addedYears: OfficialYear[] = addedFiles.map(fromOfficialYearFile);
  const origins = new Map<number, OfficialYearOrigin>();
  for (const year of packageYears) origins.set(year.year, 'package');
  for (const year of repoYears) origins.set(year.year, 'repo');
  for (const year of addedYears) origins.set(year.year, 'store');
  const allYears = [...origins.keys()].sort((a, b) => a - b);
  let version = `cn-workdays/${PACKAGE_LABEL}/${describeYears(allYears)}`;
  if (repoYears.length > 0) {
    const repoYearNumbers = repoYears.map((year) => year.year).sort((a, b) => a - b);
    version += `/repo:${describeYears(repoYearNumbers)}#${fingerprint(JSON.stringify(parsed.data.years))}`;
  }
  if (addedYears.length > 0) {
    version += `/added:${describeYears(addedFiles.map((f) => f.year))}#${fingerprint(JSON.stringify(addedFiles))}`;
  }
  const calendar = new WorkingCalendar([...packageYears, ...repoYears, ...addedYears], version);
  return { calendar, origins };
}

export function buildCalendar(
  repoData: unknown = repoSchedules,
  packageYears = loadPackageYears(),
): WorkingCalendar {
  return buildCalendarWithOrigins(repoData, packageYears).calendar;
}

const packageYears = loadPackageYears();
const builtIn = buildCalendarWithOrigins(repoSchedules, packageYears);

/** The calendar of the package and the repo file alone (no added years). */
export const defaultCalendar: WorkingCalendar = builtIn.calendar;

let current: BuiltCalendar = builtIn;
let currentAdded: readonly unknown[] = [];

/**
 * The current calendar with one more official year (a file of `officialYearFileSchema`), for a preview of
 * what adding it would move (`rules impact`); the current calendar is not touched. Throws CalendarDataError.
 */
export function calendarWithAddedYear(file: unknown): WorkingCalendar {
  return buildCalendarWithOrigins(repoSchedules, packageYears, [...currentAdded, file]).calendar;
}

/** The calendar due dates are computed with: the built-in years plus the years added to the store. */
export function currentCalendar(): WorkingCalendar {
  return current.calendar;
}

/** Where a year of the current calendar comes from; undefined when it is not an official year of it. */
export function officialYearOrigin(year: number): OfficialYearOrigin | undefined {
  return current.origins.get(year);
}

/**
 * Replaces the added years (the store's, as files of `officialYearFileSchema`) of the current calendar. Throws
 * CalendarDataError (the current calendar stays) when one is invalid. No added years: the built-in calendar,
 * version string and all.
 */
export function loadAddedOfficialYears(files: readonly unknown[]): WorkingCalendar {
  current = files.length === 0 ? builtIn : buildCalendarWithOrigins(repoSchedules, packageYears, files);
  currentAdded = [...files];
  return current.calendar;
}
