import { InvalidDateError } from './errors';

/**
 * Calendar dates as 'YYYY-MM-DD' strings. All arithmetic goes through a day number (days since 1970-01-01)
 * computed with Date.UTC, so nothing here depends on the process time zone.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China Standard Time is a fixed UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Day numbers of 0000-01-01 and 9999-12-31, the ends of what 'YYYY-MM-DD' can write. */
const FIRST_DAY_NUMBER = -719_528;
const LAST_DAY_NUMBER = 2_932_896;
export const SHANGHAI_OFFSET = '+08:00';

/**
 * Dates input may carry: outside this range they are typos, not petitions (`assertIsoDate`, `isIsoDate`).
 * Arithmetic itself is total over every four-digit year, so a date that got past a check can never make a
 * computation throw (a workflow task that throws after the read model's write would split the two).
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Day number of a 'YYYY-MM-DD' date (any year 0000–9999, proleptic Gregorian); throws InvalidDateError
 * only for malformed or impossible dates (2026-02-30).
 */
export function toDayNumber(date: string): number {
  if (typeof date !== 'string') throw new InvalidDateError(date, 'expected a string YYYY-MM-DD');
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new InvalidDateError(date, 'expected YYYY-MM-DD');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const roundTrip = new Date(0);
  roundTrip.setUTCFullYear(year, month - 1, day);
  // A date rolls 2026-02-30 over to 2026-03-02; a round trip exposes that.
  if (roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) {
    throw new InvalidDateError(date, 'no such day in the calendar');
  }
  return roundTrip.getTime() / MS_PER_DAY;
}

/** The date of a day number; beyond year 9999 there is no 'YYYY-MM-DD' to write, so the last date stands. */
export function fromDayNumber(dayNumber: number): string {
  const clamped = Math.min(Math.max(dayNumber, FIRST_DAY_NUMBER), LAST_DAY_NUMBER);
  return new Date(clamped * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Validates an input date (well-formed, real, year within MIN_YEAR–MAX_YEAR) and returns it unchanged. */
export function assertIsoDate(date: string): string {
  toDayNumber(date);
  const year = yearOf(date);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new InvalidDateError(date, `year outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return date;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    assertIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date)] ?? '?';
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The instant 00:00 Asia/Shanghai of a date, as ISO 8601 with the +08:00 offset. */
export function startOfShanghaiDay(date: string): string {
  toDayNumber(date);
  return `${date}T00:00:00${SHANGHAI_OFFSET}`;
}

/** 24:00 Asia/Shanghai of a date in epoch milliseconds: total, for an alarm computed after a write. */
export function endOfShanghaiDayMs(date: string): number {
  return (toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** 24:00 Asia/Shanghai of a date, written as 00:00 of the next day (ISO 8601 has no 24:00 in common parsers). */
export function endOfShanghaiDay(date: string): string {
  return startOfShanghaiDay(addDays(date, 1));
}

/** ISO 8601 date-time with an explicit offset; fractions up to nanoseconds (Postgres gives microseconds). */
const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The Asia/Shanghai calendar date of an instant, with a fixed +08:00 offset.
 * Accepts a Date, an ISO 8601 date-time with an explicit offset ('Z' or ±hh:mm), or a bare 'YYYY-MM-DD'
 * (taken to be already a Shanghai date). A date-time without an offset is refused: JavaScript would read it
 * in the process time zone, which is exactly the dependency this module avoids.
 */
export function toShanghaiDate(instant: string | Date): string {
  let epochMs: number;
  if (instant instanceof Date) {
    epochMs = instant.getTime();
    if (Number.isNaN(epochMs)) throw new InvalidDateError(String(instant), 'invalid Date object');
  } else if (typeof instant === 'string') {
    if (DATE_PATTERN.test(instant)) return assertIsoDate(instant);
    const match = INSTANT_PATTERN.exec(instant);
    if (!match) {
      throw new InvalidDateError(instant, 'expected YYYY-MM-DD or an ISO 8601 date-time with Z or ±hh:mm');
    }
    const [, datePart = '', hours, minutes, seconds, fraction, zone = 'Z', offsetHours, offsetMinutes] =
      match;
    const startOfDay = toDayNumber(datePart) * MS_PER_DAY;
    if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) {
      throw new InvalidDateError(instant, 'time of day out of range');
    }
    if (zone !== 'Z' && (Number(offsetHours) > 18 || Number(offsetMinutes) > 59)) {
      throw new InvalidDateError(instant, 'offset out of range');
    }
    const offsetMs =
      zone === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
    const fractionMs = fraction ? Number(`0.${fraction}`) * 1000 : 0;
    epochMs =
      startOfDay +
      (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0)) * 1000 +
      fractionMs -
      offsetMs;
  } else {
    throw new InvalidDateError(instant, 'expected a Date or an ISO 8601 string');
  }
  return shanghaiDateAt(epochMs);
}

/** Milliseconds since the epoch of an ISO 8601 instant (as the case core stores them). */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

/** The Asia/Shanghai calendar date of an instant given in milliseconds. */
export function shanghaiDateAt(ms: number): string {
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}
