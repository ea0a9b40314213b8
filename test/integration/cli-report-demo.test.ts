import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { testToken } from '../support/sign-in';
import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, TEST_AUTH_SECRET, type TestApp, testEnv } from '../support/harness';

/**
 * The two operator commands as people run them, in child processes: `demo` fills a running app through its
 * API, and `report` computes the same figures from PostgreSQL that the API's reports give.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CASES = 12;
// Seed 4 plans, among its 12 cases, replies, evaluations, extensions, a repeat, a withdrawal and one left unrouted.
const SEED = '4';
const today = shanghaiToday();
const period = { from: addDays(today, -89), to: today };

let app: TestApp;
let firstRun: Awaited<ReturnType<typeof petitionflow>>;

beforeAll(async () => {
  app = await startTestApp('cli-report-demo');
  firstRun = await demo();
});

afterAll(async () => {
  await app?.stop();
});

async function petitionflow(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin', 'petitionflow.js'), ...args],
      {
        cwd: ROOT,
        timeout: 60_000,
        maxBuffer: 10 * 1024 * 1024,
        env: { ...withoutStackSettings(process.env), PETITIONFLOW_FROM_SOURCE: '1', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The environment without the settings a test gives each command itself. */
function withoutStackSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // Without OIDC_ISSUER the demo signs its tokens as `npm start`'s embedded provider: here the run's one
  // (EMBEDDED_OIDC_PORT and EMBEDDED_OIDC_KEYS, from the global setup).
  const { DATABASE_URL: _database, AUTH_SECRET: _secret, OIDC_ISSUER: _issuer, ...rest } = env;
  return rest;
}

const demo = (extra: string[] = []) =>
  petitionflow(['demo', '--cases', String(CASES), '--seed', SEED, '--api', app.baseUrl, '--json', ...extra], {
    AUTH_SECRET: TEST_AUTH_SECRET,
  });

const report = (args: string[]) =>
  petitionflow(['report', '--from', period.from, '--to', period.to, '--as-of', today, ...args], {
    DATABASE_URL: testEnv('TEST_DATABASE_URL'),
  });

/** The API's summary over the same period, as its raw bytes (JSON or CSV), as a supervisor of the county bureau. */
async function apiReport(query: string): Promise<string> {
  const response = await fetch(
    `${app.baseUrl}/api/reports/summary?from=${period.from}&to=${period.to}&asOf=${today}${query}`,
    { headers: { authorization: `Bearer ${await testToken('supervisor')}` } },
  );
  expect(response.status).toBe(200);
  // As bytes: text() would drop the CSV's byte order mark.
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

/**
 * Other test files register cases in the same database at the same time: the CLI's answer is compared
 * with the API's only when the API gave the same answer just before and just after it.
 */
async function stableComparison(cliArgs: string[], query: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await apiReport(query);
    const cli = await report(cliArgs);
    const after = await apiReport(query);
    if (before === after) return { api: before, cli };
  }
  throw new Error('the figures kept changing under the comparison');
}

describe('petitionflow demo', () => {
  it('registers its cases through the API and drives them to replies and evaluations; a re-run adds none', async () => {
    expect([firstRun.code, firstRun.stderr]).toEqual([0, expect.stringContaining(`${CASES}/${CASES} cases`)]);
    const result = JSON.parse(firstRun.stdout) as { tally: Record<string, number>; petitionIds: string[] };
    expect(result.tally).toMatchObject({ registered: CASES, failed: 0 });
    expect(result.petitionIds).toHaveLength(CASES);
    for (const step of ['replied', 'evaluated', 'extended', 'returnVisits', 'withdrawn', 'repeat']) {
      expect([step, result.tally[step]! > 0]).toEqual([step, true]);
    }

    const details = await Promise.all(
      result.petitionIds.map(
        async (id) => (await app.request('registrar', 'GET', `/api/petitions/${id}`)).body,
      ),
    );
    expect(details.filter((d) => d.status === 'replied')).toHaveLength(result.tally.replied!);
    expect(details.filter((d) => d.evaluations.some((e: { grade?: string }) => e.grade))).not.toHaveLength(0);
    expect(details.filter((d) => d.flags.repeat)).toHaveLength(result.tally.repeat!);
    expect(details.every((d) => d.receivedOn >= period.from && d.receivedOn <= today)).toBe(true);
    expect(new Set(details.map((d) => d.channel)).size).toBeGreaterThan(1);

    // The same seed on the same day: every request is a replay of its Idempotency-Key. This time the demo
    // also leaves the documents a bureau hands on — in test-artifacts/demo/, to be looked at after the run.
    const documents = path.resolve(__dirname, '..', '..', 'test-artifacts', 'demo');
    fs.rmSync(documents, { recursive: true, force: true });
    fs.mkdirSync(documents, { recursive: true });
    const again = await demo(['--documents', documents]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).petitionIds).toEqual(result.petitionIds);
    const quarter = `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    expect(fs.readdirSync(documents).sort()).toEqual([
      `analysis-${today.slice(0, 7)}.docx`,
      `briefing-${quarter}.docx`,
      `briefing-${quarter}.xlsx`,
    ]);
    for (const file of fs.readdirSync(documents))
      expect(fs.readFileSync(path.join(documents, file)).subarray(0, 2).toString()).toBe('PK');
    const { rows } = await app.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM petitions WHERE petitioner->>'idNumber' = ANY($1)`,
      [details.map((d) => d.petitioner.idNumber)],
    );
    expect(rows[0]!.count).toBe(CASES);

    // The demo's screening round (矛盾纠纷排查), held two days before the run, recorded once for both runs.
    const heldOn = addDays(today, -2);
    const screening = await app.request(
      'supervisor',
      'GET',
      `/api/screening/rounds?unit=baishi-town-government&from=${heldOn}&to=${heldOn}`,
    );
    const demoRounds = screening.body.items.filter((r: { ledBy: string }) => r.ledBy === '白石镇党委副书记');
    expect(demoRounds.map((r: { disputes: number; open: number }) => [r.disputes, r.open])).toEqual([[5, 2]]);
  });
});

describe('petitionflow report', () => {
  it('prints the monthly situation analysis of a --month, its heading and its paragraph', async () => {
    const month = today.slice(0, 7);
    const answer = await petitionflow(
      [
        'report',
        '--month',
        month,
        '--as-of',
        today,
        '--unit',
        'qingshan-petition-bureau',
        '--report',
        'analysis',
      ],
      { DATABASE_URL: testEnv('TEST_DATABASE_URL') },
    );
    expect([answer.code, answer.stderr]).toEqual([0, '']);
    const [heading, text] = answer.stdout.trim().split('\n');
    expect(heading).toMatch(
      new RegExp(
        `^月度信访形势分析（analysis） {2}青山县信访局（qingshan-petition-bureau） {2}${month}：${month}-01 至 `,
      ),
    );
    expect(text).toMatch(
      new RegExp(
        `^${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月，青山县信访局受理信访事项\\d+件`,
      ),
    );
  });

  it('gives, as JSON, the envelope the API gives for the same scope, period and date', async () => {
    const { api, cli } = await stableComparison(
      ['--unit', 'qingshan-petition-bureau', '--report', 'summary', '--format', 'json'],
      '',
    );
    expect(cli.code).toBe(0);
    const figures = JSON.parse(cli.stdout);
    expect(figures).toEqual(JSON.parse(api));
    expect(figures).toMatchObject({
      report: 'summary',
      scope: { unitId: 'qingshan-petition-bureau' },
      period: { from: period.from, to: period.to },
      asOf: today,
    });
    expect(figures.received).toBeGreaterThanOrEqual(CASES);
    expect(figures.onTimeCompletion.denominator).toBeGreaterThan(0);
    expect(figures.satisfaction.denominator).toBeGreaterThan(0);
  });

  it('gives, as CSV, the API’s bytes', async () => {
    const { api, cli } = await stableComparison(
      ['--unit', 'qingshan-petition-bureau', '--format', 'csv'],
      '&format=csv',
    );
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(api);
  });

  it('shows the top petition bureau by default, as a table followed by the briefing', async () => {
    const { code, stdout } = await report([]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toContain('东岭省信访局（dongling-petition-bureau）');
    expect(lines.find((line) => line.includes('received'))).toMatch(/^受理信访事项\(件\)\s+received\s+\d+$/);
    // The demo also received cases a year earlier: the count compares with them (同比).
    expect(stdout).toMatch(
      /东岭省信访局受理信访事项\d+件(，比去年同期(上升|下降)[\d.]+%|，与去年同期持平)，其中初信初访/,
    );
  });

  it('groups the demo’s subject matters by sub-category with --group-by', async () => {
    const args = ['--unit', 'qingshan-petition-bureau', '--report', 'by-domain', '--format', 'json'];
    const { code, stdout } = await report([...args, '--group-by', 'subcategory']);
    expect(code).toBe(0);
    const split = JSON.parse(stdout);
    expect(split).toMatchObject({ groupBy: 'subcategory', classification: 'petitionflow-default@2026.1' });
    type Row = { key: string; count: number; category: string };
    const rows = split.rows as Row[];
    expect(split.total).toBeGreaterThanOrEqual(CASES);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(split.total);
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'urban-construction.property-management',
        'political-and-legal.litigation-related',
      ]),
    );
    expect(rows.every((r) => typeof r.category === 'string' && r.category !== '')).toBe(true);
  });

  it('refuses bad options with a message and exit status 2', async () => {
    const answers = await Promise.all([
      petitionflow(['report', '--quarter', '2026Q5']),
      report(['--year', '2026']),
      report(['--unit', 'atlantis']),
      report(['--report', 'briefing', '--format', 'csv']),
      report(['--group-by', 'subcategory']),
    ]);
    expect(answers.map(({ code, stderr }) => [code, stderr.trim()])).toEqual([
      [2, 'error: --quarter: must look like 2026Q3'],
      [2, 'error: --year: give one of quarter, half, year, month or from/to'],
      [2, 'error: Unit atlantis not found'],
      [2, 'error: the briefing report is text: use --format table or json'],
      [2, 'error: --group-by: applies to the by-domain report only'],
    ]);
  });
});
