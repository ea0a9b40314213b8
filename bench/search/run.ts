import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { createPool } from '../../src/db/pool';
import { type PetitionSearch, searchPetitions } from '../../src/db/petition-search';
import { benchDatabase } from '../reports/database';
import { assertNoOtherCases, removeBenchData } from '../reports/cleanup';
import { loadBenchData, MAX_CASES } from '../reports/load';
import { benchOrganisation } from '../reports/organisation';
import { PETITIONER_NAMES, SEARCH_TEXTS, TEXT_QUERIES } from './texts';
import { textTable } from '../table';

/**
 * The search benchmark (issue 22): loads `--cases` cases with texts into the read model (as the reports
 * benchmark does, set-based), then times the search route's queries — free text, a filtered list, deep keyset
 * pages, the petitioner, case numbers — each `--runs` times over varied inputs and scopes, against a p95 of
 * 200 ms. Exits non-zero on errors only, not on a missed target.
 *
 *   npm run bench:search -- --cases 1000000 --runs 40
 */
const { values: options } = parseArgs({
  options: { cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' } },
});
const CASES = Number(options.cases);
const RUNS = Number(options.runs);
if (!Number.isInteger(CASES) || CASES < 1 || CASES > MAX_CASES || !Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error(`--cases takes a whole number from 1 to ${MAX_CASES}, --runs a positive whole number`);
}

const DATA = { firstDay: '2024-01-01', days: 731, asOf: '2026-01-15' };
const organisation = benchOrganisation(10, 10);
const TARGET_MS = 200;
const PAGE = 20;

type Scope = PetitionSearch['visibleTo'];
const counties = organisation.bureaus.county;
/** A county bureau's desk (its own cases) or the province's oversight (every case). */
const countyScope = (run: number): Scope => ({ unitId: counties[run % counties.length]! });
const provinceScope: Scope = { unitId: organisation.provinceBureauId, regionId: 'bench-province' };

interface Measured {
  name: string;
  scope: string;
  search: (run: number) => PetitionSearch;
  /** Pages walked by cursor before the timed one. */
  deep?: number;
}

const MEASURED: Measured[] = [
  {
    name: 'text q',
    scope: 'county',
    search: (run) => ({ text: words(run), visibleTo: countyScope(run), limit: PAGE }),
  },
  {
    name: 'text q',
    scope: 'province',
    search: (run) => ({ text: words(run), visibleTo: provinceScope, limit: PAGE }),
  },
  {
    name: 'text q + filters',
    scope: 'province',
    search: (run) => ({
      text: words(run),
      status: 'closed',
      receivedFrom: '2025-01-01',
      receivedTo: '2025-06-30',
      visibleTo: provinceScope,
      limit: PAGE,
    }),
  },
  {
    name: 'filtered list',
    scope: 'county',
    search: (run) => ({
      status: (['accepted', 'replied', 'closed'] as const)[run % 3],
      channel: 'visit',
      receivedFrom: '2025-04-01',
      receivedTo: '2025-09-30',
      visibleTo: countyScope(run),
      limit: PAGE,
    }),
  },
  {
    name: 'filtered list',
    scope: 'province',
    search: (run) => ({
      channel: (['letter', 'visit', 'phone'] as const)[run % 3],
      domain: { code: 'urban-construction', level: 'category' },
      firstTime: false,
      visibleTo: provinceScope,
      limit: PAGE,
    }),
  },
  {
    name: 'supervision level',
    scope: 'province',
    search: (run) => ({
      supervisionLevel: (['notice', 'office', 'listed'] as const)[run % 3],
      visibleTo: provinceScope,
      limit: PAGE,
    }),
  },
  {
    name: 'page 50 by cursor',
    scope: 'province',
    deep: 49,
    search: () => ({ visibleTo: provinceScope, limit: PAGE }),
  },
  {
    name: 'petitioner name',
    scope: 'province',
    search: (run) => ({
      petitionerName: PETITIONER_NAMES[run % PETITIONER_NAMES.length],
      visibleTo: provinceScope,
      limit: PAGE,
    }),
  },
  {
    name: 'case number prefix',
    scope: 'province',
    search: (run) => ({
      caseNumberPrefix: `bench-${String(1 + ((run * 7919) % Math.max(1, Math.floor(CASES / 100)))).padStart(6, '0')}`,
      visibleTo: provinceScope,
      limit: PAGE,
    }),
  },
];

const words = (run: number) => TEXT_QUERIES[run % TEXT_QUERIES.length]!.split(' ');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const database = await benchDatabase(log);
  process.once('SIGINT', () => void database.stop().finally(() => process.exit(130)));
  const pool = createPool(database.url);
  try {
    await assertNoOtherCases(pool);
    await removeBenchData(pool);
    log(`Loading ${CASES.toLocaleString('en')} cases with texts into ${database.origin}…`);
    const started = performance.now();
    await loadBenchData(pool, organisation, { cases: CASES, ...DATA, texts: SEARCH_TEXTS }, log);
    // As autovacuum leaves a table that has been in use: hint bits set, the visibility map written.
    await pool.query('VACUUM ANALYZE petitions, supervision_items');
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
            pg_size_pretty(pg_total_relation_size('petitions')) AS size,
            pg_size_pretty(pg_relation_size('petitions_search_terms_idx')) AS "termsIndex"`,
  );
  const s = rows[0]!;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `Search benchmark: PostgreSQL ${s.version} (shared_buffers ${s.sharedBuffers}) on ${os.cpus().length} × ${cpu}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Loaded ${CASES.toLocaleString('en')} cases (petitions ${s.size} with indexes, the terms' GIN index ` +
      `${s.termsIndex}) in ${loadSeconds.toFixed(1)} s`,
    `Each query: one warm-up, then ${RUNS} runs over varied inputs; a page of ${PAGE} with its total (capped at 1 000)`,
  ].join('\n');
}

async function measureAll(pool: Pool): Promise<string> {
  const lines: string[][] = [];
  let missed = 0;
  const worst: Record<'text' | 'filtered', number> = { text: 0, filtered: 0 };
  for (const measured of MEASURED) {
    const times: number[] = [];
    let matched = 0;
    for (let run = -1; run < RUNS; run++) {
      let search = measured.search(Math.max(run, 0));
      for (let page = 0; page < (measured.deep ?? 0); page++) {
        const { last } = await searchPetitions(pool, search);
        if (!last) break;
        search = { ...search, after: last };
      }
      const t0 = performance.now();
      const { total } = await searchPetitions(pool, search);
      if (run >= 0) times.push(performance.now() - t0);
      matched = Math.max(matched, total);
    }
    const p50 = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    const pass = p95 < TARGET_MS;
    if (!pass) missed++;
    if (measured.name.startsWith('text')) worst.text = Math.max(worst.text, p95);
    if (measured.name.startsWith('filtered')) worst.filtered = Math.max(worst.filtered, p95);
    lines.push([
      measured.name,
      measured.scope,
      String(matched),
      p50.toFixed(1),
      p95.toFixed(1),
      String(TARGET_MS),
      pass ? 'PASS' : 'MISS',
    ]);
  }
  const header = ['query', 'scope', 'max total', 'p50 ms', 'p95 ms', 'target', 'result'];
  const verdict =
    `bench:search: ${MEASURED.length - missed} of ${MEASURED.length} p95 under ${TARGET_MS} ms at ` +
    `${CASES.toLocaleString('en')} cases (text p95 ${worst.text.toFixed(1)} ms, filtered list p95 ` +
    `${worst.filtered.toFixed(1)} ms)`;
  return `${table(header, lines)}\n${verdict}`;
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

/** Left-aligned text, right-aligned numbers. */
function table(header: string[], lines: string[][]): string {
  return textTable(header, lines, (i) => i >= 2 && i <= 5);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
