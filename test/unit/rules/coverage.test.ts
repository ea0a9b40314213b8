import { earliestCoveredDate, getRuleSet, listRuleSets, OFFICIAL_CALENDAR_YEARS } from '../../../src/rules';
import { buildCalendar } from '../../../src/rules/calendar/default-calendar';
import { loadPackageYears } from '../../../src/rules/calendar/package-schedule';

/** The earliest date a case can be counted with the loaded rule sets and calendar (probe finding F14). */
describe('earliestCoveredDate', () => {
  it("is the rule set's effective date when the calendar's official data starts earlier", () => {
    const national = getRuleSet('national-2022');
    expect(earliestCoveredDate(national)).toEqual({
      date: national.text.effectiveFrom,
      ruleSetFrom: national.text.effectiveFrom,
      calendarFrom: `${OFFICIAL_CALENDAR_YEARS[0]}-01-01`,
    });
  });

  it("is 1 January of the calendar's first official year when the rule set is older than the data", () => {
    const beijing = getRuleSet('beijing-2006');
    // A calendar whose official data starts after the rule set came into force.
    const laterYear = Number(beijing.text.effectiveFrom.slice(0, 4)) + 3;
    const calendar = buildCalendar(
      { years: [] },
      loadPackageYears().filter((year) => year.year >= laterYear),
    );
    expect(earliestCoveredDate(beijing, calendar).date).toBe(`${laterYear}-01-01`);
  });

  it('is never before either source for any built-in rule set', () => {
    for (const ruleSet of listRuleSets()) {
      const { date } = earliestCoveredDate(ruleSet);
      expect(date >= ruleSet.text.effectiveFrom).toBe(true);
      expect(date >= `${OFFICIAL_CALENDAR_YEARS[0]}-01-01`).toBe(true);
    }
  });
});
