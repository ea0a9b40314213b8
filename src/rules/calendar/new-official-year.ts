import { CalendarDataError } from '../errors';
import { officialYearOrigin } from './default-calendar';
import { officialYearFileSchema, type OfficialYearFile } from './official-schedule';

const ORIGIN_LABEL = {
  package: 'the calendar package',
  repo: 'official-schedules.json',
  store: 'the rulebook store (calendar add-year)',
} as const;

/**
 * A year of the State Council's notice, checked before it is added: the file's shape (real dates, a holiday
 * range that ends after it starts, make-up days on weekends, no day both off and worked) and a year not
 * loaded yet. Throws CalendarDataError naming every problem; the calendar is not touched.
 */
export function checkNewOfficialYear(raw: unknown): OfficialYearFile {
  const parsed = officialYearFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
    throw new CalendarDataError(`the official year file is invalid: ${problems.join('; ')}`);
  }
  const origin = officialYearOrigin(parsed.data.year);
  if (origin) {
    throw new CalendarDataError(
      `the official schedule for ${parsed.data.year} is already loaded (from ${ORIGIN_LABEL[origin]})`,
    );
  }
  return parsed.data;
}
