import { DemoApi, FatalDemoError, UnexpectedAnswer } from './api-client';
import { planCase } from './case-plan';
import { driveCase, TALLY_KEYS, type Tally } from './drive-case';
import { fillEarlierYear } from './earlier-year';
import { recordDemoVisits } from './visits';
import { recordDemoScreening } from './screening';
import { seedBacklog } from './backlog';
import { saveReportDocuments } from './documents';

export interface DemoOptions {
  apiUrl: string;
  /** An access token for a demo user. */
  mint: (login: string) => Promise<string>;
  cases: number;
  seed: number;
  concurrency: number;
  /** Asia/Shanghai date of the run: cases are received up to it, and it is part of every Idempotency-Key. */
  today: string;
  say: (message: string) => void;
  /** Where to leave the quarter's briefing and the month's analysis when done (Word, Excel); none without. */
  documentsDir?: string;
}

export interface DemoResult {
  tally: Tally;
  petitionIds: string[];
  failures: string[];
  seconds: number;
}

const PROGRESS_EVERY_MS = 2_000;

/**
 * Fills the stack with `cases` cases through the API, `concurrency` at a time, each planned from the seed
 * and its index; prints progress now and then. A failed case is counted and reported, the others go on;
 * a fatal failure (no API, tokens refused) stops the run.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const api = new DemoApi(options.apiUrl, options.mint, options.say);
  await api.checkReachable();
  const tally = Object.fromEntries(TALLY_KEYS.map((key) => [key, 0])) as Tally;
  const petitionIds: Array<string | undefined> = new Array(options.cases);
  const registrations = Array.from({ length: options.cases }, () => settable<string | undefined>());
  const failures: string[] = [];
  const context = {
    api,
    tally,
    keyOf: (plan: { index: number }, step: string) =>
      `demo-${options.seed}-${options.today}-${plan.index}-${step}`,
    registered: (index: number) => registrations[index]!.promise,
  };

  let next = 0;
  let done = 0;
  let fatal: FatalDemoError | undefined;
  let lastProgress = Date.now();
  const worker = async () => {
    while (next < options.cases && !fatal) {
      const index = next++;
      const registration = registrations[index]!;
      try {
        await driveCase(planCase(options.seed, index, options.today), context, (id) => {
          petitionIds[index] = id;
          registration.resolve(id);
        });
      } catch (err) {
        if (!(err instanceof UnexpectedAnswer)) fatal ??= asFatal(err);
        tally.failed++;
        failures.push(
          `case ${index}${petitionIds[index] ? ` (${petitionIds[index]})` : ''}: ${describe(err)}`,
        );
      } finally {
        registration.resolve(undefined);
        done++;
      }
      if (done < options.cases && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        options.say(progressLine(done, options.cases, tally, started));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (fatal) throw fatal;
  await seedBacklog(
    api,
    petitionIds.filter((id): id is string => id !== undefined),
    options,
    failures,
  );
  options.say(progressLine(done, options.cases, tally, started));
  failures.push(...(await fillEarlierYear({ ...options, api })));
  // The visit register (issue 23 item 1): visits, reception sessions and 阅批 on the run's cases.
  await recordDemoVisits(api, { ...options, petitionIds: petitionIds.filter((id) => id !== undefined) }).then(
    (t) => options.say(`visits ${t.visits}, reception sessions ${t.sessions}, 阅批/批示 ${t.instructions}`),
    (err: unknown) => {
      if (!(err instanceof UnexpectedAnswer)) throw asFatal(err);
      tally.failed++; // the run reports it as a failure, as a failed case
      failures.push(`visit register: ${describe(err)}`);
    },
  );
  const screening = await recordDemoScreening(api, {
    seed: options.seed,
    today: options.today,
    petitionIds: petitionIds.filter((id): id is string => id !== undefined),
  });
  options.say(`screening: a round with ${screening.disputes} disputes (矛盾纠纷排查)`);
  if (options.documentsDir) await saveReportDocuments({ ...options, dir: options.documentsDir });
  return {
    tally,
    petitionIds: petitionIds.filter((id): id is string => id !== undefined),
    failures,
    seconds: (Date.now() - started) / 1000,
  };
}

function progressLine(done: number, total: number, tally: Tally, started: number): string {
  const rate = done / Math.max((Date.now() - started) / 1000, 0.001);
  return (
    `${done}/${total} cases (${rate.toFixed(1)}/s): registered ${tally.registered}, replied ${tally.replied}, ` +
    `evaluated ${tally.evaluated}, failed ${tally.failed}`
  );
}

function asFatal(err: unknown): FatalDemoError {
  return err instanceof FatalDemoError ? err : new FatalDemoError(describe(err));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A promise with its resolve function, to be settled from outside (Node 20 has no Promise.withResolvers). */
function settable<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
