import { computeDeadline } from '../../../src/activities/compute-deadline';
import { planReplan, selectedForReplan } from '../../../src/case';
import { addDays } from '../../../src/rules/dates';
import {
  calendarWithAddedYear,
  casePolicyOf,
  dueDate,
  getRuleSet,
  loadAddedOfficialYears,
  loadReleasedRuleSets,
  OFFICIAL_CALENDAR_YEARS,
} from '../../../src/rules';
import { actors, CaseDriver } from '../../support/case-engine';

const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
/** The first year without an official schedule: a 60-day limit started late in the year before runs into it. */
const openYear = OFFICIAL_CALENDAR_YEARS.at(-1)! + 1;

/** A year's notice with one holiday: the days from `from` to `to`. */
const yearWithHoliday = (from: string, to: string) => ({
  year: openYear,
  notice: 'test notice',
  published: `${openYear - 1}-11-01`,
  holidays: [
    { name: "New Year's Day", nameZh: '元旦', from: `${openYear}-01-01`, to: `${openYear}-01-01` },
    { name: 'Test break', nameZh: '测试', from, to },
  ],
  makeUpWorkdays: [],
});

afterEach(() => {
  loadAddedOfficialYears([]);
  loadReleasedRuleSets([]);
});

async function acceptedCase(today: string): Promise<CaseDriver> {
  const driver = await new CaseDriver('national-2022', today).register();
  await driver.ok(actors.registrar, route);
  await driver.ok(actors.handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

describe('re-plan after an official year is added', () => {
  it('moves the open provisional deadlines to the official dates, once, as the pure preview says', async () => {
    const driver = await acceptedCase(`${openYear - 1}-12-20`);
    const handle = driver.deadline('handle')!;
    expect(handle.provisional).toBe(true);
    expect(selectedForReplan(driver.state, {})).toBe(true);
    // The year's notice gives the provisional due date and the two days after it off: it must move.
    const file = yearWithHoliday(handle.dueDate, addDays(handle.dueDate, 2));
    // The preview (`rules impact`): the same selection and recomputation, with the year not added yet.
    const pinned = casePolicyOf(getRuleSet('national-2022'));
    const previewCalendar = calendarWithAddedYear(file);
    const ruleSet = getRuleSet('national-2022', pinned.ruleSetVersion);
    const preview = planReplan(driver.state, pinned, {}, (requests) =>
      requests.map((request) => computeDeadline(ruleSet, request, previewCalendar)),
    );
    loadAddedOfficialYears([file]);

    const { moves, events } = await driver.replan();
    const official = dueDate(getRuleSet('national-2022'), 'handle', handle.startDate);
    expect(official.dueDate > handle.dueDate).toBe(true);
    expect(moves.find((m) => m.key === 'handle')).toMatchObject({
      dueDateBefore: handle.dueDate,
      dueDateAfter: official.dueDate,
      dateChanged: true,
      provisionalAfter: false,
    });
    expect(events.map((e) => e.type)).toEqual(moves.map(() => 'deadline-recomputed'));
    expect(
      events.every((e) => 'calendarVersion' in e && e.calendarVersion === official.calendarVersion),
    ).toBe(true);
    expect(events.every((e) => e.actor === 'operator')).toBe(true);
    expect(preview.moves.map(({ event: _e, ...m }) => m)).toEqual(moves.map(({ event: _e, ...m }) => m));
    expect(driver.deadline('handle')).toMatchObject({ dueDate: official.dueDate, provisional: false });
    expect(selectedForReplan(driver.state, {})).toBe(false);

    expect(await driver.replan()).toEqual({ moves: [], events: [] });
  });

  it('moves nothing in a case whose deadlines are all official', async () => {
    const driver = await acceptedCase('2026-03-02');
    expect(selectedForReplan(driver.state, {})).toBe(false);
    expect(await driver.replan()).toEqual({ moves: [], events: [] });
  });
});

describe('re-plan onto a version with a transitional provision', () => {
  const citation = 'Art 52 ¶2 (test)';
  const nextVersion = {
    extends: 'national-2022@1.3.0',
    id: 'national-2022',
    version: '9.0.0',
    deadlines: [{ key: 'handle', length: 45 }],
    transitional: { appliesToRunningCases: true, citation },
  };

  it('adopts the version, recomputes the open deadlines with it from the same start, audited, once', async () => {
    const driver = await acceptedCase('2026-03-02');
    const pinned = driver.policyVersion;
    const before = driver.deadline('handle')!;
    loadReleasedRuleSets([nextVersion]);
    expect(selectedForReplan(driver.state, { ruleSetId: 'national-2022', ruleSetVersion: '9.0.0' })).toBe(
      true,
    );

    const { moves, events } = await driver.replan({ ruleSetVersion: '9.0.0', citation });
    const expected = dueDate(getRuleSet('national-2022', '9.0.0'), 'handle', before.startDate);
    expect(events[0]).toMatchObject({
      type: 'rule-set-adopted',
      ruleSetVersion: '9.0.0',
      previousVersion: pinned,
      citation,
      actor: 'operator',
    });
    expect(events.find((e) => e.type === 'deadline-recomputed' && e.key === 'handle')).toMatchObject({
      ruleSetVersion: '9.0.0',
      previousDueAt: before.dueAt,
      dueDate: expected.dueDate,
    });
    expect(moves.find((m) => m.key === 'handle')).toMatchObject({
      dueDateBefore: before.dueDate,
      dueDateAfter: expected.dueDate,
    });
    expect(driver.state.ruleSetVersion).toBe('9.0.0');
    expect(driver.deadline('handle')).toMatchObject({ ruleSetVersion: '9.0.0', startDate: before.startDate });
    expect(driver.policyVersion).toBe('9.0.0');
    expect(selectedForReplan(driver.state, { ruleSetId: 'national-2022', ruleSetVersion: '9.0.0' })).toBe(
      false,
    );

    expect(await driver.replan({ ruleSetVersion: '9.0.0', citation })).toEqual({ moves: [], events: [] });
  });

  it('keeps the version of a case of another rule set, or one asked to adopt an older version', async () => {
    const driver = await acceptedCase('2026-03-02');
    expect(selectedForReplan(driver.state, { ruleSetId: 'beijing-2023', ruleSetVersion: '9.0.0' })).toBe(
      false,
    );
    expect(selectedForReplan(driver.state, { ruleSetId: 'national-2022', ruleSetVersion: '1.2.0' })).toBe(
      false,
    );
    expect(await driver.replan({ ruleSetVersion: '1.2.0' })).toEqual({ moves: [], events: [] });
  });
});
