import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { createPool } from '../../src/db/pool';
import { type ReportContext, ReportService } from '../../src/domain/reports/report-service';
import { scopeOfUnit } from '../../src/domain/reports/scope';
import { benchDatabase } from './database';
import { assertNoOtherCases, removeBenchData } from './cleanup';
import { loadBenchData, MAX_CASES } from './load';
import { REGISTER_TABLES } from './load-registers';
import { baselineCount, REPORTS, timeRuns } from './measure';
import { benchOrganisation } from './organisation';
import { textTable } from '../table';

/**
 * The read-path benchmark of the reports (issues 9 and 23): loads `--cases` cases straight into the read model
 * and `--visits` visits with the other registers of issue 23 in proportion, then times every report as the API
 * serves it (JSON with its comparisons; the briefing and the analysis also as Word and Excel) for a county
 * bureau's quarter and the province bureau's year against their p95 targets and against a plain count of the
 * same cases. Exits non-zero on errors only (a report that fails is an ERROR row), not on a missed target.
 *
 *   npm run bench:reports -- --cases 1000000 --visits 300000 --runs 10 --document-runs 3
 */
const { values: options } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    visits: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '10' },
    'document-runs': { type: 'string', default: '3' },
  },
});
const CASES = Number(options.cases);
const VISITS = Number(options.visits);
const RUNS = Number(options.runs);
const DOCUMENT_RUNS = Number(options['document-runs']);
const whole = (x: number, min: number) => Number.isInteger(x) && x >= min;
if (
  !whole(CASES, 1) ||
  CASES > MAX_CASES ||
  !whole(VISITS, 0) ||
  !whole(RUNS, 1) ||
  !whole(DOCUMENT_RUNS, 1)
) {
  throw new Error(
    `--cases takes a whole number from 1 to ${MAX_CASES}, --visits a whole number (0: no registers), ` +
      '--runs and --document-runs a positive whole number',
  );
}

/** Two years of cases; the figures are taken two weeks after the last one. Targets: issue 23 item 6, p95. */
const DATA = { firstDay: '2024-01-01', days: 731, asOf: '2026-01-15' };
const organisation = benchOrganisation(10, 10);
const SCOPES = [
  {
    label: 'county 2025Q2',
    unitId: organisation.bureaus.county[0]!,
    period: { quarter: '2025Q2' },
    month: '2025-06',
    targetMs: 1000,
  },
  {
    label: 'province 2025',
    unitId: organisation.provinceBureauId,
    period: { year: '2025' },
    month: '2025-12',
    targetMs: 5000,
  },
];

const HEADER = [
  'report',
  'scope',
  'counted',
  'runs',
  'median ms',
  'p95 ms',
  'target ms',
  'of target',
  'x baseline',
  'result',
];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const ms = (value: number) => value.toFixed(1);

async function main() {
  const database = await benchDatabase(log);
  process.once('SIGINT', () => void database.stop().finally(() => process.exit(130)));
  const pool = createPool(database.url);
  try {
    await assertNoOtherCases(pool);
    await removeBenchData(pool);
    log(
      `Loading ${CASES.toLocaleString('en')} cases and ${VISITS.toLocaleString('en')} visits into ${database.origin}…`,
    );
    const started = performance.now();
    await loadBenchData(pool, organisation, { cases: CASES, visits: VISITS, ...DATA }, log);
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(await describe(pool, loadSeconds));
    console.log(await measureAll(pool));
  } finally {
    if (database.origin === 'DATABASE_URL') await removeBenchData(pool);
    await pool.end();
    await database.stop();
  }
}

async function describe(pool: Pool, loadSeconds: number): Promise<string> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS "sharedBuffers",
            current_setting('work_mem') AS "workMem",
            current_setting('max_parallel_workers_per_gather') AS "parallelWorkers",
            pg_size_pretty(pg_total_relation_size('report_cases')) AS size,
            (SELECT count(*) FROM supervision_items) AS items,
            ${REGISTER_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS "${t}"`).join(', ')}`,
  );
  const s = rows[0]!;
  const count = (n: number) => n.toLocaleString('en');
  return [
    `Reports read-path benchmark: PostgreSQL ${s.version} (shared_buffers ${s.sharedBuffers}, work_mem ` +
      `${s.workMem}, ${s.parallelWorkers} parallel workers per gather) on ${os.cpus().length} CPUs`,
    `Loaded ${count(CASES)} cases (report_cases ${s.size} with indexes) and ${count(Number(s.items))} ` +
      `supervision items in ${loadSeconds.toFixed(1)} s (${count(Math.round(CASES / loadSeconds))} cases/s)`,
    `Registers: ${REGISTER_TABLES.map((t) => `${t} ${count(Number(s[t]))}`).join(', ')}`,
    `Figures as of ${DATA.asOf}; each report as served (JSON with its comparisons, or the document): one ` +
      `warm-up, then ${RUNS} runs (documents ${DOCUMENT_RUNS}), their median and p95 (nearest rank); the ` +
      'analysis over the last month of the period',
  ].join('\n');
}

async function measureAll(pool: Pool): Promise<string> {
  const service = new ReportService(pool);
  const lines: string[][] = [];
  let missed = 0;
  for (const scope of SCOPES) {
    const unitScope = await scopeOfUnit(pool, scope.unitId);
    const contextOf = (period: { quarter?: string; year?: string; month?: string }) =>
      service.context(undefined, { ...period, asOf: DATA.asOf }, DATA.asOf, unitScope);
    const ctx: ReportContext = await contextOf(scope.period);
    const monthCtx: ReportContext = await contextOf({ month: scope.month });
    const baseline = await timeRuns(RUNS, () => baselineCount(pool, ctx));
    lines.push([
      'count(*) baseline',
      scope.label,
      baseline.counted,
      String(RUNS),
      ms(baseline.medianMs),
      ms(baseline.p95Ms),
      '',
      '',
      '1.0',
      '',
    ]);
    for (const report of REPORTS) {
      const runs = report.document ? DOCUMENT_RUNS : RUNS;
      const at = report.monthly ? monthCtx : ctx;
      const timing = await timeRuns(runs, () => report.run(service, at)).catch((err: Error) => err);
      if (timing instanceof Error) {
        // A report that fails (a statement timeout is a 500 in the API) is a row of the table, not the end of the run.
        missed++;
        process.exitCode = 1;
        log(`  ${report.name}, ${scope.label}: ERROR ${timing.message}`);
        lines.push([
          report.name,
          scope.label,
          `ERROR: ${timing.message}`,
          String(runs),
          '',
          '',
          String(scope.targetMs),
          '',
          '',
          'ERROR',
        ]);
        continue;
      }
      const { medianMs, p95Ms, counted } = timing;
      const pass = p95Ms < scope.targetMs;
      if (!pass) missed++;
      lines.push([
        report.name,
        report.monthly ? `${scope.label} (${scope.month})` : scope.label,
        counted,
        String(runs),
        ms(medianMs),
        ms(p95Ms),
        String(scope.targetMs),
        (p95Ms / scope.targetMs).toFixed(2),
        (p95Ms / baseline.p95Ms).toFixed(1),
        pass ? 'PASS' : 'MISS',
      ]);
      log(`  ${report.name}, ${scope.label}: p95 ${ms(p95Ms)} ms`);
    }
  }
  const worst = (label: string) =>
    Math.max(...lines.filter((l) => l[1]!.startsWith(label) && l[5] && l[9]).map((l) => Number(l[5])));
  const total = SCOPES.length * REPORTS.length;
  const verdict =
    `bench:reports: ${total - missed} of ${total} p95 within target at ${CASES.toLocaleString('en')} cases and ` +
    `${VISITS.toLocaleString('en')} visits (${SCOPES.map((s) => `${s.label} worst p95 ${ms(worst(s.label))} ms`).join(', ')})`;
  return `${table(HEADER, lines)}\n${verdict}`;
}

/** Left-aligned text, right-aligned numbers. */
function table(header: string[], lines: string[][]): string {
  return textTable(header, lines, (i) => i >= 3 && i <= 8);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
