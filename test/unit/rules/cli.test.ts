import { execFile } from 'node:child_process';
import path from 'node:path';
import { Command } from 'commander';
import { registerDeadlineCommand } from '../../../src/cli/commands/deadline';
import { registerRulesCommand } from '../../../src/cli/commands/rules';
import { getRuleSet } from '../../../src/rules';

const ROOT = path.resolve(__dirname, '../../..');
/** The latest released versions: a new release must not break these tests. */
const latest = (id: string) => getRuleSet(id).version.replaceAll('.', '\\.');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the real command (from source, not a stale dist/). Each spawn costs about a second. */
function spawnCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/petitionflow.js'), ...args],
      { cwd: ROOT, env: { ...process.env, PETITIONFLOW_FROM_SOURCE: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the commands in-process with console output captured; cheap, for the human-readable formats. */
async function runInProcess(args: string[]): Promise<Run> {
  const program = new Command('petitionflow').exitOverride();
  registerDeadlineCommand(program);
  registerRulesCommand(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'petitionflow', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.exitCode = previousExitCode;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('petitionflow deadline / rules (spawned)', () => {
  let runs: Run[];

  beforeAll(async () => {
    // One success, one RulesError (mapped by the command) and one Commander usage error (mapped by main.ts);
    // the other error messages are checked in-process below.
    runs = await Promise.all([
      spawnCli([
        'deadline',
        '--deadline',
        'handle',
        '--start',
        '2026-08-02',
        '--extension-days',
        '30',
        '--json',
      ]),
      spawnCli(['deadline', '--rule-set', 'atlantis-2020', '--deadline', 'handle', '--start', '2026-02-30']),
      spawnCli(['deadline', '--deadline', 'handle']),
    ]);
  }, 120_000);

  it('prints the DeadlineResult as JSON', () => {
    const [ok] = runs as [Run];
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      ruleSetId: 'national-2022',
      deadlineKey: 'handle',
      extensionDays: 30,
      dueDate: '2026-11-02', // 90 d → Sat 31 Oct → Mon 2 Nov
      dueAt: '2026-11-03T00:00:00+08:00',
      provisional: false,
      calendarVersion: 'cn-workdays/chinese-days@1.5.7/2004-2026',
    });
    expect(Array.isArray(result.explanation)).toBe(true);
  });

  it.each([
    [1, /^error: unknown rule set 'atlantis-2020'/],
    [2, /^error: required option '--start <date>' not specified/],
  ])('run %i: one line on stderr and exit code 2', (index, message) => {
    const run = runs[index] as Run;
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('petitionflow deadline / rules (in-process)', () => {
  it('explains a due date in plain text, defaulting to the national rule set', async () => {
    const run = await runInProcess(['deadline', '--deadline', 'route', '--start', '2025-01-14']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `route (national-2022 v${getRuleSet('national-2022').version}): due 2025-02-05`,
    );
    expect(run.stdout).toContain('a public holiday, Spring Festival (春节) → next working day 2025-02-05');
  });

  it.each([
    [['--start', '2026-02-30'], /^error: invalid date "2026-02-30": no such day in the calendar$/],
    [['--start', '2026-08-02', '--deadline', 'appeal'], /^error: unknown deadline 'appeal' \(known: route, /],
    [
      ['--start', '2026-08-02', '--deadline', 'accept-review'],
      /^error: rule set national-2022 has no deadline/,
    ],
    [
      ['--start', '2026-08-02', '--paused-days', '3'],
      /^error: deadline 'handle' does not stop for a hearing/,
    ],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const run = await runInProcess(['deadline', '--deadline', 'handle', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('computes with a released version named id@version, and names the versions it has for an unknown one', async () => {
    const pinned = await runInProcess([
      'deadline',
      '--rule-set',
      'henan-2012@1.2.0',
      '--deadline',
      'route',
      '--start',
      '2025-01-14',
    ]);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain('route (henan-2012 v1.2.0)');
    const unknown = await runInProcess([
      'deadline',
      '--rule-set',
      'henan-2012@0.1.0',
      '--deadline',
      'route',
      '--start',
      '2025-01-14',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown rule set 'henan-2012@0\.1\.0' \(known: henan-2012@1\.2\.0, henan-2012@1\.3\.0/,
    );
  });

  it('flags a provisional result', async () => {
    const run = await runInProcess(['deadline', '--deadline', 'handle', '--start', '2030-01-01']);
    expect(run.stdout).toContain('[PROVISIONAL]');
  });

  it('reports the extension cap as a usage error', async () => {
    const run = await runInProcess([
      'deadline',
      '--rule-set',
      'zhejiang-2016',
      '--deadline',
      'handle',
      '--start',
      '2026-01-20',
      '--extension-days',
      '61',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: extension of 61 d .*cap of 60 d/);
  });

  it('lists the rule sets as a table', async () => {
    const run = await runInProcess(['rules', 'list']);
    expect(run.stdout.split('\n')[0]).toMatch(/^ID\s+VERSION\s+IN FORCE FROM\s+DEADLINES\s+TEXT$/);
    expect(run.stdout).toMatch(
      new RegExp(
        `national-2022 \\*\\s+${latest('national-2022')}\\s+2022-05-01\\s+19\\s+信访工作条例 \\(2022\\)`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `shandong-2015\\s+${latest('shandong-2015')}\\s+2016-01-01\\s+21\\s+山东省信访条例 \\(2015\\)`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `beijing-2006\\s+${latest('beijing-2006')}\\s+2007-01-01\\s+19\\s+北京市信访条例 \\(2006\\)`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `shanghai-2012\\s+${latest('shanghai-2012')}\\s+2013-04-01\\s+19\\s+上海市信访条例 \\(2012\\)`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(`henan-2012\\s+${latest('henan-2012')}\\s+2012-11-29\\s+19\\s+河南省信访条例 \\(2012\\)`),
    );
    expect(run.stdout).toMatch(
      /national-2005\s+1\.0\.0\s+2005-05-01\s+14\s+信访条例 \(2005\), until 2022-04-30/,
    );
    // Header, seven sets, the footnote.
    expect(run.stdout.split('\n')).toHaveLength(9);
  });

  it('shows one rule set, as text or JSON', async () => {
    const text = await runInProcess(['rules', 'show', 'zhejiang-2016']);
    expect(text.stdout).toMatch(
      /route\s+5 wd\s+received-by-bureau\s+routed, diverted, not-accepted\s+petition-bureau\s+statutory/,
    );
    expect(text.stdout).toContain('by at most 60 d in total');
    const json = await runInProcess(['rules', 'show', 'shandong-2015', '--json']);
    expect((JSON.parse(json.stdout) as { id: string }).id).toBe('shandong-2015');
    const list = await runInProcess(['rules', 'list', '--json']);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(7);
    const old = await runInProcess(['rules', 'show', 'national-2005']);
    expect(old.stdout).toContain('in force from 2005-05-01 to 2022-04-30 (then national-2022;');
    expect(old.stdout).toContain('acceptance: a decision told in writing');
    expect(old.stdout).toMatch(/supervision-feedback\s+30 d\s+supervision-issued/);
    const shanghai = await runInProcess(['rules', 'show', 'shanghai-2012']);
    expect(shanghai.stdout).toContain('closure on verification (核查)');
    const due = await runInProcess([
      'deadline',
      '--rule-set',
      'national-2005',
      '--deadline',
      'handle',
      '--start',
      '2021-03-08',
    ]);
    expect(due.stdout).toMatch(/^handle \(national-2005 v1\.0\.0\): due 2021-05-07/);
    const beijing = await runInProcess(['rules', 'show', 'beijing-2006']);
    expect(beijing.stdout).toContain('extension: handle, review, reexamine by at most 30 d in total');
    const henan = await runInProcess(['rules', 'show', 'henan-2012']);
    expect(henan.stdout).toMatch(/route\s+5 d\s+received-by-bureau/);
    expect(henan.stdout).toContain('by at most 60 d in total');
    expect(henan.stdout).toContain('(assigning-body for an assigned matter)');
  });

  it('refuses an unknown rule set in rules show', async () => {
    const run = await runInProcess(['rules', 'show', 'nowhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown rule set 'nowhere'/);
  });
});
