import { addDays, toShanghaiDate, weekdayOf } from '../../src/rules/dates';

/**
 * The dates the date-sensitive suites also run as of, besides today: each is a day on which naive date
 * arithmetic goes wrong (a weekend, the turn of a year, the eve of a holiday week, a year whose official
 * schedule is not loaded yet). Expectations in those suites come from the rule engine, never from
 * `addDays` where the rules count working days or move a due date off a rest day.
 */
export interface AsOf {
  /** What makes the date hard. */
  label: string;
  /** The calendar date in Asia/Shanghai. */
  date: string;
}

/** The next Saturday after a date (a week on when the date is a Saturday). */
export function nextSaturday(date: string): string {
  return addDays(date, (6 - weekdayOf(date) + 7) % 7 || 7);
}

/** The as-of dates of the time-skipping suites (their clock only moves forward: the past is left out). */
export function timeSkippingDates(today = toShanghaiDate(new Date())): AsOf[] {
  return [
    { label: 'the next Saturday', date: nextSaturday(today) },
    { label: 'the last day of 2026', date: '2026-12-31' },
    { label: 'the eve of the 2027 Spring Festival (schedule not loaded)', date: '2027-02-05' },
    { label: 'the eve of Labour Day 2027', date: '2027-04-30' },
  ].filter((asOf) => asOf.date > today);
}

/** The as-of dates of the unit suites (an injected clock: any date will do). */
export function unitDates(today = toShanghaiDate(new Date())): AsOf[] {
  return [
    { label: 'the eve of the National Day week 2026', date: '2026-09-30' },
    { label: 'the next Saturday', date: nextSaturday(today) },
    { label: 'the last day of 2026', date: '2026-12-31' },
    { label: 'the eve of the 2027 Spring Festival (schedule not loaded)', date: '2027-02-05' },
    { label: 'the eve of Labour Day 2027', date: '2027-04-30' },
  ];
}

/** 09:30 in Beijing on a date, in epoch milliseconds: a morning at the reception desk. */
export function morningOf(date: string): number {
  return Date.parse(`${date}T09:30:00+08:00`);
}
