import { CaseDriver } from '../../support/case-engine';
import type { RunningCase } from '../../../src/db/running-cases';
import {
  calendarCandidate,
  calendarImpact,
  ruleSetCandidate,
  ruleSetImpact,
} from '../../../src/domain/rules-impact';
import { CalendarDataError, getRuleSet, parseRuleSet, RuleSetValidationError } from '../../../src/rules';
import { calendarWithAddedYear, defaultCalendar } from '../../../src/rules/calendar/default-calendar';
import type { OfficialYearFile } from '../../../src/rules/calendar/official-schedule';
import { addDays, weekdayOf, yearOf } from '../../../src/rules/dates';

/**
 * Fixed dates in a year no official schedule will cover for decades (2099), so the case's D1 (route, 15 d
 * from receipt) is provisional; the candidate year is built from that provisional date.
 */
const SATURDAY = 6;

/** A Friday in March 2099: its D1 ends on a Saturday (day 15), so the provisional date rolls to Monday. */
function fridayBeforeSaturdayEnd(): string {
  let date = '2099-03-02';
  while (weekdayOf(addDays(date, 15)) !== SATURDAY) date = addDays(date, 1);
  return date;
}

async function registeredCase(receivedOn: string, petitionId = 'XF-2099-000001'): Promise<RunningCase> {
  const driver = await new CaseDriver('national-2022', receivedOn).register({ petitionId });
  return { petitionId, state: driver.state };
}

const routeOf = (running: RunningCase) => running.state.deadlines.find((d) => d.key === 'route')!;

function officialYear(
  year: number,
  extra: Partial<Pick<OfficialYearFile, 'holidays' | 'makeUpWorkdays'>> = {},
): OfficialYearFile {
  return {
    year,
    notice: `国务院办公厅关于${year}年部分节假日安排的通知 (test)`,
    published: `${year - 1}-11-12`,
    holidays: [
      { name: "New Year's Day", nameZh: '元旦', from: `${year}-01-01`, to: `${year}-01-01` },
      ...(extra.holidays ?? []),
    ],
    makeUpWorkdays: extra.makeUpWorkdays ?? [],
  };
}

describe('rules impact of a calendar year', () => {
  it('moves a provisional date that the year makes a holiday to the next working day', async () => {
    const running = await registeredCase('2099-03-10');
    const before = routeOf(running);
    expect(before).toMatchObject({ status: 'running', provisional: true });
    const due = before.dueDate;
    const year = officialYear(yearOf(due), {
      holidays: [{ name: 'Test Day', nameZh: '测试日', from: due, to: due }],
    });

    const impact = calendarImpact([running], calendarWithAddedYear(year), running.state.receivedOn);

    expect(impact.moves).toHaveLength(1);
    const move = impact.moves[0]!;
    expect(move).toMatchObject({
      petitionId: 'XF-2099-000001',
      key: 'route',
      ruleSetId: 'national-2022',
      ruleSetVersionBefore: before.ruleSetVersion,
      ruleSetVersionAfter: before.ruleSetVersion,
      dueDateBefore: due,
      provisionalBefore: true,
      provisionalAfter: false,
      overdueBefore: false,
      overdueAfter: false,
      newlyOverdue: false,
    });
    expect(move.dueDateAfter! > due).toBe(true);
    expect(move.calendarVersionAfter).toMatch(/\/added:2099#[0-9a-f]{8}$/);
    expect(impact.summary).toEqual({ cases: 1, deadlines: 1, newlyOverdue: 0 });
  });

  it('shows a case pinned to a version this process cannot load, with the reason, instead of failing', async () => {
    const running = await registeredCase('2099-03-10');
    const unloadable: RunningCase = {
      ...running,
      state: {
        ...running.state,
        deadlines: running.state.deadlines.map((d) => ({ ...d, ruleSetVersion: '0.0.1' })),
      },
    };
    const year = officialYear(yearOf(routeOf(running).dueDate), {});

    const impact = calendarImpact([unloadable, running], calendarWithAddedYear(year), '2099-03-10');

    const shown = impact.moves.filter((m) => m.problem);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ key: 'route', dueDateAfter: null, newlyOverdue: false });
    expect(shown[0]!.problem).toMatch(/national-2022@0\.0\.1/);
  });

  it('moves a date that rolled over a weekend back to a make-up working day: newly overdue as of the day after', async () => {
    const receivedOn = fridayBeforeSaturdayEnd();
    const saturday = addDays(receivedOn, 15);
    const running = await registeredCase(receivedOn);
    expect(routeOf(running)).toMatchObject({ dueDate: addDays(saturday, 2), provisional: true });
    const year = officialYear(yearOf(saturday), { makeUpWorkdays: [{ date: saturday, for: 'Test Day' }] });
    const calendar = calendarWithAddedYear(year);

    const dayAfter = calendarImpact([running], calendar, addDays(saturday, 1));
    expect(dayAfter.moves[0]).toMatchObject({
      dueDateBefore: addDays(saturday, 2),
      dueDateAfter: saturday,
      overdueBefore: false,
      overdueAfter: true,
      newlyOverdue: true,
    });
    expect(dayAfter.summary).toEqual({ cases: 1, deadlines: 1, newlyOverdue: 1 });
    // On the new due date itself the deadline still runs (it ends at 24:00).
    expect(calendarImpact([running], calendar, saturday).summary.newlyOverdue).toBe(0);
  });

  it('lists nothing for a year that leaves the date where it is, a closed case or a deadline no longer open', async () => {
    const running = await registeredCase('2099-03-10');
    const due = routeOf(running).dueDate;
    const quiet = calendarWithAddedYear(officialYear(yearOf(due)));
    const moving = calendarWithAddedYear(
      officialYear(yearOf(due), { holidays: [{ name: 'Test Day', nameZh: '测试日', from: due, to: due }] }),
    );
    expect(calendarImpact([running], quiet, '2099-03-10').moves).toEqual([]);

    const closed: RunningCase = { ...running, state: { ...running.state, status: 'closed' } };
    const met: RunningCase = {
      ...running,
      state: { ...running.state, deadlines: running.state.deadlines.map((d) => ({ ...d, status: 'met' })) },
    };
    // A paused deadline (a hearing) is counted again when its hearing closes, not by the change.
    const paused: RunningCase = {
      ...running,
      state: {
        ...running.state,
        deadlines: running.state.deadlines.map((d) => ({ ...d, status: 'paused' })),
      },
    };
    expect(calendarImpact([closed, met, paused], moving, '2099-03-10').moves).toEqual([]);
    expect(calendarImpact([running], moving, '2099-03-10').moves).toHaveLength(1);
  });

  it('leaves the running calendar as it is', () => {
    const years = [...defaultCalendar.officialYears];
    const version = defaultCalendar.version;
    const candidate = calendarWithAddedYear(officialYear(2099));
    expect(candidate.officialYears).toContain(2099);
    expect([...defaultCalendar.officialYears, defaultCalendar.version]).toEqual([...years, version]);
  });
});

describe('rules impact of a rule-set version', () => {
  const nextVersion = (extra: Record<string, unknown> = {}) => ({
    extends: 'national-2022@1.3.0',
    id: 'national-2022',
    version: '9.0.0',
    deadlines: [{ key: 'route', length: 20 }],
    ...extra,
  });
  const transitional = { appliesToRunningCases: true, citation: '过渡条款 (test)' };

  it('moves the open deadlines of the cases pinned to an older version when it applies to running cases', async () => {
    const running = await registeredCase('2099-03-10');
    const other = await new CaseDriver('beijing-2006', '2099-03-10').register({
      petitionId: 'XF-2099-000002',
    });
    const candidate = ruleSetCandidate(nextVersion({ transitional }));

    const impact = ruleSetImpact(
      [running, { petitionId: 'XF-2099-000002', state: other.state }],
      candidate,
      '2099-03-10',
    );

    expect(
      impact.moves.map((m) => [m.petitionId, m.key, m.ruleSetVersionBefore, m.ruleSetVersionAfter]),
    ).toEqual([['XF-2099-000001', 'route', getRuleSet('national-2022').version, '9.0.0']]);
    expect(impact.moves[0]!.dueDateAfter! > impact.moves[0]!.dueDateBefore).toBe(true);
  });

  it('moves nothing without a transitional provision: it applies to cases registered from its release', async () => {
    const running = await registeredCase('2099-03-10');
    const candidate = ruleSetCandidate(nextVersion());
    expect(ruleSetImpact([running], candidate, '2099-03-10').moves).toEqual([]);
    const declined = ruleSetCandidate(
      nextVersion({ transitional: { ...transitional, appliesToRunningCases: false } }),
    );
    expect(ruleSetImpact([running], declined, '2099-03-10').moves).toEqual([]);
  });

  it('leaves a deadline the new version no longer has as it is', async () => {
    const running = await registeredCase('2099-03-10');
    const { extends: _base, ...complete } = JSON.parse(JSON.stringify(getRuleSet('national-2022'))) as {
      extends?: string;
      deadlines: Array<{ key: string; length: number }>;
    };
    const withoutRoute = {
      ...complete,
      version: '9.0.0',
      transitional,
      deadlines: complete.deadlines.filter((d) => d.key !== 'route'),
    };
    expect(ruleSetImpact([running], ruleSetCandidate(withoutRoute), '2099-03-10').moves).toEqual([]);
  });

  it('reports a deadline the new version cannot compute instead of failing', async () => {
    const running = await registeredCase('2099-03-10');
    // An extension on a deadline the rule set does not let extend: the rule engine refuses to compute it.
    const candidate = parseRuleSet(nextVersion({ transitional }));
    const bent: RunningCase = {
      ...running,
      state: {
        ...running.state,
        deadlines: running.state.deadlines.map((d) => (d.key === 'route' ? { ...d, extensionDays: 5 } : d)),
      },
    };
    const [move] = ruleSetImpact([bent], candidate, '2099-03-10').moves;
    expect(move).toMatchObject({ key: 'route', dueDateAfter: null, newlyOverdue: false });
    expect(move!.problem).toMatch(/route/);
  });
});

describe('rules impact: bad candidates are refused with the reason', () => {
  it('refuses a rule-set file that breaks the schema, or a version not newer than the loaded one', () => {
    expect(() => ruleSetCandidate({ id: 'national-2022', version: '9.0.0' })).toThrow(RuleSetValidationError);
    expect(() =>
      ruleSetCandidate({ extends: 'national-2022@1.3.0', id: 'national-2022', version: '1.3.0' }),
    ).toThrow(/1\.3\.0 is not newer than the loaded \d+\.\d+\.\d+/);
    expect(() =>
      ruleSetCandidate({ extends: 'national-2022@1.2.0', id: 'national-2022', version: '1.2.5' }),
    ).toThrow(/1\.2\.5 is not newer than the loaded \d+\.\d+\.\d+/);
    expect(() =>
      ruleSetCandidate({
        extends: 'national-2022@1.3.0',
        id: 'national-2022',
        version: '9.0.0',
        transitional: { appliesToRunningCases: 'yes' },
      }),
    ).toThrow(/transitional/);
  });

  it('refuses a calendar year with a day both off and worked, a year already loaded, or not a year at all', () => {
    const loaded = defaultCalendar.officialYears;
    const clash = officialYear(2099, {
      holidays: [{ name: 'Test Day', nameZh: '测试日', from: '2099-03-07', to: '2099-03-08' }],
      makeUpWorkdays: [{ date: '2099-03-07', for: 'Test Day' }],
    });
    expect(() => calendarCandidate(clash, loaded)).toThrow(CalendarDataError);
    expect(() => calendarCandidate(clash, loaded)).toThrow(
      /makeUpWorkdays\.0\.date: also listed as a day off/,
    );
    const lastLoaded = loaded.at(-1)!;
    expect(() => calendarCandidate(officialYear(lastLoaded), loaded)).toThrow(
      `year ${lastLoaded} is already loaded`,
    );
    expect(() => calendarCandidate({ years: [] }, loaded)).toThrow(/not one official year/);
    expect(calendarCandidate(officialYear(2099), loaded).year).toBe(2099);
  });
});
