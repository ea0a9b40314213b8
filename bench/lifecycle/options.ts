import { parseArgs } from 'node:util';

export const HELP = `npm run bench [-- options]

Starts its own servers on free ports (embedded PostgreSQL, the Temporal CLI dev server on an SQLite file as
npm start runs it, one petitionflow worker and one API process, a bare worker), then measures three systems
at concurrency 1 and 16, in rounds that take turns (bare, floor, petitionflow, bare, …) so that other work
on the machine weighs on all alike:
  bare          bare Temporal: a no-op workflow taking as many Updates as a case's lifecycle, driven by the
                Temporal client (Update-with-Start, then one Update per step)
  floor         the same workflow doing only what every transition of a case must: one no-op local activity
                (a case writes its read model before it answers) and one search-attribute upsert (its
                status) per Update; the honest baseline — no design on Temporal does less per transition
  petitionflow  the lifecycle through the API (register → route → acknowledge → extension → approve →
                reply): requests, its worker, PostgreSQL
then an overdue storm. Prints progress on standard error, then a table per concurrency with the ratios
(petitionflow / bare, petitionflow / floor, floor / bare); writes bench/results/<date>.json; stops every
server (also on Ctrl-C or a failure). A default run takes 2–5 minutes on two cores. Method: bench/README.md.

  --quick                    a small sample (about a minute and a half); its last line gives the ratios;
                             its figures go to bench/results/<date>-quick.json
  --scale                    the scale mode instead: open cases registered 16 at a time while the worker's
                             memory is sampled (flat once its workflow cache is full); 20 000 cases take
                             10–25 minutes on two cores, so it is not part of the default run;
                             its figures go to bench/results/<date>-scale.json
  --cases N                  open cases for --scale (default 20000)
  --cache N                  the workers' cache size, WORKER_MAX_CACHED_WORKFLOWS (default: the config's)
  --transfer-poll-rps N      the dev server's history.transferProcessorMaxPollRPS (default: the embedded
                             start's, src/dev-services/temporal-dev-server.ts; Temporal's own is 20)
  --dynamic-config K=V       more dynamic config for the dev server (V is JSON; repeatable)
  --sqlite-pragma K=V        an SQLite pragma for the dev server's file instead of the embedded start's
                             (repeatable; journal_mode=delete synchronous=full are SQLite's defaults)
  --bare-local-activities N  an experiment: the bare workflow runs N no-op local activities in each
                             Update (petitionflow's runs one: deadlines and the read model)
  --bare-update-bytes N      an experiment: each bare Update's argument is padded to N bytes, so that its
                             history weighs what a case's does (about 2 300 a step)
  --bare-upserts             an experiment: each bare Update also upserts a search attribute (a case's
                             status), as a petition's Update does
                             (the three --bare-… experiments change the plain bare system only, and so its
                             ratios; the floor stays one local activity and one upsert, no padding:
                             --bare-local-activities 1 --bare-upserts makes bare the floor's twin, an A/A
                             check of the noise)
  --profile                  V8 CPU profiles of the API and the worker (every thread), written to
                             test-artifacts/bench/profiles/ when they stop
  --help                     this text

Figures, per system and concurrency: lifecycles/s; per-transition latency p50/p95/p99 and p50 by step (each
request or Update as its client waits for it); history events and bytes per case; CPU per lifecycle (utime
+ stime from /proc: bare and floor = the bare worker + the server, petitionflow = API + worker + server,
PostgreSQL apart; the bench's own and the whole machine's beside them); worker and server RSS (bare and floor
share one worker); where petitionflow's time goes (the API's request and Update metrics, the worker's SDK
metrics, workflow tasks in history). The last line, always:
  bench: throughput ratio X.XX (floor F.FF) at concurrency 16, p50 ratio Y.YY (floor G.GG)
X.XX and Y.YY are petitionflow / bare, F.FF and G.GG petitionflow / floor: lifecycles/s at concurrency 16;
transition p50 at concurrency 1, without queueing.`;

export interface BenchOptions {
  mode: 'compare' | 'scale';
  quick: boolean;
  /** Lifecycles at concurrency 1 and 16, each system. */
  samples: { c1: number; c16: number; warmUp: number; rounds: number };
  stormCases: number;
  scaleCases: number;
  cache?: number;
  transferPollRps?: number;
  profile: boolean;
  bareLocalActivities: number;
  /** An experiment: each bare Update's argument padded to this many bytes (history as large as a case's). */
  bareUpdateBytes: number;
  /** An experiment: each bare Update also upserts a search attribute, as a petition's Update does. */
  bareUpserts: boolean;
  dynamicConfig: Record<string, unknown>;
  sqlitePragmas: Record<string, string>;
}

export function readOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      cases: { type: 'string' },
      cache: { type: 'string' },
      'transfer-poll-rps': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'bare-local-activities': { type: 'string' },
      'bare-update-bytes': { type: 'string' },
      'bare-upserts': { type: 'boolean', default: false },
      'dynamic-config': { type: 'string', multiple: true },
      'sqlite-pragma': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  return {
    mode: values.scale ? 'scale' : 'compare',
    quick,
    samples: quick ? { c1: 20, c16: 160, warmUp: 8, rounds: 2 } : { c1: 40, c16: 320, warmUp: 16, rounds: 4 },
    stormCases: quick ? 200 : 500,
    scaleCases: wholeNumber('--cases', values.cases) ?? 20_000,
    cache: wholeNumber('--cache', values.cache),
    transferPollRps: wholeNumber('--transfer-poll-rps', values['transfer-poll-rps']),
    profile: values.profile ?? false,
    bareLocalActivities: wholeNumber('--bare-local-activities', values['bare-local-activities']) ?? 0,
    bareUpdateBytes: wholeNumber('--bare-update-bytes', values['bare-update-bytes']) ?? 0,
    bareUpserts: values['bare-upserts'] ?? false,
    dynamicConfig: Object.fromEntries(
      pairs('--dynamic-config', values['dynamic-config']).map(([k, v]) => [k, JSON.parse(v) as unknown]),
    ),
    sqlitePragmas: Object.fromEntries(pairs('--sqlite-pragma', values['sqlite-pragma'])),
  };
}

function wholeNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} takes a positive whole number`);
  return n;
}

function pairs(option: string, values: string[] | undefined): Array<[string, string]> {
  return (values ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`${option} takes KEY=VALUE`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}
