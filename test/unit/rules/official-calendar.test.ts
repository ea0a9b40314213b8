import {
  CALENDAR_VERSION,
  CalendarDataError,
  OFFICIAL_CALENDAR_YEARS,
  addWorkingDays,
  dayInfo,
  isWorkingDay,
} from '../../../src/rules';
import { buildCalendar } from '../../../src/rules/calendar/default-calendar';

/**
 * The State Council notices for 2025 and 2026, transcribed by hand from the published text (国务院办公厅关于
 * 2025年 / 2026年部分节假日安排的通知, 2024-11-12 and 2025-11-04), independently of the package data.
 */
const NOTICES: Record<number, { daysOff: Array<[string, string]>; makeUpWorkdays: string[] }> = {
  2025: {
    daysOff: [
      ['2025-01-01', '2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节 (除夕 to 初七)
      ['2025-04-04', '2025-04-06'], // 清明
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午
      ['2025-10-01', '2025-10-08'], // 国庆 + 中秋
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    daysOff: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午
      ['2026-09-25', '2026-09-27'], // 中秋
      ['2026-10-01', '2026-10-07'], // 国庆
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function everyDayOf(year: number): string[] {
  const days: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

function expectedWorking(date: string, year: number): boolean {
  const notice = NOTICES[year];
  if (!notice) throw new Error(`no notice for ${year}`);
  if (notice.makeUpWorkdays.includes(date)) return true;
  if (notice.daysOff.some(([from, to]) => date >= from && date <= to)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

describe('official working-day calendar', () => {
  it.each([2025, 2026])('agrees with the State Council notice for every day of %i', (year) => {
    const mismatches = everyDayOf(year).filter((date) => isWorkingDay(date) !== expectedWorking(date, year));
    expect(mismatches).toEqual([]);
  });

  it('has a stable version naming the package and the official years', () => {
    expect(CALENDAR_VERSION).toBe('cn-workdays/chinese-days@1.5.7/2004-2026');
    expect(OFFICIAL_CALENDAR_YEARS[0]).toBe(2004);
    expect(OFFICIAL_CALENDAR_YEARS.at(-1)).toBe(2026);
    expect(OFFICIAL_CALENDAR_YEARS).toHaveLength(23);
  });

  it.each([
    // date, working, holiday name contains, make-up day
    ['2025-01-26', true, undefined, true], // Sunday worked for Spring Festival
    ['2025-02-08', true, undefined, true], // Saturday worked for Spring Festival
    ['2025-01-28', false, 'Spring Festival', false], // 除夕, a holiday since 2025
    ['2025-10-06', false, 'Mid-autumn', false], // Mid-Autumn falls inside the National Day break
    ['2026-10-10', true, undefined, true],
    ['2026-02-23', false, 'Spring Festival', false], // Monday, last day of the 9-day break
    ['2026-03-07', false, undefined, false], // ordinary Saturday
    ['2026-03-09', true, undefined, false], // ordinary Monday
  ])('dayInfo(%s): working %s, holiday %s, make-up %s', (date, working, holiday, makeUp) => {
    const info = dayInfo(date);
    expect(info.working).toBe(working);
    expect(info.makeUpWorkday).toBe(makeUp);
    expect(info.covered).toBe(true);
    if (holiday) expect(info.holidayName).toContain(holiday);
    else expect(info.holidayName).toBeUndefined();
  });

  describe('years the data does not cover', () => {
    it('uses only weekends and the fixed-date holidays, and says the day is not covered', () => {
      expect(dayInfo('2030-10-01')).toMatchObject({ working: false, covered: false });
      expect(dayInfo('2030-10-01').holidayName).toContain('National Day');
      expect(dayInfo('2030-10-03').working).toBe(false);
      expect(dayInfo('2030-05-02').working).toBe(false); // Labour Day has two days from 2025
      expect(dayInfo('2030-01-01').working).toBe(false);
      // 2030-02-04 is 正月初二, a statutory holiday, but lunar holidays are not computed: a known, flagged limitation.
      expect(dayInfo('2030-02-04')).toMatchObject({ working: true, covered: false });
    });

    it('treats the last week of the final official year as unsettled until the next notice', () => {
      expect(dayInfo('2026-12-24').covered).toBe(true);
      expect(dayInfo('2026-12-25').covered).toBe(false);
      expect(dayInfo('2027-01-04').covered).toBe(false);
      // Late December of a year followed by a covered year is settled.
      expect(dayInfo('2025-12-31').covered).toBe(true);
    });
  });

  it('adds working days across a holiday', () => {
    // 2025-09-26 (Fri) + 10 wd: Sep 28 (make-up Sun) 1, 29 2, 30 3, Oct 1–8 off, Oct 9 4, 10 5, 11 (make-up Sat) 6,
    // 13 7, 14 8, 15 9, 16 10.
    expect(addWorkingDays('2025-09-26', 10)).toEqual({ date: '2025-10-16', provisional: false });
  });

  describe('repo data file (next year as a data change)', () => {
    const fixture2027 = {
      years: [
        {
          year: 2027,
          notice: 'test fixture, not the real 2027 notice',
          published: '2026-11-01',
          holidays: [{ name: 'Test Festival', nameZh: '测试节', from: '2027-02-05', to: '2027-02-11' }],
          makeUpWorkdays: [{ date: '2027-02-13', for: 'Test Festival' }],
        },
      ],
    };

    it('adds a year, covers it and changes the calendar version', () => {
      const calendar = buildCalendar(fixture2027);
      expect(calendar.version).toMatch(
        /^cn-workdays\/chinese-days@1\.5\.7\/2004-2027\/repo:2027#[0-9a-f]{8}$/,
      );
      expect(buildCalendar(fixture2027).version).toBe(calendar.version); // stable
      expect(calendar.dayInfo('2027-02-08')).toMatchObject({ working: false, covered: true });
      expect(calendar.dayInfo('2027-02-13')).toMatchObject({ working: true, makeUpWorkday: true });
      expect(calendar.dayInfo('2026-12-28').covered).toBe(true);
    });

    it('refuses a make-up working day that is not a weekend day, naming the field', () => {
      const bad = structuredClone(fixture2027);
      bad.years[0]!.makeUpWorkdays[0]!.date = '2027-02-17'; // a Wednesday
      expect(() => buildCalendar(bad)).toThrow(CalendarDataError);
      expect(() => buildCalendar(bad)).toThrow(/years\.0\.makeUpWorkdays\.0\.date: not a Saturday or Sunday/);
    });

    it('refuses impossible dates', () => {
      const bad = structuredClone(fixture2027);
      bad.years[0]!.holidays[0]!.to = '2027-02-30';
      expect(() => buildCalendar(bad)).toThrow(/years\.0\.holidays\.0\.to/);
    });
  });
});
