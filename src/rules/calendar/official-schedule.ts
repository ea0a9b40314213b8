import { z } from 'zod';
import { addDays, daysBetween, isIsoDate, isWeekend, yearOf } from '../dates';

/**
 * One year of the State Council's holiday arrangement (国务院办公厅关于 YYYY 年部分节假日安排的通知), normalised:
 * every day off by date, every make-up working day (调休上班) by date.
 */
export interface OfficialYear {
  year: number;
  /** Where the data comes from (the notice, or the package that transcribes it). */
  source: string;
  /** Day off → holiday name, e.g. "National Day (国庆节)". Weekend days inside the break are listed too. */
  holidays: ReadonlyMap<string, string>;
  /** Make-up working day (a weekend day worked) → the holiday it makes up for. */
  makeUpWorkdays: ReadonlyMap<string, string>;
}

const isoDate = z.string().refine(isIsoDate, { message: 'expected a real date YYYY-MM-DD' });

const holidaySchema = z.strictObject({
  name: z.string().trim().min(1),
  nameZh: z.string().trim().min(1),
  from: isoDate,
  to: isoDate,
});

const makeUpWorkdaySchema = z.strictObject({
  date: isoDate,
  /** The holiday the day is worked for, as in the notice. */
  for: z.string().trim().min(1),
});

/** A year's notice may reach back into the last days of the previous December (e.g. 2018-12-29 worked for 2019). */
const EARLIEST_REACH_INTO_PREVIOUS_YEAR = '12-01';

export const officialYearFileSchema = z
  .strictObject({
    year: z.int().min(1900).max(2199),
    notice: z.string().trim().min(1),
    published: isoDate,
    holidays: z.array(holidaySchema).min(1),
    makeUpWorkdays: z.array(makeUpWorkdaySchema),
  })
  .superRefine((entry, ctx) => {
    const earliest = `${entry.year - 1}-${EARLIEST_REACH_INTO_PREVIOUS_YEAR}`;
    const inYear = (date: string): boolean => daysBetween(earliest, date) >= 0 && yearOf(date) <= entry.year;
    const daysOff = new Set<string>();
    entry.holidays.forEach((holiday, index) => {
      // Refinements still run when a date inside failed its own check (zod reports both); skip those.
      if (!isIsoDate(holiday.from) || !isIsoDate(holiday.to)) return;
      if (daysBetween(holiday.from, holiday.to) < 0) {
        ctx.addIssue({ code: 'custom', path: ['holidays', index, 'to'], message: 'ends before it starts' });
        return;
      }
      for (let date = holiday.from; daysBetween(date, holiday.to) >= 0; date = addDays(date, 1)) {
        if (!inYear(date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['holidays', index],
            message: `${date} is outside ${entry.year}`,
          });
          return;
        }
        daysOff.add(date);
      }
    });
    entry.makeUpWorkdays.forEach((day, index) => {
      if (!isIsoDate(day.date)) return;
      if (!inYear(day.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', index, 'date'],
          message: `outside ${entry.year}`,
        });
      }
      // Make-up days are always weekend days that become working days; anything else is a typo.
      if (!isWeekend(day.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', index, 'date'],
          message: 'not a Saturday or Sunday',
        });
      }
      if (daysOff.has(day.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', index, 'date'],
          message: 'also listed as a day off',
        });
      }
    });
  });

export const officialScheduleFileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    years: z.array(officialYearFileSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.years.forEach((entry, index) => {
      if (seen.has(entry.year))
        ctx.addIssue({ code: 'custom', path: ['years', index, 'year'], message: 'duplicate year' });
      seen.add(entry.year);
    });
  });

export type OfficialYearFile = z.infer<typeof officialYearFileSchema>;

export function fromOfficialYearFile(entry: OfficialYearFile): OfficialYear {
  const holidays = new Map<string, string>();
  for (const holiday of entry.holidays) {
    for (let date = holiday.from; daysBetween(date, holiday.to) >= 0; date = addDays(date, 1)) {
      holidays.set(date, `${holiday.name} (${holiday.nameZh})`);
    }
  }
  const makeUpWorkdays = new Map(entry.makeUpWorkdays.map((day) => [day.date, day.for] as const));
  return { year: entry.year, source: `${entry.notice} (${entry.published})`, holidays, makeUpWorkdays };
}
