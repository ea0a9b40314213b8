import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getRuleSet, OFFICIAL_CALENDAR_YEARS } from '../../src/rules';
import { addDays, weekdayOf, yearOf } from '../../src/rules/dates';
import { startTestApp, type TestApp, testEnv } from '../support/harness';
import { footprint, PetitionFlow } from '../support/petition-flow';

/**
 * `petitionflow rules impact` as an operator runs it, in a child process against the test database: cases
 * are seeded through the API, the candidate calendar year and rule-set version are built from the dates the
 * rule engine gave those cases (no date here is fixed), and nothing the command reads is changed.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'rules-impact-'));

let app: TestApp;
let flow: PetitionFlow;
/** Accepted today: its D5 (60 d) runs, provisional when it ends in a year without an official schedule. */
let accepted: string;
/** Registered and not routed: only its D1 runs. */
let unrouted: string;
/** Withdrawn: closed, never listed. */
let withdrawn: string;

interface Deadline {
  key: string;
  status: string;
  dueDate: string;
  provisional: boolean;
}

beforeAll(async () => {
  app = await startTestApp('cli-rules-impact');
  flow = new PetitionFlow(app);
  [accepted, unrouted, withdrawn] = await Promise.all([flow.accepted(), flow.register(), flow.accepted()]);
  await flow.post('handler', withdrawn, 'withdraw', { reason: '信访人撤回。' });
});

afterAll(async () => {
  await app?.stop();
});

async function petitionflow(args: string[]) {
  // Without the stack settings the harness gave this process: the command gets the database only.
  const { DATABASE_URL: _database, AUTH_SECRET: _secret, OIDC_ISSUER: _issuer, ...env } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin', 'petitionflow.js'), 'rules', 'impact', ...args],
      {
        cwd: ROOT,
        timeout: 60_000,
        maxBuffer: 10 * 1024 * 1024,
        env: { ...env, PETITIONFLOW_FROM_SOURCE: '1', DATABASE_URL: testEnv('TEST_DATABASE_URL') },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return target;
}

async function deadlines(id: string): Promise<Deadline[]> {
  return (await flow.get('registrar', id)).deadlines as Deadline[];
}

const isOpen = (d: Deadline) => ['running', 'overdue', 'paused'].includes(d.status);

/** One official year, as the State Council's notice would give it, with the extra days off given. */
function officialYear(year: number, daysOff: string[] = []) {
  return {
    year,
    notice: `国务院办公厅关于${year}年部分节假日安排的通知 (test)`,
    published: `${year - 1}-11-12`,
    holidays: [
      { name: "New Year's Day", nameZh: '元旦', from: `${year}-01-01`, to: `${year}-01-01` },
      ...daysOff.map((date) => ({ name: 'Test Day', nameZh: '测试日', from: date, to: date })),
    ],
    makeUpWorkdays: [],
  };
}

type JsonMove = { petitionId: string; key: string; dueDateBefore: string; dueDateAfter: string | null };

/** Only the rows of this file's cases: other test files register cases in the same database. */
const ours = (moves: JsonMove[]) =>
  moves
    .filter((m) => [accepted, unrouted, withdrawn].includes(m.petitionId))
    .map((m) => [m.petitionId, m.key]);

async function footprints() {
  return Promise.all([accepted, unrouted, withdrawn].map((id) => footprint(app.pool, id)));
}

describe('petitionflow rules impact --calendar', () => {
  it('lists the provisional dates the year would move, in each format, and changes nothing', async () => {
    // The candidate year: that of the accepted case's first provisional date not in a loaded year, which
    // the year makes a day off. Without one (today's limits all end in loaded years), nothing may move.
    const provisional = (await deadlines(accepted)).filter(
      (d) => isOpen(d) && d.provisional && !OFFICIAL_CALENDAR_YEARS.includes(yearOf(d.dueDate)),
    );
    const target = provisional[0];
    const year = target ? yearOf(target.dueDate) : Math.max(...OFFICIAL_CALENDAR_YEARS) + 1;
    const calendar = file('calendar.json', officialYear(year, target ? [target.dueDate] : []));
    const expected = provisional.filter((d) => d.dueDate === target?.dueDate).map((d) => [accepted, d.key]);
    const before = await footprints();

    const json = await petitionflow(['--calendar', calendar, '--format', 'json']);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const report = JSON.parse(json.stdout);
    expect(report.candidate).toMatchObject({ kind: 'calendar', year });
    expect(report.candidate.calendarVersionAfter).toContain(`added:${year}#`);
    expect(ours(report.moves)).toEqual(expected);
    for (const move of report.moves.filter((m: JsonMove) => m.petitionId === accepted)) {
      expect(move.dueDateBefore).toBe(target!.dueDate);
      expect(move.dueDateAfter! > move.dueDateBefore).toBe(true);
    }
    expect(report.summary.deadlines).toBe(report.moves.length);

    const csv = await petitionflow(['--calendar', calendar, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFcase,deadline,ruleSet,ruleSetVersionBefore,ruleSetVersionAfter,dueDateBefore,dueDateAfter,' +
        'provisionalBefore,provisionalAfter,overdueBefore,overdueAfter,newlyOverdue,problem',
    );
    expect(lines.filter((line) => line.startsWith(`${accepted},`))).toHaveLength(expected.length);

    // As of the day after the old date: overdue then, no longer once the day is off.
    const asOf = target ? addDays(target.dueDate, 1) : addDays(`${year}-01-01`, 1);
    const table = await petitionflow(['--calendar', calendar, '--as-of', asOf]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      `calendar year ${year}: 国务院办公厅关于${year}年部分节假日安排的通知 (test)`,
    );
    expect(table.stdout).toMatch(
      new RegExp(
        `\\d+ cases?, \\d+ deadlines? would move, 0 newly overdue as of ${asOf}\\. Nothing was changed\\.`,
      ),
    );
    const row = table.stdout.split('\n').find((line) => line.startsWith(accepted));
    if (target) expect(row).toMatch(/no longer overdue$/);
    else expect(row).toBeUndefined();
    expect(table.stdout).not.toContain(unrouted);
    expect(table.stdout).not.toContain(withdrawn);

    expect(await footprints()).toEqual(before);
  });
});

describe('petitionflow rules impact --rule-set', () => {
  const ruleSetIdOf = async (id: string) => (await flow.get('registrar', id)).ruleSetId as string;

  /** The next version of the cases' rule set with a longer D5; `transitional` when it reaches running cases. */
  async function nextVersion(extra: Record<string, unknown> = {}) {
    const latest = getRuleSet(await ruleSetIdOf(accepted));
    const [major] = latest.version.split('.');
    return {
      extends: `${latest.id}@${latest.version}`,
      id: latest.id,
      version: `${Number(major) + 1}.0.0`,
      deadlines: [{ key: 'handle', length: 90 }],
      ...extra,
    };
  }

  it('lists the open deadlines of the cases pinned to an older version when it applies to running cases', async () => {
    const ruleSet = file(
      'rule-set-transitional.json',
      await nextVersion({ transitional: { appliesToRunningCases: true, citation: '附则 (test)' } }),
    );
    const handle = (await deadlines(accepted)).find((d) => d.key === 'handle' && isOpen(d))!;
    const before = await footprints();

    const json = await petitionflow(['--rule-set', ruleSet, '--format', 'json']);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const report = JSON.parse(json.stdout);
    expect(report.candidate).toMatchObject({
      kind: 'rule-set',
      appliesToRunningCases: true,
      citation: '附则 (test)',
    });
    expect(ours(report.moves)).toEqual([[accepted, 'handle']]);
    const move = report.moves.find((m: JsonMove) => m.petitionId === accepted);
    expect(move.dueDateBefore).toBe(handle.dueDate);
    expect(move.dueDateAfter > handle.dueDate).toBe(true);

    const csv = await petitionflow(['--rule-set', ruleSet, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter((line) => line.startsWith(`${accepted},handle,`))).toHaveLength(1);

    const table = await petitionflow(['--rule-set', ruleSet]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^rule set \S+ v\d+\.0\.0: applies to running cases \(附则 \(test\)\)$/,
    );
    expect(table.stdout.split('\n').find((line) => line.startsWith(accepted))).toContain(handle.dueDate);

    expect(await footprints()).toEqual(before);
  });

  it('lists none for a version without a transitional provision', async () => {
    const ruleSet = file('rule-set-plain.json', await nextVersion());
    const table = await petitionflow(['--rule-set', ruleSet]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('applies to cases registered from its release: no running case moves');
    expect(table.stdout).toContain('(no running case would move)');
    const json = await petitionflow(['--rule-set', ruleSet, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      candidate: { appliesToRunningCases: false },
      moves: [],
      summary: { cases: 0, deadlines: 0, newlyOverdue: 0 },
    });
  });
});

describe('petitionflow rules impact: bad input', () => {
  const loadedYear = Math.max(...OFFICIAL_CALENDAR_YEARS);

  /** Every answer: exit status 2, nothing on stdout, and the reason on stderr. */
  function refusals(answers: Array<{ code: number; stdout: string; stderr: string }>): string[] {
    expect(answers.map((a) => [a.code, a.stdout])).toEqual(answers.map(() => [2, '']));
    return answers.map((a) => a.stderr.trim());
  }

  it('refuses a file that breaks its schema, an old version, a day off and worked, a loaded year', async () => {
    const before = await footprints();
    const latest = getRuleSet((await flow.get('registrar', accepted)).ruleSetId);
    // A Saturday of the next year listed both inside a break and as a make-up working day.
    let saturday = `${loadedYear + 1}-03-01`;
    while (weekdayOf(saturday) !== 6) saturday = addDays(saturday, 1);
    const clash = {
      ...officialYear(loadedYear + 1),
      holidays: [{ name: 'Test Day', nameZh: '测试日', from: saturday, to: addDays(saturday, 1) }],
      makeUpWorkdays: [{ date: saturday, for: 'Test Day' }],
    };
    const old = { extends: `${latest.id}@${latest.version}`, id: latest.id, version: latest.version };
    const messages = refusals(
      await Promise.all([
        petitionflow(['--rule-set', file('broken.json', { id: latest.id, version: '99.0.0' })]),
        petitionflow(['--rule-set', file('old.json', old)]),
        petitionflow(['--calendar', file('clash.json', clash)]),
        petitionflow(['--calendar', file('loaded.json', officialYear(loadedYear))]),
      ]),
    );
    expect(messages[0]).toMatch(new RegExp(`^error: rule set '${latest.id}' is invalid: .*title`));
    expect(messages.slice(1)).toEqual([
      `error: rule set '${latest.id}' is invalid: version: ${latest.version} is not newer than the loaded ` +
        `${latest.version} (a released version never changes)`,
      'error: the calendar file is not one official year: makeUpWorkdays.0.date: also listed as a day off',
      `error: year ${loadedYear} is already loaded: its official schedule is in the calendar data`,
    ]);
    expect(await footprints()).toEqual(before);
  });

  it('refuses a file it cannot read or parse, and wrong options', async () => {
    const year = file('next-year.json', officialYear(loadedYear + 1));
    const messages = refusals(
      await Promise.all([
        petitionflow(['--calendar', file('not-json.json', '{ year: ')]),
        petitionflow(['--calendar', path.join(dir, 'absent.json')]),
        petitionflow([]),
        petitionflow(['--calendar', year, '--rule-set', 'x.json']),
        petitionflow(['--calendar', year, '--as-of', '2026-13-01']),
      ]),
    );
    expect(messages[0]).toMatch(/^error: --calendar: .*not-json\.json is not JSON: /);
    expect(messages[1]).toMatch(/^error: --calendar: cannot read .*absent\.json: ENOENT$/);
    expect(messages.slice(2)).toEqual([
      'error: give one of --rule-set FILE or --calendar FILE',
      'error: give one of --rule-set FILE or --calendar FILE',
      'error: --as-of: must be a date (YYYY-MM-DD)',
    ]);
  });
});
