import fc from 'fast-check';
import { dueDate, isWorkingDay, listRuleSets, toShanghaiDate, type DeadlineKey } from '../../../src/rules';

const MS_PER_DAY = 86_400_000;
const toDate = (dayNumber: number): string => new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
const toDayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;

/** Start dates from 2004 (first official year) to 2031, so provisional years are exercised too. */
const startDate = fc.integer({ min: toDayNumber('2004-01-01'), max: toDayNumber('2031-12-31') }).map(toDate);

const deadlines = listRuleSets().flatMap((ruleSet) =>
  ruleSet.deadlines.map((rule) => ({ ruleSet, key: rule.key as DeadlineKey, rule })),
);
/** Periods the rule set counts; a date the case sets (exactDate, a leader's target) is kept as set. */
const counted = deadlines.filter(({ rule }) => !rule.perCaseLength?.exactDate);
const anyDeadline = fc.constantFrom(...counted);
const extendable = fc.constantFrom(
  ...deadlines.filter(({ ruleSet, key }) => ruleSet.extension.appliesTo.includes(key)),
);

function workingDaysBetween(startExclusive: string, endInclusive: string): number {
  let count = 0;
  for (let day = toDayNumber(startExclusive) + 1; day <= toDayNumber(endInclusive); day++) {
    if (isWorkingDay(toDate(day))) count++;
  }
  return count;
}

describe('due date properties', () => {
  it('falls on a working day and never before start + length', () => {
    fc.assert(
      fc.property(anyDeadline, startDate, ({ ruleSet, key, rule }, start) => {
        const result = dueDate(ruleSet, key, start);
        expect(ruleSet.counting.rollForwardToWorkingDay).toBe(true);
        expect(isWorkingDay(result.dueDate)).toBe(true);
        expect(toDayNumber(result.dueDate) - toDayNumber(start)).toBeGreaterThanOrEqual(rule.length);
      }),
    );
  });

  it('keeps a date the case sets (a leader’s target date) exactly, rest day or not', () => {
    const exact = fc.constantFrom(...deadlines.filter(({ rule }) => rule.perCaseLength?.exactDate));
    fc.assert(
      fc.property(exact, startDate, fc.integer({ min: 1, max: 90 }), ({ ruleSet, key }, start, days) => {
        const result = dueDate(ruleSet, key, start, { lengthDays: days });
        expect(toDayNumber(result.dueDate) - toDayNumber(start)).toBe(days);
      }),
    );
  });

  it('moves a calendar-day period only past rest days', () => {
    const calendarDay = fc.constantFrom(...counted.filter(({ rule }) => rule.unit === 'calendar-days'));
    fc.assert(
      fc.property(calendarDay, startDate, ({ ruleSet, key, rule }, start) => {
        const result = dueDate(ruleSet, key, start);
        for (let day = toDayNumber(start) + rule.length; day < toDayNumber(result.dueDate); day++) {
          expect(isWorkingDay(toDate(day))).toBe(false);
        }
      }),
    );
  });

  it('puts exactly N working days in a working-day period', () => {
    const workingDay = fc.constantFrom(...deadlines.filter(({ rule }) => rule.unit === 'working-days'));
    fc.assert(
      fc.property(workingDay, startDate, ({ ruleSet, key, rule }, start) => {
        const result = dueDate(ruleSet, key, start);
        expect(workingDaysBetween(start, result.dueDate)).toBe(rule.length);
      }),
    );
  });

  it('never moves the date earlier when the extension grows', () => {
    fc.assert(
      fc.property(extendable, startDate, fc.nat(), fc.nat(), ({ ruleSet, key }, start, a, b) => {
        const cap = ruleSet.extension.capDays;
        const [smaller, larger] = [a % (cap + 1), b % (cap + 1)].sort((x, y) => x - y) as [number, number];
        const before = dueDate(ruleSet, key, start, { extensionDays: smaller });
        const after = dueDate(ruleSet, key, start, { extensionDays: larger });
        expect(after.dueDate >= before.dueDate).toBe(true);
      }),
    );
  });

  it('orders warnings before the deadline and escalations after it', () => {
    fc.assert(
      fc.property(anyDeadline, startDate, ({ ruleSet, key }, start) => {
        const result = dueDate(ruleSet, key, start);
        const dueAtMs = Date.parse(result.dueAt);
        expect(toShanghaiDate(new Date(dueAtMs - 1))).toBe(result.dueDate); // 24:00 of the due date
        for (const warning of result.warnings) {
          expect(Date.parse(warning.at)).toBeLessThan(dueAtMs);
          expect(toShanghaiDate(warning.at) > start).toBe(true);
        }
        for (const rung of result.expiry.escalations)
          expect(Date.parse(rung.at)).toBeGreaterThanOrEqual(dueAtMs);
      }),
    );
  });
});

describe('toShanghaiDate properties', () => {
  it('agrees with shifting the UTC instant by eight hours, for any offset the instant is written in', () => {
    const instantMs = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    const offsetMinutes = fc
      .integer({ min: -12 * 60, max: 14 * 60 })
      .map((minutes) => minutes - (minutes % 15));
    fc.assert(
      fc.property(instantMs, offsetMinutes, (ms, offset) => {
        const expected = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        expect(toShanghaiDate(`${local}${sign}${hh}:${mm}`)).toBe(expected);
        expect(toShanghaiDate(new Date(ms))).toBe(expected);
      }),
    );
  });
});
