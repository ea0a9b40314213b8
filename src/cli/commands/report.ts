import { type Command, Option } from 'commander';
import type { Pool } from 'pg';
import { loadConfig } from '../../config';
import {
  classificationOf,
  CLASSIFICATION_LEVELS,
  type ClassificationLevel,
} from '../../domain/classification';
import { AppError } from '../../domain/errors';
import {
  REPORT_NAMES,
  REPORTS,
  reportCsv,
  type ReportDefinition,
  reportEnvelope,
  type ReportName,
} from '../../domain/reports/catalogue';
import { parsePeriod } from '../../domain/reports/period';
import { type ReportParams, ReportService } from '../../domain/reports/report-service';
import { scopeOfUnit } from '../../domain/reports/scope';
import { toShanghaiDate } from '../../rules';
import { isIsoDate } from '../../rules/dates';
import { formatReport } from '../report-format';
import { connectDatabase } from '../running-stack';

/** Same status main.ts gives Commander usage errors: a wrong period, date or unit is a usage error too. */
const USAGE_EXIT_CODE = 2;
const FORMATS = ['table', 'csv', 'json'] as const;

interface ReportCommandOptions {
  quarter?: string;
  half?: string;
  year?: string;
  month?: string;
  from?: string;
  to?: string;
  unit?: string;
  asOf?: string;
  groupBy?: ClassificationLevel;
  report?: ReportName;
  format: (typeof FORMATS)[number];
}

/** A mistake in the options: printed as one `error: …` line, exit status 2. */
class UsageError extends Error {}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'Print a report of the published figures (the same as GET /api/reports/<name>) from PostgreSQL',
    )
    .option('--quarter <quarter>', 'a quarter, e.g. 2026Q3 (default: the current quarter)')
    .option('--half <half>', 'a half year, e.g. 2026H1')
    .option('--year <year>', 'a calendar year, e.g. 2026')
    .option('--month <month>', 'a calendar month, e.g. 2026-07 (the analysis report takes a month only)')
    .option('--from <date>', 'first day of a period, YYYY-MM-DD (with --to)')
    .option('--to <date>', 'last day of the period, included')
    .option(
      '--unit <unitId>',
      'the unit whose cases are counted, with everything under it (default: the top petition bureau, ' +
        'the one with no petition bureau above it)',
    )
    .option('--as-of <date>', 'the date outcomes are known by, YYYY-MM-DD (default: today)')
    .addOption(
      new Option(
        '--report <name>',
        'the report (default: summary; as a table followed by the briefing)',
      ).choices(REPORT_NAMES),
    )
    .addOption(
      new Option(
        '--group-by <level>',
        'by-domain: the level of the classification (default: category)',
      ).choices(CLASSIFICATION_LEVELS),
    )
    .addOption(new Option('--format <format>', 'how to print it').choices(FORMATS).default('table'))
    .addHelpText(
      'after',
      '\nConnects to DATABASE_URL, or to the embedded PostgreSQL of a running `npm start` ' +
        '(127.0.0.1:EMBEDDED_PG_PORT).\ncsv is what the API sends for ?format=csv (UTF-8 with a byte order mark); ' +
        'json is the API’s envelope.\n\nExamples:\n  petitionflow report --quarter 2026Q3\n' +
        '  petitionflow report --year 2026 --unit qingshan-petition-bureau --report by-unit --format csv > units.csv',
    )
    .action(async (options: ReportCommandOptions) => {
      try {
        await printReport(options);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        console.error(`error: ${err.message}`);
        process.exitCode = USAGE_EXIT_CODE;
      }
    });
}

async function printReport(options: ReportCommandOptions): Promise<void> {
  const today = toShanghaiDate(new Date());
  const params: ReportParams = {
    quarter: options.quarter,
    half: options.half,
    year: options.year,
    month: options.month,
    from: options.from,
    to: options.to,
    asOf: options.asOf,
    groupBy: options.groupBy,
  };
  // Checked before connecting: a mistyped option is told at once, also without a database.
  await asUsage(() => parsePeriod(params, today));
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new UsageError('--as-of: must be a date (YYYY-MM-DD)');
  }
  const name = options.report ?? 'summary';
  const definition: ReportDefinition = REPORTS[name];
  if (options.format === 'csv' && !definition.csv) {
    throw new UsageError(`the ${name} report is text: use --format table or json`);
  }

  if (options.groupBy !== undefined && name !== 'by-domain') {
    throw new UsageError('--group-by: applies to the by-domain report only');
  }
  const config = loadConfig();
  const classification = classificationOf(config.CLASSIFICATION_FILE);
  const pool = await connectDatabase(config);
  try {
    const service = new ReportService(pool, classification);
    const unitId = options.unit ?? (await topPetitionBureau(pool));
    const scope = await asUsage(() => scopeOfUnit(pool, unitId));
    const ctx = await asUsage(() => service.context(undefined, params, today, scope));
    const envelope = await reportEnvelope(service, name, ctx);
    if (options.format === 'json') console.log(JSON.stringify(envelope, null, 2));
    else if (options.format === 'csv') process.stdout.write(reportCsv(envelope)!);
    else {
      console.log(formatReport(envelope));
      if (options.report === undefined)
        console.log(`\n${formatReport(await reportEnvelope(service, 'briefing', ctx))}`);
    }
  } finally {
    await pool.end();
  }
}

/** The petition bureau at the top of the organisation: the active one with no petition bureau above it. */
async function topPetitionBureau(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT b.id FROM units b
      WHERE b.kind = 'petition-bureau' AND b.active
        AND NOT EXISTS (SELECT 1 FROM units p WHERE p.id = b.parent_id AND p.kind = 'petition-bureau')
      ORDER BY b.id`,
  );
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length === 0) throw new UsageError('the organisation has no petition bureau: give --unit');
  throw new UsageError(`several top petition bureaus (${rows.map((r) => r.id).join(', ')}): give --unit`);
}

const OPTION_OF_FIELD: Record<string, string> = { asOf: '--as-of', groupBy: '--group-by' };

/** Runs a step whose client errors (a bad period, an unknown unit) are the caller's mistakes. */
async function asUsage<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const message = err.message.replace(
      /^(\w+):/,
      (_, field: string) => `${OPTION_OF_FIELD[field] ?? `--${field}`}:`,
    );
    throw new UsageError(message, { cause: err });
  }
}
