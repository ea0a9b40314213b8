import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFuzzStack } from './fuzz-stack';
import { tallyRequests } from './request-log';
import { ensureSchemathesis, type FuzzResult, runSchemathesis, SCHEMATHESIS_VERSION } from './schemathesis';

/**
 * API fuzzing (issue 10): schemathesis against the running stack's `/openapi.json`, every operation, once
 * per role. Passes when no answer is a 5xx and every answer is the one the document describes.
 *
 *   npm run fuzz                        # a random seed, printed
 *   npm run fuzz -- --seed 1234         # the same requests again
 */
const { values: options } = parseArgs({
  options: {
    seed: { type: 'string' },
    'max-examples': { type: 'string', default: '25' },
  },
});
const SEED = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(options.seed);
const MAX_EXAMPLES = Number(options['max-examples']);
if (!Number.isInteger(SEED) || !Number.isInteger(MAX_EXAMPLES) || MAX_EXAMPLES < 1) {
  throw new Error('--seed and --max-examples take whole numbers');
}
/**
 * The petition bureau's supervisor (registration, routing, supervision, the bureau's reports) and a
 * housing-bureau head (handling, extensions, the unit's reports): between them every operation is allowed
 * to someone.
 */
const USERS = ['supervisor', 'unit-head'];
const RUN_TIMEOUT_MS = 8 * 60_000;
/** Request logs, schemathesis's reports and the stack's output, kept for a look after a failure. */
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'fuzz');

const log = (message: string) => console.log(`[fuzz] ${message}`);

async function main(): Promise<number> {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const schemathesis = await ensureSchemathesis(log);
  const started = Date.now();
  log('Starting the stack (petitionflow start, own data folder and ports)…');
  const stackLog = path.join(ARTIFACTS, 'stack.log');
  // The petitioner's endpoint allows 20 requests a minute per address: raised here so that the fuzzer
  // reaches its handlers, not only the limiter (its 429 is in the document all the same).
  const stack = await startFuzzStack({ PUBLIC_RATE_LIMIT: '100000', LOG_LEVEL: 'info' }, stackLog);
  const results: Array<{ user: string; result: FuzzResult }> = [];
  try {
    for (const user of USERS) {
      log(`schemathesis ${SCHEMATHESIS_VERSION} as ${user}, seed ${SEED}, ${MAX_EXAMPLES} examples each`);
      const workDir = path.join(ARTIFACTS, user);
      fs.mkdirSync(workDir);
      const result = await runSchemathesis({
        command: schemathesis,
        openApiUrl: `${stack.apiUrl}/openapi.json`,
        token: await stack.token(user),
        workDir,
        maxExamples: MAX_EXAMPLES,
        seed: SEED,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      results.push({ user, result });
    }
  } finally {
    log('Stopping the stack…');
    await stack.stop();
  }
  return report(results, tallyRequests(stackLog), (Date.now() - started) / 1000);
}

/** Prints the summary; the exit code: 0 when every run passed and the API answered no 5xx. */
function report(
  results: Array<{ user: string; result: FuzzResult }>,
  tally: ReturnType<typeof tallyRequests>,
  seconds: number,
): number {
  let passed = 0;
  let failed = 0;
  for (const { user, result } of results) {
    const failing = new Set(result.failures.flatMap((f) => f.operations));
    passed += result.operations.tested - failing.size;
    failed += failing.size;
    log(
      `${user}: ${result.operations.tested}/${result.operations.total} operations, ` +
        `${result.testCases} test cases, ${result.failures.reduce((n, f) => n + f.count, 0)} failures, ` +
        `${result.errors} errors, ${result.seconds.toFixed(0)} s (exit ${result.exitCode})`,
    );
    for (const f of result.failures) log(`  ${f.code} ${f.title} (${f.count}): ${f.operations.join(', ')}`);
  }
  const classes = Object.entries(tally.byClass)
    .sort()
    .map(([statusClass, n]) => `${statusClass} ${n}`)
    .join(', ');
  log(`The API answered ${tally.requests} requests (${classes}) in ${seconds.toFixed(0)} s, seed ${SEED}`);
  for (const line of tally.serverErrors.slice(0, 20)) log(`  server error: ${line}`);
  const ok =
    results.every(({ result }) => result.exitCode === 0 && result.errors === 0) &&
    tally.serverErrors.length === 0;
  if (!ok) log(`Failed: the stack's log and schemathesis's reports are in ${ARTIFACTS}`);
  console.log(`fuzz: ${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
