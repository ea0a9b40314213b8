import { addDays, daysBetween, MIN_YEAR } from '../../rules/dates';
import type { Period } from './period';

/** An earlier report a figure is compared with: its period and the date its outcomes are known by. */
export interface EarlierReport {
  period: Period;
  asOf: string;
}

/** 环比 (the period just before) and 同比 (the same period a year earlier). */
export type EarlierKind = 'previousPeriod' | 'previousYear';
export const EARLIER_KINDS: readonly EarlierKind[] = ['previousPeriod', 'previousYear'];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** Months counted from year 0 (January 0000 = 0), so that month arithmetic crosses years. */
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const firstOfMonth = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
const lastOfMonth = (index: number) => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(lastDayOf(year, month))}`;
};

/** A period of whole calendar months (a month, quarter, half, year, or any from/to on month bounds). */
function isWholeMonths(period: Period): boolean {
  return period.from.endsWith('-01') && period.to === lastOfMonth(monthIndex(period.to));
}

/** The same day a year earlier; 29 February becomes 28 February. */
export function yearEarlierDate(date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), lastDayOf(year, month));
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The label the earlier period is asked for by: as the current one was (quarter, half, year, month, days). */
function labelLike(current: Period, from: string, to: string): string {
  const year = from.slice(0, 4);
  const month = Number(from.slice(5, 7));
  if (/^\d{4}Q[1-4]$/.test(current.label)) return `${year}Q${Math.ceil(month / 3)}`;
  if (/^\d{4}H[12]$/.test(current.label)) return `${year}H${month <= 6 ? 1 : 2}`;
  if (/^\d{4}$/.test(current.label)) return year;
  if (/^\d{4}-\d{2}$/.test(current.label)) return from.slice(0, 7);
  return `${from}–${to}`;
}

/**
 * 环比: the period of the same length just before. Whole months go back by as many months (Q1 → the previous
 * year's Q4, H1 → H2, a year → the year before, a month → the month before); other ranges by as many days.
 */
export function previousPeriodOf(period: Period): Period {
  if (isWholeMonths(period)) {
    const months = monthIndex(period.to) - monthIndex(period.from) + 1;
    const from = firstOfMonth(monthIndex(period.from) - months);
    const to = lastOfMonth(monthIndex(period.from) - 1);
    return { from, to, label: labelLike(period, from, to) };
  }
  const days = daysBetween(period.from, period.to) + 1;
  const from = addDays(period.from, -days);
  const to = addDays(period.from, -1);
  return { from, to, label: labelLike(period, from, to) };
}

/** 同比: the same period a year earlier (whole months stay whole: February ends on its own last day). */
export function previousYearOf(period: Period): Period {
  const from = yearEarlierDate(period.from);
  const to = isWholeMonths(period) ? lastOfMonth(monthIndex(period.to) - 12) : yearEarlierDate(period.to);
  return { from, to, label: labelLike(period, from, to) };
}

/**
 * The earlier report as it was published: taken as long after its period's end as the current report is
 * after its own (同比: the same day a year earlier), so both know outcomes equally well. A period still
 * running (as of a day inside it) compares with the same part of the earlier one — as many days from its
 * start (同比: up to the same date) — and the earlier period is cut there: 本期截至目前 against 上期同期.
 * Null when the earlier period lies before the calendar's first year: "no data".
 */
export function earlierReport(current: Period, asOf: string, kind: EarlierKind): EarlierReport | null {
  const whole = kind === 'previousPeriod' ? previousPeriodOf(current) : previousYearOf(current);
  if (Number(whole.from.slice(0, 4)) < MIN_YEAR) return null;
  const running = asOf >= current.from && asOf < current.to;
  const earlierAsOf =
    kind === 'previousYear'
      ? yearEarlierDate(asOf)
      : running
        ? addDays(whole.from, daysBetween(current.from, asOf))
        : addDays(whole.to, daysBetween(current.to, asOf));
  if (!running || earlierAsOf >= whole.to) return { period: whole, asOf: earlierAsOf };
  const to = earlierAsOf < whole.from ? whole.from : earlierAsOf;
  return { period: { from: whole.from, to, label: `${whole.from}–${to}` }, asOf: earlierAsOf };
}
