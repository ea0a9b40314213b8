import { z } from 'zod';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import { isIsoDate, yearOf } from '../dates';
import { CalendarDataError } from '../errors';
import type { OfficialYear } from './official-schedule';

/**
 * The pinned `chinese-days` package transcribes every State Council holiday notice since 2004 into
 * dist/chinese-days.json: `holidays` (days off, weekends inside a break included) and `workdays` (make-up
 * working days), each as date → "English name,中文名,n". Only its data is used: its functions parse dates in
 * the process time zone.
 */

export const PACKAGE_LABEL = `chinese-days@${chineseDaysPackage.version}`;

const entryMap = z.record(
  z.string().refine(isIsoDate, { message: 'expected a date key YYYY-MM-DD' }),
  z.string().regex(/^[^,]+,[^,]+(,.*)?$/, 'expected "English,中文[,n]"'),
);
const packageDataSchema = z.looseObject({ holidays: entryMap, workdays: entryMap });

function displayName(entry: string): string {
  const [english = '', chinese = ''] = entry.split(',');
  return `${english} (${chinese})`;
}

export function loadPackageYears(raw: unknown = chineseDaysData): OfficialYear[] {
  const parsed = packageDataSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CalendarDataError(
      `${PACKAGE_LABEL} data is not in the expected shape: ${first?.path.join('.')}: ${first?.message}`,
    );
  }
  // Every notice gives New Year's Day off, so a year is covered exactly when its 1 January is listed. A year
  // only present through late-December entries of the next notice would otherwise look covered.
  const years = Object.keys(parsed.data.holidays)
    .filter((date) => date.endsWith('-01-01'))
    .map(yearOf)
    .sort((a, b) => a - b);
  return years.map((year) => {
    const ofYear = (entries: Record<string, string>): Map<string, string> =>
      new Map(
        Object.entries(entries)
          .filter(([date]) => yearOf(date) === year)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([date, entry]) => [date, displayName(entry)]),
      );
    return {
      year,
      source: `${PACKAGE_LABEL} (State Council notice for ${year})`,
      holidays: ofYear(parsed.data.holidays),
      makeUpWorkdays: ofYear(parsed.data.workdays),
    };
  });
}
