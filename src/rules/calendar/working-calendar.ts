import { assertIsoDate, isWeekend, weekdayName, yearOf } from '../dates';
import { fixedDateHolidayName, PROVISIONAL_RULE } from './fixed-date-holidays';
import type { OfficialYear } from './official-schedule';

export interface DayInfo {
  date: string;
  weekday: string;
  /** A day on which the period can end and that counts as a working day (工作日). */
  working: boolean;
  /** Set for a public holiday (法定节假日 or a day of the State Council's break around it). */
  holidayName?: string;
  /** A Saturday or Sunday worked to make up for a holiday (调休上班). */
  makeUpWorkday: boolean;
  /** The holiday a make-up working day is for. */
  makeUpFor?: string;
  /** False when the official schedule for this day is not in the data: `working` is then provisional. */
  covered: boolean;
}

/**
 * The next year's notice can touch the last days of December (2011-12-31 and 2018-12-29 were make-up Saturdays
 * for New Year's Day), so those days are settled only once both years are in the data.
 */
const NEXT_NOTICE_REACHES_FROM = '12-25';

/** A mainland-China working-day calendar built from official yearly schedules. */
export class WorkingCalendar {
  readonly officialYears: readonly number[];
  private readonly covered: ReadonlySet<number>;
  private readonly holidays = new Map<string, string>();
  private readonly makeUpWorkdays = new Map<string, string>();

  /** @param years later entries replace earlier ones for the same year (repo data over package data). */
  constructor(
    years: readonly OfficialYear[],
    readonly version: string,
  ) {
    const byYear = new Map<number, OfficialYear>();
    for (const year of years) byYear.set(year.year, year);
    this.officialYears = [...byYear.keys()].sort((a, b) => a - b);
    this.covered = new Set(this.officialYears);
    for (const year of this.officialYears.map((y) => byYear.get(y) as OfficialYear)) {
      for (const [date, name] of year.holidays) this.holidays.set(date, name);
      for (const [date, name] of year.makeUpWorkdays) this.makeUpWorkdays.set(date, name);
    }
  }

  isCovered(date: string): boolean {
    const year = yearOf(date);
    if (!this.covered.has(year)) return false;
    return date.slice(5) < NEXT_NOTICE_REACHES_FROM || this.covered.has(year + 1);
  }

  /** Why a day is not covered and how it was treated, for explanations; undefined when it is covered. */
  coverageGap(date: string): string | undefined {
    if (this.isCovered(date)) return undefined;
    const year = yearOf(date);
    if (!this.covered.has(year)) {
      return `the official holiday schedule for ${year} is not in the calendar data, so ${year} is counted from ${PROVISIONAL_RULE}`;
    }
    return (
      `${date} is in the last week of ${year}, which the ${year + 1} holiday notice (not yet in the calendar data) ` +
      `may still change, e.g. with a make-up working day for New Year's Day; the ${year} schedule is used as it stands`
    );
  }

  dayInfo(date: string): DayInfo {
    assertIsoDate(date);
    const covered = this.isCovered(date);
    const base = { date, weekday: weekdayName(date), covered };
    // Data for an uncovered late-December day of a covered year still applies: only the next notice is missing.
    if (this.covered.has(yearOf(date))) {
      const makeUpFor = this.makeUpWorkdays.get(date);
      if (makeUpFor !== undefined) return { ...base, working: true, makeUpWorkday: true, makeUpFor };
      const holidayName = this.holidays.get(date);
      if (holidayName !== undefined) return { ...base, working: false, holidayName, makeUpWorkday: false };
      return { ...base, working: !isWeekend(date), makeUpWorkday: false };
    }
    const holidayName = fixedDateHolidayName(date);
    if (holidayName !== undefined) return { ...base, working: false, holidayName, makeUpWorkday: false };
    return { ...base, working: !isWeekend(date), makeUpWorkday: false };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }
}
