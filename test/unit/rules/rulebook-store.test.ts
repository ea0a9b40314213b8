import example2027 from '../../../docs/examples/official-year-2027.example.json';
import {
  CALENDAR_VERSION,
  CalendarDataError,
  calendarVersion,
  checkNewOfficialYear,
  dayInfo,
  dueDate,
  getRuleSet,
  listRuleSetVersions,
  loadAddedOfficialYears,
  loadReleasedRuleSets,
  officialCalendarYears,
  OFFICIAL_CALENDAR_YEARS,
  RuleSetValidationError,
} from '../../../src/rules';

/** A year no package or repo file has yet: the first after the built-in ones (2027 with chinese-days 1.5.7). */
const nextYear = OFFICIAL_CALENDAR_YEARS.at(-1)! + 1;
const yearFile = (year = nextYear) => ({
  ...JSON.parse(
    JSON.stringify(example2027)
      .replaceAll('2027-', `${year}-`)
      .replaceAll('2026-11', `${year - 1}-11`),
  ),
  year,
});

afterEach(() => {
  loadAddedOfficialYears([]);
  loadReleasedRuleSets([]);
});

describe('official years added to the store', () => {
  it('ships an example file for 2027 that the checks accept (labelled as an example)', () => {
    expect(example2027.notice).toMatch(/ILLUSTRATIVE EXAMPLE/);
    if (!OFFICIAL_CALENDAR_YEARS.includes(2027)) expect(checkNewOfficialYear(example2027).year).toBe(2027);
  });

  it('counts with an added year and names it in the calendar version; none added: exactly the built-in calendar', () => {
    const national = getRuleSet('national-2022');
    const start = `${nextYear}-01-20`;
    const before = dueDate(national, 'handle', start);
    expect(before.provisional).toBe(true);
    expect(calendarVersion()).toBe(CALENDAR_VERSION);

    loadAddedOfficialYears([yearFile()]);
    expect(calendarVersion()).toMatch(
      new RegExp(`^${CALENDAR_VERSION.replace(/[-/]\d+$/, '')}.*/added:${nextYear}#[0-9a-f]{8}$`),
    );
    expect(calendarVersion()).toContain(`-${nextYear}/added:${nextYear}#`);
    expect(officialCalendarYears()).toContain(nextYear);
    expect(dayInfo(`${nextYear}-02-08`)).toMatchObject({ covered: true, working: false });
    const after = dueDate(national, 'handle', start);
    expect(after.provisional).toBe(false);
    expect(after.calendarVersion).toBe(calendarVersion());

    loadAddedOfficialYears([]);
    expect(calendarVersion()).toBe(CALENDAR_VERSION);
    expect(dueDate(national, 'handle', start)).toEqual(before);
  });

  it('refuses a file that breaks the schema, naming the field', () => {
    const broken = {
      ...yearFile(),
      holidays: [{ name: 'X', nameZh: 'X', from: `${nextYear}-02-30`, to: `${nextYear}-03-01` }],
    };
    expect(() => checkNewOfficialYear(broken)).toThrow(CalendarDataError);
    expect(() => checkNewOfficialYear(broken)).toThrow(/holidays\.0\.from: expected a real date/);
    expect(() => checkNewOfficialYear({ year: nextYear })).toThrow(/notice/);
  });

  it('refuses a date that is both a holiday and a working day', () => {
    const file = {
      ...yearFile(),
      holidays: [
        { name: 'Labour Day', nameZh: '劳动节', from: `${nextYear}-05-01`, to: `${nextYear}-05-09` },
      ],
      makeUpWorkdays: [{ date: firstWeekendIn(`${nextYear}-05-01`), for: 'Labour Day' }],
    };
    expect(() => checkNewOfficialYear(file)).toThrow(/makeUpWorkdays\.0\.date: also listed as a day off/);
  });

  it('refuses a year already loaded: from the package, or already added to the store', () => {
    expect(() => checkNewOfficialYear({ ...yearFile(2026), makeUpWorkdays: [] })).toThrow(
      /2026 is already loaded \(from the calendar package\)/,
    );
    loadAddedOfficialYears([yearFile()]);
    expect(() => checkNewOfficialYear(yearFile())).toThrow(
      new RegExp(`${nextYear} is already loaded \\(from the rulebook store`),
    );
  });
});

describe('rule-set versions released to the store', () => {
  const release = (version: string, change: (raw: any) => void = () => undefined) => {
    const raw = { extends: 'national-2022@1.3.0', id: 'national-2022', version } as any;
    change(raw);
    return raw;
  };

  it('loads a release beside the built-in versions, and drops it when the store no longer has it', () => {
    const { loaded, refused } = loadReleasedRuleSets([
      release('9.0.0', (raw) => (raw.deadlines = [{ key: 'handle', length: 45 }])),
    ]);
    expect([loaded.map((r) => r.version), refused]).toEqual([['9.0.0'], []]);
    expect(getRuleSet('national-2022').deadlines.find((d) => d.key === 'handle')?.length).toBe(45);
    expect(getRuleSet('national-2022', '1.3.0').deadlines.find((d) => d.key === 'handle')?.length).toBe(60);
    loadReleasedRuleSets([]);
    expect(listRuleSetVersions('national-2022').map((v) => v.version)).not.toContain('9.0.0');
  });

  it('keeps a transitional provision with the version that declares it, not the versions extending it', () => {
    const transitional = { appliesToRunningCases: true, citation: 'Art 52 ¶2 (test)' };
    loadReleasedRuleSets([
      release('9.0.0', (raw) => (raw.transitional = transitional)),
      { extends: 'national-2022@9.0.0', id: 'national-2022', version: '9.1.0' },
    ]);
    expect(getRuleSet('national-2022', '9.0.0').transitional).toEqual(transitional);
    expect(getRuleSet('national-2022', '9.1.0').transitional).toBeUndefined();
  });

  it('names a release that no longer loads and loads the others', () => {
    const { loaded, refused } = loadReleasedRuleSets([
      release('9.0.0', (raw) => (raw.transitional = { appliesToRunningCases: 'yes' })),
      release('9.1.0'),
    ]);
    expect(loaded.map((r) => r.version)).toEqual(['9.1.0']);
    expect(refused).toEqual([expect.stringMatching(/transitional/)]);
    expect(() => loadReleasedRuleSets([release('1.0.0')]).refused).not.toThrow(RuleSetValidationError);
    expect(loadReleasedRuleSets([release('1.0.0')]).refused).toEqual([expect.stringMatching(/older than/)]);
  });
});

function firstWeekendIn(from: string): string {
  for (let date = new Date(`${from}T00:00:00Z`); ; date = new Date(date.getTime() + 86_400_000)) {
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) return date.toISOString().slice(0, 10);
  }
}
