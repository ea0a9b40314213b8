import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config';
import { toShanghaiDate } from '../../rules';
import { addDays } from '../../rules/dates';
import { embeddedTokenMinter } from '../../runtime/embedded-sign-in';
import { SPREAD_DAYS } from '../demo/case-plan';
import { TALLY_KEYS, type Tally } from '../demo/drive-case';
import { runDemo } from '../demo/run-demo';
import { formatTable } from '../report-format';

interface DemoCommandOptions {
  cases: number;
  api?: string;
  seed: number;
  concurrency: number;
  json?: boolean;
  documents?: string;
}

const wholeNumber = (min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
};

function httpUrl(value: string): string {
  if (!/^https?:\/\/[^/\s]+\/?$/.test(value)) throw new InvalidArgumentError('expected http://host:port');
  return value.replace(/\/$/, '');
}

const TALLY_LABELS: Record<keyof Tally, string> = {
  registered: '登记 registered',
  repeat: '重复信访 repeat',
  fromHigherLevel: '上级转来 from a higher level',
  unrouted: '未转送 left with the bureau',
  routed: '转送 routed',
  accepted: '受理 accepted',
  simplified: '简易办理 simplified',
  extended: '延期 extended',
  replied: '答复 replied',
  evaluated: '评价 evaluations',
  returnVisits: '回访 return visits',
  withdrawn: '撤回 withdrawn',
  failed: '失败 failed',
};

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Fill a running stack (npm start) with a realistic quarter of cases, through the API and workflows',
    )
    .option('--cases <n>', 'how many cases to register', wholeNumber(1, 100_000), 2000)
    .option('--api <url>', 'the API to fill (default: http://127.0.0.1:API_PORT)', httpUrl)
    .option(
      '--seed <n>',
      'seed of the cases’ random plan: the same seed plans the same cases',
      wholeNumber(0, 2 ** 31),
      1,
    )
    .option('--concurrency <n>', 'cases driven at a time', wholeNumber(1, 64), 8)
    .option('--json', 'print the final tally and the petition ids as JSON')
    .option(
      '--documents <dir>',
      'when done, save there the quarter’s briefing (Word, Excel) and the month’s analysis (Word), as the API gives them',
    )
    .addHelpText(
      'after',
      `
Cases are received over the last ${SPREAD_DAYS} days: most online, then visits, letters and phone calls; some
transferred down from the city, province or national level; some repeat an earlier petitioner's matter. Most are
routed to qingshan-housing or qingshan-hr and accepted, some extended (requested and approved), many replied,
some evaluated by the petitioner (POST /api/public/evaluations with the case's query code) and visited; a few are
withdrawn, and a few left with the bureau (overdue ones climb the supervision ladder).

Tokens for the demo users are signed with the embedded OpenID provider's key (.data/oidc-provider-keys.json, as
\`npm start\` keeps it). Every request carries an Idempotency-Key made of the seed, the day and the case: a re-run of the same
seed on the same day after an interruption continues without duplicating (keys are kept 24 h).

Limitations: only the received date is spread. Routing, acceptance, extensions, replies, evaluations and return
visits are stamped today by the API, so an older case counts as routed late (and got its supervision notice at
registration). Evaluations go through the rate-limited public endpoint: start the stack with a higher
PUBLIC_RATE_LIMIT (e.g. PUBLIC_RATE_LIMIT=100000 npm start) to fill fast; otherwise the demo waits for it.`,
    )
    .action(async (options: DemoCommandOptions) => {
      const config = loadConfig();
      const say = (message: string) => process.stderr.write(`[demo] ${message}\n`);
      const apiUrl = options.api ?? `http://127.0.0.1:${config.API_PORT}`;
      const today = toShanghaiDate(new Date());
      say(
        `filling ${apiUrl} with ${options.cases} cases (seed ${options.seed}, ${options.concurrency} at a time)…`,
      );
      const result = await runDemo({
        apiUrl,
        mint: embeddedTokenMinter(config),
        cases: options.cases,
        seed: options.seed,
        concurrency: options.concurrency,
        today,
        say,
        ...(options.documents ? { documentsDir: options.documents } : {}),
      });
      for (const failure of result.failures.slice(0, 10)) say(`failed: ${failure}`);
      if (result.failures.length > 10) say(`… and ${result.failures.length - 10} more failures`);
      if (options.json) {
        console.log(JSON.stringify({ tally: result.tally, petitionIds: result.petitionIds }));
      } else {
        console.log(
          formatTable(
            ['', 'cases'],
            TALLY_KEYS.map((key) => [TALLY_LABELS[key], String(result.tally[key])]),
          ),
        );
        const period = `--from ${addDays(today, 1 - SPREAD_DAYS)} --to ${today}`;
        console.log(`in ${result.seconds.toFixed(1)} s; the figures: npx petitionflow report ${period}`);
      }
      if (result.failures.length > 0) process.exitCode = 1;
    });
}
