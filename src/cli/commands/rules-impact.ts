import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { loadConfig } from '../../config';
import { loadStoredRulebook } from '../../db/rulebook-load';
import { listRunningCases } from '../../db/running-cases';
import {
  appliesToRunningCases,
  calendarCandidate,
  calendarImpact,
  ruleSetCandidate,
  ruleSetImpact,
  type Impact,
} from '../../domain/rules-impact';
import { RulesError, toShanghaiDate } from '../../rules';
import { calendarWithAddedYear, currentCalendar } from '../../rules/calendar/default-calendar';
import { isIsoDate } from '../../rules/dates';
import {
  type ImpactCandidate,
  impactCsv,
  impactJson,
  impactTable,
  type ImpactReport,
} from '../rules-impact-format';
import { connectDatabase } from '../running-stack';

/** Same status main.ts gives Commander usage errors: a bad file or option is a usage error too. */
const USAGE_EXIT_CODE = 2;
const FORMATS = ['table', 'csv', 'json'] as const;

interface ImpactOptions {
  ruleSet?: string;
  calendar?: string;
  asOf?: string;
  format: (typeof FORMATS)[number];
}

/** A mistake in the options or the file: one `error: …` line, exit status 2, nothing read or changed. */
class UsageError extends Error {}

function readJson(option: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${option}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${option}: ${file} is not JSON: ${(err as Error).message}`);
  }
}

/** The candidate checked, and how to compute its impact once the running cases are read. */
interface Preview {
  candidate: ImpactCandidate;
  filter: Parameters<typeof listRunningCases>[1];
  impact: (cases: Awaited<ReturnType<typeof listRunningCases>>, asOf: string) => Impact;
}

/** Which option was given, and its file read as JSON: told at once, also without a database. */
function candidateFile(options: ImpactOptions): { kind: 'calendar' | 'rule-set'; raw: unknown } {
  if ((options.ruleSet === undefined) === (options.calendar === undefined)) {
    throw new UsageError('give one of --rule-set FILE or --calendar FILE');
  }
  return options.calendar !== undefined
    ? { kind: 'calendar', raw: readJson('--calendar', options.calendar) }
    : { kind: 'rule-set', raw: readJson('--rule-set', options.ruleSet!) };
}

/**
 * The candidate checked against the rules data this process has loaded (a year already in the calendar, a
 * version not newer than the loaded one), and how to compute its impact.
 */
function preview({ kind, raw }: ReturnType<typeof candidateFile>): Preview {
  if (kind === 'calendar') {
    const running = currentCalendar();
    const year = calendarCandidate(raw, running.officialYears);
    const calendar = calendarWithAddedYear(year);
    return {
      candidate: {
        kind: 'calendar',
        year: year.year,
        notice: year.notice,
        published: year.published,
        calendarVersionBefore: running.version,
        calendarVersionAfter: calendar.version,
      },
      filter: { withProvisionalDeadline: true },
      impact: (cases, asOf) => calendarImpact(cases, calendar, asOf),
    };
  }
  const ruleSet = ruleSetCandidate(raw);
  return {
    candidate: {
      kind: 'rule-set',
      id: ruleSet.id,
      version: ruleSet.version,
      appliesToRunningCases: appliesToRunningCases(ruleSet),
      ...(ruleSet.transitional ? { citation: ruleSet.transitional.citation } : {}),
    },
    filter: { ruleSetId: ruleSet.id },
    impact: (cases, asOf) => ruleSetImpact(cases, ruleSet, asOf),
  };
}

async function printImpact(options: ImpactOptions): Promise<void> {
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new UsageError('--as-of: must be a date (YYYY-MM-DD)');
  }
  const asOf = options.asOf ?? toShanghaiDate(new Date());
  const file = candidateFile(options);
  const pool = await connectDatabase(loadConfig());
  let report: ImpactReport;
  try {
    // Checked once this process holds every released version and added year; the database is only read.
    await loadStoredRulebook(pool);
    const { candidate, filter, impact } = preview(file);
    // A version that does not reach running cases moves none: nothing to read.
    const cases =
      candidate.kind === 'rule-set' && !candidate.appliesToRunningCases
        ? []
        : await listRunningCases(pool, filter);
    report = { candidate, ...impact(cases, asOf) };
  } finally {
    await pool.end();
  }
  if (options.format === 'json') console.log(impactJson(report));
  else if (options.format === 'csv') process.stdout.write(impactCsv(report));
  else console.log(impactTable(report));
}

/** `petitionflow rules impact`: which running cases a new calendar year or rule-set version would move. */
export function registerRulesImpactCommand(rules: Command): void {
  rules
    .command('impact')
    .description(
      'Preview, without changing anything, which running cases a calendar year or a rule-set version would move',
    )
    .option('--rule-set <file>', 'a rule-set version file (complete, or "extends": "id@version")')
    .option('--calendar <file>', "one official year: the State Council's holiday notice as data")
    .option('--as-of <date>', 'the date "overdue" is judged on, YYYY-MM-DD (default: today in Asia/Shanghai)')
    .addOption(new Option('--format <format>', 'how to print it').choices(FORMATS).default('table'))
    .addHelpText(
      'after',
      '\nReads the running cases from DATABASE_URL, or the embedded PostgreSQL of a running `npm start`.\n' +
        'A deadline moves when its due date changes; a calendar year moves only provisional dates, a rule-set\n' +
        'version only the cases pinned to an older version of its id, and only when it declares\n' +
        '"transitional": { "appliesToRunningCases": true, … }.\n\nExamples:\n' +
        '  petitionflow rules impact --calendar docs/examples/official-year-2027.example.json\n' +
        '  petitionflow rules impact --rule-set shandong-2015-1.5.0.json --format csv > impact.csv',
    )
    .action(async (options: ImpactOptions) => {
      try {
        await printImpact(options);
      } catch (err) {
        if (!(err instanceof UsageError) && !(err instanceof RulesError)) throw err;
        console.error(`error: ${err.message.replace(/\s*\n\s*/g, ' ')}`);
        process.exitCode = USAGE_EXIT_CODE;
      }
    });
}
