import { addDays, isIsoDate, MAX_YEAR, MIN_YEAR } from '../../rules/dates';
import { fieldError } from '../errors';

/** A report's period: its first and last day (both included) and how it was asked for. */
export interface Period {
  from: string;
  to: string;
  label: string;
}

export interface PeriodParams {
  from?: string;
  to?: string;
  quarter?: string;
  half?: string;
  year?: string;
  /** A calendar month, `2026-07` (the monthly situation analysis). */
  month?: string;
}

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
/** The last day of the span of `months` months that starts on the first of `month` (within the year). */
const spanEnd = (year: number, month: number, months: number) => {
  const last = month + months - 1;
  const days = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return `${year}-${String(last).padStart(2, '0')}-${days}`;
};

/** A period's year: one the calendar can count in (F3: 0000 or 2200 answered 500). */
function yearOf(field: string, text: string): number {
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw fieldError(field, `the year must lie in ${MIN_YEAR}–${MAX_YEAR}`);
  return year;
}

/**
 * `quarter=2026Q3`, `half=2026H1`, `year=2026`, or `from`/`to` (ISO dates, both included); exactly one way.
 * Without any: the quarter of `today`.
 */
export function parsePeriod(params: PeriodParams, today: string): Period {
  const given = (['quarter', 'half', 'year', 'month'] as const).filter((k) => params[k] !== undefined);
  const range = params.from !== undefined || params.to !== undefined;
  if (given.length + (range ? 1 : 0) > 1) {
    throw fieldError(given[0] ?? 'from', 'give one of quarter, half, year, month or from/to');
  }
  if (params.month !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(params.month);
    if (!m) throw fieldError('month', 'must look like 2026-07');
    const year = yearOf('month', m[1]!);
    return { from: monthStart(year, Number(m[2])), to: spanEnd(year, Number(m[2]), 1), label: params.month };
  }
  if (params.quarter !== undefined) {
    const m = /^(\d{4})Q([1-4])$/.exec(params.quarter);
    if (!m) throw fieldError('quarter', 'must look like 2026Q3');
    const year = yearOf('quarter', m[1]!);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { from: monthStart(year, first), to: spanEnd(year, first, 3), label: params.quarter };
  }
  if (params.half !== undefined) {
    const m = /^(\d{4})H([12])$/.exec(params.half);
    if (!m) throw fieldError('half', 'must look like 2026H1');
    const year = yearOf('half', m[1]!);
    const first = m[2] === '1' ? 1 : 7;
    return { from: monthStart(year, first), to: spanEnd(year, first, 6), label: params.half };
  }
  if (params.year !== undefined) {
    if (!/^\d{4}$/.test(params.year)) throw fieldError('year', 'must look like 2026');
    yearOf('year', params.year);
    return { from: `${params.year}-01-01`, to: `${params.year}-12-31`, label: params.year };
  }
  if (range) {
    for (const field of ['from', 'to'] as const) {
      if (!isIsoDate(params[field]))
        throw fieldError(field, 'must be a date (YYYY-MM-DD); give both from and to');
    }
    if (params.to! < params.from!) throw fieldError('to', 'must not be before from');
    if (params.to! > addDays(params.from!, 3660)) throw fieldError('to', 'a period spans at most ten years');
    return { from: params.from!, to: params.to!, label: `${params.from}–${params.to}` };
  }
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return parsePeriod({ quarter: `${year}Q${quarter}` }, today);
}

/** The period's days in Chinese, for the briefing: 2026年7月1日至9月30日. */
export function chinesePeriod(period: Period): string {
  const [fy, fm, fd] = period.from.split('-').map(Number);
  const [ty, tm, td] = period.to.split('-').map(Number);
  return `${fy}年${fm}月${fd}日至${ty === fy ? '' : `${ty}年`}${tm}月${td}日`;
}
