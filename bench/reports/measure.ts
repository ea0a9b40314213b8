import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { reportEnvelope } from '../../src/domain/reports/catalogue';
import type { ReportContext, ReportService } from '../../src/domain/reports/report-service';

/** A report as the API serves it, and the headline number it counted (a check that it counted anything). */
export interface BenchReport {
  name: string;
  run(service: ReportService, ctx: ReportContext): Promise<number>;
}

const sum = <T>(rows: T[], count: (row: T) => number) => rows.reduce((total, row) => total + count(row), 0);

export const REPORTS: BenchReport[] = [
  { name: 'summary', run: async (s, ctx) => (await s.summary(ctx)).received },
  { name: 'by level', run: async (s, ctx) => (await s.split(ctx, 'level')).total },
  { name: 'by channel', run: async (s, ctx) => (await s.split(ctx, 'channel')).total },
  { name: 'by domain', run: async (s, ctx) => (await s.split(ctx, 'domain')).total },
  { name: 'by unit', run: async (s, ctx) => sum(await s.byUnit(ctx), (r) => r.count) },
  { name: 'by month', run: async (s, ctx) => sum(await s.byMonth(ctx), (r) => r.received) },
  { name: 'backlog', run: async (s, ctx) => (await s.backlog(ctx)).atEnd },
  { name: 'supervision', run: async (s, ctx) => sum(await s.supervision(ctx), (r) => r.notices) },
  // As the API answers it: with the same report over the period before and a year earlier (环比, 同比).
  {
    name: 'summary with 环比/同比',
    run: async (s, ctx) => (await reportEnvelope(s, 'summary', ctx)).received as number,
  },
];

/**
 * The baseline every report is compared with, measured in the same run: a plain count of the scope's cases
 * of the period, with the reports' own scope and period condition (src/db/reports.ts).
 */
export async function baselineCount(pool: Pool, ctx: ReportContext): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM report_cases c
      WHERE (c.bureau_unit_id = ANY($1::text[]) OR c.handling_unit_id = ANY($1::text[]))
        AND c.received_on BETWEEN $2::date AND $3::date`,
    [ctx.scope.unitIds, ctx.period.from, ctx.period.to],
  );
  return rows[0]!.count;
}

export interface Timing {
  medianMs: number;
  /** What the last run returned. */
  counted: number;
}

/** One warm-up run, then the median of `runs` runs, one after the other. */
export async function timeMedian(runs: number, task: () => Promise<number>): Promise<Timing> {
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
  return { medianMs, counted };
}
