import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../src/config';
import {
  DEV_SERVER_DYNAMIC_CONFIG,
  DEV_SERVER_SQLITE_PRAGMAS,
} from '../../src/dev-services/temporal-dev-server';
import { installTemporalRuntime } from '../../src/temporal/runtime';
import { type BareWork, bareLifecycle, FLOOR_WORK } from './bare-lifecycle';
import { type BenchOptions, HELP, readOptions } from './options';
import { petitionClient, petitionLifecycle } from './petition-lifecycle';
import { measureConcurrency, type PhaseFigures, SYSTEMS } from './phase';
import { compareTable, finalLine, ratiosOf } from './report';
import { writeResults } from './results';
import { measureScale } from './scale';
import { type SpanFigures, spansAround } from './spans';
import { type BenchStack, startBenchStack } from './stack';
import { overdueStorm } from './storm';
import { runLoad } from './load';

/**
 * The lifecycle benchmark (issue 10, item 7; the floor: issue 18, item 10): bare Temporal and the floor (bare
 * plus one local activity and one upsert per Update) against petitionflow's full lifecycle on the same
 * servers, started here on free ports and stopped at the end (also on Ctrl-C or a failure). See bench/README.md.
 *
 *   npm run bench                 # concurrency 1 and 16, the overdue storm: a few minutes
 *   npm run bench -- --quick      # about a minute and a half; the last line gives the ratios
 *   npm run bench -- --scale      # 20 000 open cases, the worker's memory as they pile up
 *   npm run bench -- --help
 */
const TRANSFER_POLL_KEY = 'history.transferProcessorMaxPollRPS';
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'bench');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  installTemporalRuntime('WARN');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const cache = options.cache ?? loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS;
  const transferPollRps = options.transferPollRps ?? (DEV_SERVER_DYNAMIC_CONFIG[TRANSFER_POLL_KEY] as number);
  const logFile = path.join(ARTIFACTS, 'stack.log');
  const started = Date.now();
  // From the first moment: a Ctrl-C while the servers start stops those started so far (see startBenchStack).
  const interrupted = new AbortController();
  let stack: BenchStack | undefined;
  const stopOnSignal = () => {
    log('Interrupted: stopping the servers…');
    interrupted.abort();
    if (stack) void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  log(`Starting the servers (processes' output in ${path.relative(process.cwd(), logFile)})…`);
  try {
    stack = await startBenchStack({
      maxCachedWorkflows: cache,
      dynamicConfig: { [TRANSFER_POLL_KEY]: transferPollRps, ...options.dynamicConfig },
      sqlitePragmas: options.sqlitePragmas,
      logFile,
      profileDir: options.profile ? path.join(ARTIFACTS, 'profiles') : undefined,
      signal: interrupted.signal,
      log,
    });
  } catch (err) {
    if (interrupted.signal.aborted) return 130;
    throw err;
  }
  const setup = {
    cache,
    transferPollRps,
    dynamicConfig: {
      ...DEV_SERVER_DYNAMIC_CONFIG,
      ...options.dynamicConfig,
      [TRANSFER_POLL_KEY]: transferPollRps,
    },
    sqlitePragmas: { ...DEV_SERVER_SQLITE_PRAGMAS, ...options.sqlitePragmas },
    startSeconds: (Date.now() - started) / 1000,
  };
  log(
    `Servers ready in ${setup.startSeconds.toFixed(1)} s (worker cache ${cache}, transfer poll ${transferPollRps}/s)`,
  );
  let results: Record<string, unknown> = {};
  let summary: string[] = [];
  try {
    const connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection });
    try {
      if (options.mode === 'scale') {
        const scale = await measureScale(stack, options.scaleCases, cache, log);
        results = { mode: 'scale', setup, scale };
        summary = scale.lines;
      } else {
        ({ results, summary } = await compare(stack, client, options, setup));
      }
    } finally {
      await connection.close();
    }
  } catch (err) {
    // Interrupted: what failed is the servers going away under the measurement.
    if (!interrupted.signal.aborted) throw err;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    log('Stopping the servers…');
    await stack.stop();
  }
  if (interrupted.signal.aborted) return 130;
  const file = writeResults(results, options.mode === 'scale' ? '-scale' : options.quick ? '-quick' : '');
  console.log(summary.join('\n'));
  console.log(
    `Results in ${path.relative(process.cwd(), file)}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  if (options.mode === 'compare') console.log(finalLine(results.ratios as ReturnType<typeof ratiosOf>));
  return 0;
}

async function compare(
  stack: BenchStack,
  client: Client,
  options: BenchOptions,
  setup: Record<string, unknown>,
): Promise<{ results: Record<string, unknown>; summary: string[] }> {
  const run = Date.now().toString(36);
  const api = await petitionClient(stack.apiUrl, (login) => stack.mint(login));
  const bareWork: BareWork = {
    localActivities: options.bareLocalActivities,
    updateBytes: options.bareUpdateBytes,
    upserts: options.bareUpserts,
  };
  const lifecycles = {
    bare: bareLifecycle(client, stack.bareTaskQueue, run, bareWork, 'bare'),
    floor: bareLifecycle(client, stack.bareTaskQueue, run, FLOOR_WORK, 'floor'),
    petitionflow: petitionLifecycle(api, run),
  };
  const context = { client, pids: stack.pids, log };
  const { samples } = options;
  log(`Warming up (${samples.warmUp} lifecycles of each, not measured)…`);
  for (const system of SYSTEMS) {
    await runLoad(
      lifecycles[system],
      { lifecycles: samples.warmUp, concurrency: 4, label: `warm-up ${system}` },
      log,
    );
  }
  const phases: PhaseFigures[] = [];
  const spans: SpanFigures[] = [];
  let firstIndex = samples.warmUp;
  for (const [concurrency, count] of [
    [1, samples.c1],
    [16, samples.c16],
  ] as const) {
    const { value, spans: measured } = await spansAround(stack, concurrency, () =>
      measureConcurrency(
        lifecycles,
        { lifecycles: count, concurrency, rounds: samples.rounds, firstIndex },
        context,
      ),
    );
    phases.push(...SYSTEMS.map((system) => value[system]));
    spans.push(measured);
    firstIndex += count;
  }
  const storm = await overdueStorm(api, stack, options.stormCases, 16, log);
  const ratios = ratiosOf(phases);
  const results = {
    mode: options.quick ? 'quick' : 'default',
    setup: {
      ...setup,
      bareLocalActivities: options.bareLocalActivities,
      bareUpdateBytes: options.bareUpdateBytes,
      bareUpserts: options.bareUpserts,
      bare: bareWork,
      floor: FLOOR_WORK,
    },
    phases,
    ratios,
    spans,
    storm,
  };
  return { results, summary: compareTable(phases, ratios, spans, storm, results.setup) };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
