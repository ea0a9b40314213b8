import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { REPORT_NAMES, type ReportName, reportEnvelope } from '../../src/domain/reports/catalogue';
import { type DocumentFormat, reportDocument } from '../../src/domain/reports/documents';
import type { ReportContext, ReportService } from '../../src/domain/reports/report-service';

/**
 * A report as the API serves it (the envelope with its comparisons, serialised; or the document), and what it
 * counted, a check that it counted anything: the headline figures, or the document's size.
 */
export interface BenchReport {
  name: string;
  /** The monthly analysis takes the period's last month; every other report the period itself. */
  monthly: boolean;
  /** Documents are slower to build and run fewer times (`--document-runs`). */
  document: boolean;
  run(service: ReportService, ctx: ReportContext): Promise<string>;
}

type Envelope = Record<string, unknown>;
const sum = (rows: unknown, field: string) =>
  (rows as Array<Record<string, number>>).reduce((total, row) => total + row[field]!, 0);
const n = (value: unknown) => String(value);

/** The headline of each report's JSON; a report added to the catalogue later shows its keys' count. */
const HEADLINES: Partial<Record<ReportName, (e: Envelope) => string>> = {
  summary: (e) => {
    const s = e as {
      received: number;
      visits: { batches: number; persons: number };
      screening: { disputes: { found: number } };
      backlogRegister: { open: number };
    };
    return `${s.received} 件, ${s.visits.batches} 批 ${s.visits.persons} 人次, ${s.screening.disputes.found} 纠纷, ${s.backlogRegister.open} 台账`;
  },
  'by-unit': (e) => n(sum(e.rows, 'count')),
  'by-channel': (e) => n(e.total),
  'by-domain': (e) => n(e.total),
  'by-level': (e) => n(e.total),
  'by-month': (e) => n(sum(e.rows, 'received')),
  backlog: (e) => n(e.atEnd),
  supervision: (e) => n(sum(e.rows, 'notices')),
  briefing: (e) => `${(e.text as string).length} 字`,
  campaigns: (e) => `${(e.rows as unknown[]).length} campaigns, ${sum(e.rows, 'entries')} entries`,
  analysis: (e) =>
    `${(e.figures as { received: number }).received} 件, ${(e.clusters as { rows: unknown[] }).rows.length} clusters`,
};

const jsonReport = (name: ReportName): BenchReport => ({
  name,
  monthly: name === 'analysis',
  document: false,
  run: async (service, ctx) => {
    const envelope = await reportEnvelope(service, name, ctx);
    // Served: the envelope is also serialised.
    JSON.stringify(envelope);
    return HEADLINES[name]?.(envelope) ?? `${Object.keys(envelope).length} keys`;
  },
});

const documentReport = (name: ReportName, format: DocumentFormat): BenchReport => ({
  name: `${name} ${format}`,
  monthly: name === 'analysis',
  document: true,
  run: async (service, ctx) =>
    `${Math.round((await reportDocument(service, name, ctx, format)).length / 1024)} KB`,
});

/** Every report of the catalogue as JSON, then the written ones as Word and Excel, and one table as Excel. */
export const REPORTS: BenchReport[] = [
  ...REPORT_NAMES.map(jsonReport),
  documentReport('briefing', 'docx'),
  documentReport('briefing', 'xlsx'),
  documentReport('analysis', 'docx'),
  documentReport('analysis', 'xlsx'),
  documentReport('summary', 'xlsx'),
];

/**
 * The baseline every report is compared with, measured in the same run: a plain count of the scope's cases
 * of the period, with the reports' own scope and period condition (src/db/reports.ts).
 */
export async function baselineCount(pool: Pool, ctx: ReportContext): Promise<string> {
  const { rows } = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM report_cases c
      WHERE (c.bureau_unit_id = ANY($1::text[]) OR c.handling_unit_id = ANY($1::text[]))
        AND c.received_on BETWEEN $2::date AND $3::date`,
    [ctx.scope.unitIds, ctx.period.from, ctx.period.to],
  );
  return String(rows[0]!.count);
}

export interface Timing {
  medianMs: number;
  p95Ms: number;
  /** What the last run returned. */
  counted: string;
}

/** The value at `fraction` of the sorted times, by nearest rank (of 10 runs the p95 is the slowest). */
export function percentile(sortedMs: number[], fraction: number): number {
  if (!sortedMs.length) throw new Error('no times');
  return sortedMs[Math.min(sortedMs.length, Math.max(1, Math.ceil(fraction * sortedMs.length))) - 1]!;
}

/** One warm-up run, then `runs` runs, one after the other: their median and p95. */
export async function timeRuns(runs: number, task: () => Promise<string>): Promise<Timing> {
  let counted = await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    counted = await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { medianMs, p95Ms: percentile(times, 0.95), counted };
}
