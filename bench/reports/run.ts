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
import { baselineCount, REPORTS, timeMedian } from './measure';
import { benchOrganisation } from './organisation';
import { textTable } from '../table';

/**
 * The read-path benchmark of the reports (issue 9): loads `--cases` cases straight into the read model, then
 * times every report for a county bureau's quarter and the province bureau's year against their targets and
 * against a plain count of the same cases. Exits non-zero on errors only, not on a missed target.
 *
 *   npm run bench:reports -- --cases 1000000 --runs 5
 */
const { values: options } = parseArgs({
  options: { cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const CASES = Number(options.cases);
const RUNS = Number(options.runs);
if (!Number.isInteger(CASES) || CASES < 1 || CASES > MAX_CASES || !Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error(`--cases takes a whole number from 1 to ${MAX_CASES}, --runs a positive whole number`);
}

/** Two years of cases; the figures are taken two weeks after the last one. */
const DATA = { firstDay: '2024-01-01', days: 731, asOf: '2026-01-15' };
const organisation = benchOrganisation(10, 10);
const SCOPES = [
  {
    label: 'county 2025Q2',
    unitId: organisation.bureaus.county[0]!,
    period: { quarter: '2025Q2' },
    targetMs: 200,
  },
  { label: 'province 2025', unitId: organisation.provinceBureauId, period: { year: '2025' }, targetMs: 2000 },
];

const HEADER = ['report', 'scope', 'counted', 'median ms', 'target ms', 'of target', 'x baseline', 'result'];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const ms = (value: number) => value.toFixed(1);

async function main() {
  const database = await benchDatabase(log);
  process.once('SIGINT', () => void database.stop().finally(() => process.exit(130)));
  const pool = createPool(database.url);
  try {
    await assertNoOtherCases(pool);
    await removeBenchData(pool);
    log(`Loading ${CASES.toLocaleString('en')} cases into ${database.origin}…`);
    const started = performance.now();
    await loadBenchData(pool, organisation, { cases: CASES, ...DATA }, log);
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
            (SELECT count(*) FROM supervision_items) AS items`,
  );
  const s = rows[0]!;
  const count = (n: number) => n.toLocaleString('en');
  return [
    `Reports read-path benchmark: PostgreSQL ${s.version} (shared_buffers ${s.sharedBuffers}, work_mem ` +
      `${s.workMem}, ${s.parallelWorkers} parallel workers per gather) on ${os.cpus().length} CPUs`,
    `Loaded ${count(CASES)} cases (report_cases ${s.size} with indexes) and ${count(Number(s.items))} ` +
      `supervision items in ${loadSeconds.toFixed(1)} s (${count(Math.round(CASES / loadSeconds))} cases/s)`,
    `Figures as of ${DATA.asOf}; each report: one warm-up, then the median of ${RUNS} runs`,
  ].join('\n');
}

async function measureAll(pool: Pool): Promise<string> {
  const service = new ReportService(pool);
  const lines: string[][] = [];
  let missed = 0;
  for (const scope of SCOPES) {
    const ctx: ReportContext = await service.context(
      undefined,
      { ...scope.period, asOf: DATA.asOf },
      DATA.asOf,
      await scopeOfUnit(pool, scope.unitId),
    );
    const baseline = await timeMedian(RUNS, () => baselineCount(pool, ctx));
    lines.push([
      'count(*) baseline',
      scope.label,
      String(baseline.counted),
      ms(baseline.medianMs),
      '',
      '',
      '1.0',
      '',
    ]);
    for (const report of REPORTS) {
      const { medianMs, counted } = await timeMedian(RUNS, () => report.run(service, ctx));
      const pass = medianMs < scope.targetMs;
      if (!pass) missed++;
      const ofTarget = (medianMs / scope.targetMs).toFixed(2);
      const overBaseline = (medianMs / baseline.medianMs).toFixed(1);
      const result = pass ? 'PASS' : 'MISS';
      lines.push([
        report.name,
        scope.label,
        String(counted),
        ms(medianMs),
        String(scope.targetMs),
        ofTarget,
        overBaseline,
        result,
      ]);
    }
  }
  const verdict = missed
    ? `${missed} of ${SCOPES.length * REPORTS.length} targets MISSED`
    : `All ${SCOPES.length * REPORTS.length} targets PASS`;
  return `${table(HEADER, lines)}\n${verdict}`;
}

/** Left-aligned text, right-aligned numbers. */
function table(header: string[], lines: string[][]): string {
  return textTable(header, lines, (i) => i >= 2 && i <= 6);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
