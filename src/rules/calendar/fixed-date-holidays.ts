import { yearOf } from '../dates';

/**
 * Holidays whose date is fixed by 全国年节及纪念日放假办法, used for years the official data does not cover.
 * The lunar holidays (Spring Festival and its eve, Qingming, Dragon Boat, Mid-Autumn) and the State Council's
 * yearly arrangement (bridging days, make-up working days, a weekday in lieu of a holiday on a weekend) cannot
 * be known in advance, so a result that depends on such a year is provisional.
 */
export const PROVISIONAL_RULE =
  "weekends and the fixed-date holidays only (New Year's Day 1 Jan, Labour Day 1 May (and 2 May from 2025), " +
  'National Day 1–3 Oct); the lunar holidays (Spring Festival, Qingming, Dragon Boat, Mid-Autumn) and the ' +
  "State Council's make-up working days are not known until the year's notice is published";

export function fixedDateHolidayName(date: string): string | undefined {
  const year = yearOf(date);
  const monthDay = date.slice(5);
  if (monthDay === '01-01') return "New Year's Day (元旦)";
  // Labour Day: 1–3 May until 2007, 1 May from 2008, 1–2 May from 2025 (2024 amendment).
  if (monthDay === '05-01') return 'Labour Day (劳动节)';
  if (monthDay === '05-02' && (year >= 2025 || year <= 2007)) return 'Labour Day (劳动节)';
  if (monthDay === '05-03' && year <= 2007) return 'Labour Day (劳动节)';
  // National Day: 1–3 October since the 1999 amendment.
  if (['10-01', '10-02', '10-03'].includes(monthDay) && (year >= 1999 || monthDay !== '10-03')) {
    return 'National Day (国庆节)';
  }
  return undefined;
}
