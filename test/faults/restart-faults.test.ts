import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { createPool } from '../../src/db/pool';
import { obtainTemporalServerBinaries } from '../../src/dev-services/tool-binaries';
import type { VerifyReport } from '../../src/domain/verification';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { type FaultStack, startFaultStack } from './fault-stack';
import { keyOf, lifecycle, TRANSITION_STEPS } from './lifecycle';
import { checkOutcome, mismatchEvidence } from './outcome-checks';
import { type CutRegistrations, temporalOutageCuttingRegistrations } from './registration-cut';
import { RetryingClients } from './retrying-client';
import { outagesLogged, unexpectedErrors } from './api-logs';

/**
 * Issue 10, item 2: while at least 200 lifecycles run through two API processes (clients retrying under
 * the same Idempotency-Key) on a production shape of this test's own, (a) a worker and (b) an API are
 * killed with SIGKILL, (c) temporal-server and (d) PostgreSQL are stopped and started again in place, and
 * (e) registrations are cut off between their row's commit and their workflow's start by killing the API
 * process that holds them. Afterwards nothing answered 2xx may be missing or doubled, a replay of every
 * request must answer as the first did, the read model must equal the workflows, `petitionflow verify` must
 * pass. Runs with `npm run test:faults` (TEST_FAULTS=1); skipped in the ordinary run.
 */
/**
 * Lifecycles kept in flight until the last fault: each one that finishes before then is replaced by a new one, so
 * that at least 200 run at every fault however fast or slow the machine (a one-off burst of 250 left 158 by the
 * third fault on a CI run).
 */
const LIFECYCLES = Number(process.env.FAULT_LIFECYCLES ?? 250);
/** Replacements take indexes from here on, clear of the fixed ranges (the cut and database-stop ones). */
const FIRST_REPLACEMENT = 10_000;
const CUT_REGISTRATIONS = 10;
/** Lifecycles started just before PostgreSQL stops: registration transactions lose their connections. */
const REGISTRATIONS_AT_DATABASE_STOP = 10;
const describeFaults = process.env.TEST_FAULTS === '1' ? describe : describe.skip;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[fault test] ${message}\n`);

describeFaults('lifecycles through worker, API, Temporal and PostgreSQL faults', () => {
  let stack: FaultStack;
  let pool: Pool;
  let connection: Connection;
  let clients: RetryingClients;
  let progress: NodeJS.Timeout | undefined;

  // Only the first run ever builds temporal-server with Go (minutes); then it is cached and this is instant.
  beforeAll(() => obtainTemporalServerBinaries(log), 15 * 60_000);

  beforeAll(async () => {
    stack = await startFaultStack({ apis: 2, workers: 2 });
    pool = createPool(stack.servers.databaseUrl);
    connection = await Connection.connect({ address: stack.servers.temporalAddress });
  }, 100_000);

  afterAll(async () => {
    clearInterval(progress);
    clients?.close();
    await connection?.close();
    await pool?.end();
    await stack?.stop();
  }, 30_000);

  it('loses, doubles and leaves behind nothing, and every replay answers as the first', async () => {
    const started = Date.now();
    const run = `restart-${started}`;
    clients = new RetryingClients(stack.apiUrls, 180_000);
    let inFlight = 0;
    let peakInFlight = 0;
    let startedLifecycles = 0;
    let keepTopped = true;
    let nextReplacement = FIRST_REPLACEMENT;
    const replacements: Array<Promise<string | undefined>> = [];
    const tracked = (index: number, home: number): Promise<string | undefined> => {
      inFlight++;
      startedLifecycles++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      return lifecycle(clients, run, index, home).finally(() => {
        inFlight--;
        if (keepTopped && inFlight < LIFECYCLES) {
          const next = nextReplacement++;
          replacements.push(tracked(next, next % 2));
        }
      });
    };
    const lifecycles = Array.from({ length: LIFECYCLES }, (_, i) => tracked(i, i % 2));
    const totalRequests = LIFECYCLES * (1 + TRANSITION_STEPS.length);
    progress = setInterval(() => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stderr.write(
        `[fault test] ${seconds} s: ${clients.succeeded} requests answered 2xx (${clients.attempts} attempts), ${inFlight} lifecycles in flight\n`,
      );
    }, 10_000);

    const faults: Array<{ fault: string; lifecyclesInFlight: number; seconds: number }> = [];
    const fault = async (name: string, share: number, act: () => Promise<void>) => {
      await untilSucceeded(clients, Math.round(share * totalRequests));
      const at = Date.now();
      const lifecyclesInFlight = inFlight;
      await act();
      faults.push({ fault: name, lifecyclesInFlight, seconds: (Date.now() - at) / 1000 });
    };

    await fault('worker SIGKILL', 0.06, async () => {
      await stack.workers[0]!.kill();
      await stack.workers[0]!.running();
    });
    await fault('API SIGKILL', 0.14, async () => {
      await stack.apis[0]!.kill();
      await stack.apis[0]!.running();
    });
    let cut: CutRegistrations | undefined;
    await fault('temporal-server stop, registrations cut, start', 0.22, async () => {
      const cutLifecycles = { run, firstIndex: LIFECYCLES, count: CUT_REGISTRATIONS };
      cut = await temporalOutageCuttingRegistrations(stack, pool, clients, cutLifecycles, tracked);
    });
    let atDatabaseStop: Array<Promise<string | undefined>> = [];
    await fault('PostgreSQL stop and start', 0.32, async () => {
      const first = LIFECYCLES + CUT_REGISTRATIONS;
      atDatabaseStop = Array.from({ length: REGISTRATIONS_AT_DATABASE_STOP }, (_, i) =>
        tracked(first + i, i % 2),
      );
      await untilRegistrationBetweenQueries(pool);
      await stack.servers.send('stop-postgres');
      await pause(5_000);
      await stack.servers.send('start-postgres');
    });
    keepTopped = false;
    await Promise.all([...lifecycles, ...cut!.lifecycles, ...atDatabaseStop]);
    await Promise.all(replacements);
    clearInterval(progress);
    const runSeconds = (Date.now() - started) / 1000;

    const client = new Client({ connection });
    const outcome = await checkOutcome(pool, client, `${run}-`, clients.sent);
    const eventsBefore = await eventCount(pool, run);
    const replay = await replayEveryRequest(clients);
    const eventsAfterReplay = await eventCount(pool, run);
    const verify = await stack.cli(['verify', '--json']);
    const cutKeys = cut!.keys;
    const cutRegistrations = clients.sent.filter((r) => cutKeys.includes(r.key));

    const databaseStopKeys = Array.from({ length: REGISTRATIONS_AT_DATABASE_STOP }, (_, i) =>
      keyOf(run, LIFECYCLES + CUT_REGISTRATIONS + i, 'register'),
    );
    const answered = clients.sent.filter((r) => r.answer);
    const figures = {
      lifecycles: startedLifecycles,
      peakInFlight,
      requests: clients.sent.length,
      attempts: clients.attempts,
      '2xx': answered.length,
      retried: clients.sent.filter((r) => r.attempts > 1).length,
      attemptAnswers: clients.answersByStatus,
      refusedOrGaveUp: clients.sent.filter((r) => r.failure).length,
      lost: outcome.lost.length,
      duplicated: outcome.duplicated.length,
      mismatched: outcome.mismatched.length,
      unstarted: outcome.unstarted.length,
      replayed: answered.length,
      replayDiffered: replay.differed.length,
      replayFromStore: replay.fromStore,
      replayRanAgain: replay.ranAgain,
      eventsAddedByReplay: eventsAfterReplay - eventsBefore,
      cut: {
        rowsWithoutWorkflow: cut!.rows.length,
        inFlightOnKilledApi: cut!.inFlightOnKilledApi,
        finishedByRetrySameId: cutRegistrations.filter(
          (r) => r.answer && r.attempts > 1 && cut!.rows.includes(r.answer.petitionId),
        ).length,
      },
      // How many of the registrations sent as PostgreSQL stopped needed a retry (their first attempt cut off).
      registrationsAtDatabaseStopRetried: clients.sent.filter(
        (r) => r.attempts > 1 && databaseStopKeys.includes(r.key),
      ).length,
      // Attempts whose transaction (a registration: the API holds no other) lost its connection between two
      // queries, the server ending it while idle in the transaction: pg refused the next query as "not
      // queryable", and the API answered 503.
      transactionsCutBetweenQueries: outagesLogged(stack.logDir, 'is not queryable'),
      verifyExit: verify.code,
      verifyFindings: verifyFindings(verify.stdout),
      supervisorRestarts: [...stack.apis, ...stack.workers].reduce((n, p) => n + p.unexpectedExits, 0),
      faults,
      runSeconds,
      checkSeconds: (Date.now() - started) / 1000 - runSeconds,
    };
    console.log(`restart faults: ${JSON.stringify(figures)}`);
    // A 500 is a failure of this test; the APIs' own account of it is printed, as CI keeps no logs.
    if (clients.answersByStatus['500'])
      console.log(`answered 500:\n${unexpectedErrors(stack.logDir).join('\n')}`);
    if (mismatchEvidence.length > 0 && process.env.FAULT_KEEP_LOGS === '1')
      await keepEvidence(stack, pool, client);

    expect(clients.sent.filter((r) => r.failure).map((r) => r.failure)).toEqual([]);
    expect(outcome).toEqual({ lost: [], duplicated: [], mismatched: [], unstarted: [] });
    expect(replay.differed).toEqual([]);
    expect(figures).toMatchObject({
      '2xx': startedLifecycles * (1 + TRANSITION_STEPS.length),
      eventsAddedByReplay: 0,
      verifyExit: 0,
      // No process died by itself (a server restart once killed the worker: see src/db/pool.ts).
      supervisorRestarts: 0,
      cut: { rowsWithoutWorkflow: CUT_REGISTRATIONS, finishedByRetrySameId: CUT_REGISTRATIONS },
    });
    // A fault is answered 503 (retry under the same key), never 500: nothing the client sees as a crash.
    expect(clients.answersByStatus['500'] ?? 0).toBe(0);
    expect(figures.cut.inFlightOnKilledApi).toBeGreaterThan(0);
    expect(peakInFlight).toBeGreaterThanOrEqual(200);
    expect(figures.faults.every((f) => f.lifecyclesInFlight >= 200)).toBe(true);
  }, 220_000);
});

/**
 * Waits (up to 3 s) until an API's transaction is open between two of its queries — a registration, the only
 * transaction the API holds — so that stopping PostgreSQL then cuts one part-way.
 */
async function untilRegistrationBetweenQueries(pool: Pool): Promise<void> {
  for (const deadline = Date.now() + 3_000; Date.now() < deadline;) {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM pg_stat_activity
        WHERE application_name LIKE 'petitionflow-api-%' AND state = 'idle in transaction'`,
    );
    if (rowCount) return;
    await pause(2);
  }
}

/** Waits until `count` requests have succeeded; fails the test if progress stalls for 2 minutes. */
async function untilSucceeded(clients: RetryingClients, count: number): Promise<void> {
  let last = clients.succeeded;
  let lastProgress = Date.now();
  while (clients.succeeded < count) {
    if (clients.succeeded > last) [last, lastProgress] = [clients.succeeded, Date.now()];
    if (Date.now() - lastProgress > 120_000) throw new Error(`stalled at ${last} successful requests`);
    await pause(100);
  }
}

/**
 * Sends every answered request once more, 16 at a time: each must answer as its first final answer did
 * (status, petition). Most are replays of the stored answer; one whose answer could not be stored (the
 * database went down as it answered) runs again, and must then change nothing (see eventsAddedByReplay).
 */
async function replayEveryRequest(clients: RetryingClients) {
  const answered = clients.sent.filter((r) => r.answer);
  const result = { differed: [] as string[], fromStore: 0, ranAgain: 0 };
  for (let i = 0; i < answered.length; i += 16) {
    await Promise.all(
      answered.slice(i, i + 16).map(async (request, j) => {
        const again = await clients.resend(request, i + j);
        const first = request.answer!;
        if (again.status !== first.status || again.body?.id !== first.petitionId) {
          result.differed.push(`${request.key}: ${first.status} then ${again.status} ${again.text}`);
        } else if (again.replayed) result.fromStore++;
        else result.ranAgain++;
      }),
    );
  }
  return result;
}

async function eventCount(pool: Pool, run: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM petition_events e JOIN petitions p ON p.id = e.petition_id
      WHERE p.subject LIKE $1`,
    [`${run}-%`],
  );
  return rows[0]!.n;
}

/** How many cases `petitionflow verify --json` found in each state, and its stuck registrations. */
function verifyFindings(stdout: string): Record<string, number> | string {
  try {
    const report = JSON.parse(stdout) as VerifyReport;
    return Object.fromEntries([
      ...Object.entries(report.findings).map(([finding, ids]) => [finding, ids.length]),
      ['unstartedWaiting', report.unstarted.waiting.length],
    ]);
  } catch {
    return stdout.slice(0, 500);
  }
}

/** Each mismatched case's two states, stored events and workflow history, into the log folder. */
async function keepEvidence(stack: FaultStack, pool: Pool, client: Client): Promise<void> {
  for (const { id, workflow, readModel } of mismatchEvidence) {
    const events = await pool.query(
      'SELECT * FROM petition_events WHERE petition_id = $1 ORDER BY sequence',
      [id],
    );
    const superseded = await pool.query('SELECT * FROM petition_events_superseded WHERE petition_id = $1', [
      id,
    ]);
    const history = await client.workflow.getHandle(petitionWorkflowId(id)).fetchHistory();
    const evidence = { workflow, readModel, events: events.rows, superseded: superseded.rows, history };
    fs.writeFileSync(path.join(stack.logDir, `mismatch-${id}.json`), JSON.stringify(evidence, null, 1));
  }
}
