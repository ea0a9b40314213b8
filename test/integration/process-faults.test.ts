import { isDeepStrictEqual } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { testToken } from '../support/sign-in';
import { createPool } from '../../src/db/pool';
import { toShanghaiDate } from '../../src/rules';
import { addDays } from '../../src/rules/dates';
import { petitionWorkflowId, stateQuery } from '../../src/workflows/messages';
import { Client, Connection } from '@temporalio/client';
import { freePort, kill, startChild } from '../support/child-services';
import { LONG_AGO_DAYS, testEnv, validRegistration } from '../support/harness';

/**
 * Lifecycles whose clients retry with the same Idempotency-Key while the API process and the worker process
 * are killed with SIGKILL and started again. Nothing may be reported failed that was applied, nothing may
 * happen twice, no registration may be left without its workflow, and the read model must equal the
 * workflows.
 */
const LIFECYCLES = Number(process.env.FAULT_LIFECYCLES ?? 40);
const taskQueue = 'process-faults';
const pool = createPool(testEnv('TEST_DATABASE_URL'));
let api: ChildProcess;
let worker: ChildProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  [api, worker] = await Promise.all([
    startChild('api', { port, taskQueue }),
    startChild('worker', { taskQueue }),
  ]);
});

afterAll(async () => {
  await Promise.all([api && kill(api), worker && kill(worker)]);
  await pool.end();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function restartWorker(): Promise<void> {
  await kill(worker);
  worker = await startChild('worker', { taskQueue });
}
async function restartApi(): Promise<void> {
  await kill(api);
  api = await startChild('api', { port, taskQueue });
}

/** Cases whose read model differs from their workflow's state. */
async function mismatchedCases(ids: string[]): Promise<string[]> {
  const connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
  const client = new Client({ connection });
  const mismatched: string[] = [];
  try {
    for (const id of ids) {
      const state = await client.workflow.getHandle(petitionWorkflowId(id)).query(stateQuery);
      const stored = await pool.query('SELECT case_state FROM petitions WHERE id = $1', [id]);
      if (!isDeepStrictEqual(stored.rows[0].case_state, state)) mismatched.push(id);
    }
  } finally {
    await connection.close();
  }
  return mismatched;
}

interface Tally {
  requests: number;
  retried: number;
  reportedFailures: string[];
}

const tokens: Record<string, string> = {};
async function send(tally: Tally, login: string, path: string, body: unknown, key: string): Promise<any> {
  tokens[login] ??= await testToken(login);
  const deadline = Date.now() + 90_000;
  for (let attempt = 0; ; attempt++) {
    tally.requests++;
    if (attempt > 0) tally.retried++;
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[login]}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(35_000),
      });
      const text = await response.text();
      if (response.ok) return JSON.parse(text);
      if (response.status < 500) {
        tally.reportedFailures.push(`${path} ${response.status} ${text}`);
        return undefined;
      }
    } catch {
      // connection refused or reset while the API process is down: retry
    }
    if (Date.now() > deadline) {
      tally.reportedFailures.push(`${path}: gave up`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function lifecycle(tally: Tally, run: string, index: number): Promise<string | undefined> {
  const key = (step: string) => `${run}-${index}-${step.replaceAll('/', '.')}`;
  const registered = await send(
    tally,
    'registrar',
    '/api/petitions',
    { ...validRegistration(), subject: key('case') },
    key('register'),
  );
  if (!registered) return undefined;
  const id = registered.id as string;
  const steps: Array<[string, string, unknown]> = [
    ['registrar', 'route', { unitId: 'qingshan-housing' }],
    ['handler', 'accept', {}],
    ['handler', 'extensions', { days: 10, reason: '需要鉴定' }],
    ['unit-head', 'extensions/ext-1/approve', {}],
    ['handler', 'reply', { outcome: 'supported', opinion: '已处理' }],
  ];
  for (const [login, path, body] of steps) {
    if (!(await send(tally, login, `/api/petitions/${id}/${path}`, body, key(path)))) return id;
  }
  return id;
}

it('loses, repeats and orphans nothing when the API and the worker are killed mid-flight', async () => {
  const run = `fault-${Date.now()}`;
  const tally: Tally = { requests: 0, retried: 0, reportedFailures: [] };
  const clients = Promise.all(Array.from({ length: LIFECYCLES }, (_, i) => lifecycle(tally, run, i)));

  await pause(1500);
  await restartApi();
  await pause(1500);
  await restartWorker();
  await pause(1000);
  await restartApi();

  const ids = await clients;
  const { rows } = await pool.query(
    `SELECT subject, count(*)::int AS n, min(last_sequence) AS min_sequence, array_agg(id) AS ids,
            bool_and(status = 'replied') AS replied
       FROM petitions WHERE subject LIKE $1 GROUP BY subject`,
    [`${run}-%`],
  );
  const duplicated = rows.filter((r) => r.n > 1).length;
  const orphans = rows.filter((r) => r.min_sequence === 0).length;
  const events = await pool.query(
    `SELECT e.petition_id, e.type, count(*)::int AS n FROM petition_events e JOIN petitions p ON p.id = e.petition_id
      WHERE p.subject LIKE $1 AND e.type IN ('routed', 'accepted', 'extension-requested', 'extension-approved', 'replied')
      GROUP BY e.petition_id, e.type`,
    [`${run}-%`],
  );
  const repeatedTransitions = events.rows.filter((r) => r.n > 1).length;

  const superseded = await pool.query(
    `SELECT count(*)::int AS n FROM petition_events_superseded s JOIN petitions p ON p.id = s.petition_id WHERE p.subject LIKE $1`,
    [`${run}-%`],
  );

  const mismatched = (await mismatchedCases(ids.filter(Boolean) as string[])).length;

  const figures = {
    lifecycles: LIFECYCLES,
    requests: tally.requests,
    retried: tally.retried,
    reportedFailed: tally.reportedFailures.length,
    completed: rows.filter((r) => r.replied).length,
    duplicated,
    orphans,
    repeatedTransitions,
    mismatched,
    supersededEvents: superseded.rows[0].n,
  };
  console.log(`process faults: ${JSON.stringify(figures)}`);
  expect(tally.reportedFailures).toEqual([]);
  expect(figures).toMatchObject({
    completed: LIFECYCLES,
    duplicated: 0,
    orphans: 0,
    repeatedTransitions: 0,
    mismatched: 0,
  });
  expect(rows).toHaveLength(LIFECYCLES);
});

/**
 * The supervision ladder (督办 → 联席办 → 挂牌督办) climbed while the worker is killed: received LONG_AGO_DAYS
 * ago, a case's D1 (route, 15 d) is more than 15 d overdue, so its notice and its escalation to the office
 * fire as soon as it is registered; the office then lists it and the bureau routes it late, which stops the
 * ladder. Each rung must be in the case exactly once, its notifications once per recipient.
 */
it('climbs each rung of the supervision ladder once when the worker is killed mid-ladder', async () => {
  const run = `ladder-${Date.now()}`;
  const today = toShanghaiDate(new Date());
  const tally: Tally = { requests: 0, retried: 0, reportedFailures: [] };
  const key = (index: number, step: string) => `${run}-${index}-${step}`;
  const cases = Number(process.env.FAULT_LADDERS ?? 20);

  const registering = Promise.all(
    Array.from({ length: cases }, (_, i) =>
      send(
        tally,
        'registrar',
        '/api/petitions',
        { ...validRegistration(addDays(today, -LONG_AGO_DAYS)), subject: key(i, 'case') },
        key(i, 'register'),
      ),
    ),
  );
  await pause(700);
  await restartWorker();
  const ids = (await registering).filter(Boolean).map((body) => body.id as string);
  expect(ids).toHaveLength(cases);

  await waitFor(async () => {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM supervision_items WHERE petition_id = ANY($1) AND level = 'office'`,
      [ids],
    );
    return rows[0].n === cases;
  }, 'every case at the office');

  const acting = Promise.all(
    ids.map(async (id, i) => {
      const listed = await send(
        tally,
        'jco',
        `/api/supervision/${id}.route-1/list`,
        { correctBy: addDays(today, 10), note: '挂牌督办' },
        key(i, 'list'),
      );
      if (!listed) return;
      await send(
        tally,
        'registrar',
        `/api/petitions/${id}/route`,
        { unitId: 'qingshan-housing' },
        key(i, 'route'),
      );
    }),
  );
  await pause(500);
  await restartWorker();
  await acting;

  const rungs = await pool.query(
    `SELECT petition_id, type, count(*)::int AS n FROM petition_events
      WHERE petition_id = ANY($1)
        AND type IN ('supervision-notice', 'escalated', 'supervision-listed', 'listing-overdue', 'routed')
      GROUP BY petition_id, type`,
    [ids],
  );
  const perType = (type: string) => rungs.rows.filter((r) => r.type === type);
  const items = await pool.query(
    `SELECT level, status, count(*)::int AS n FROM supervision_items WHERE petition_id = ANY($1) GROUP BY level, status`,
    [ids],
  );
  const repeatedNotifications = await pool.query(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM notifications WHERE petition_id = ANY($1)
        GROUP BY petition_id, kind, recipient, payload->>'itemId' HAVING count(*) > 1) repeated`,
    [ids],
  );
  const figures = {
    cases,
    requests: tally.requests,
    retried: tally.retried,
    reportedFailed: tally.reportedFailures.length,
    notices: perType('supervision-notice').length,
    escalations: perType('escalated').length,
    listings: perType('supervision-listed').length,
    routed: perType('routed').length,
    repeatedRungs: rungs.rows.filter((r) => r.n > 1).length,
    listingOverdue: perType('listing-overdue').length,
    repeatedNotifications: repeatedNotifications.rows[0].n,
    mismatched: (await mismatchedCases(ids)).length,
  };
  console.log(`ladder faults: ${JSON.stringify(figures)}`);
  expect(tally.reportedFailures).toEqual([]);
  expect(figures).toMatchObject({
    notices: cases,
    escalations: cases,
    listings: cases,
    routed: cases,
    repeatedRungs: 0,
    listingOverdue: 0,
    repeatedNotifications: 0,
    mismatched: 0,
  });
  // Met late: the ladder stops, the item keeps its rungs.
  expect(items.rows).toEqual([{ level: 'listed', status: 'resolved', n: cases }]);
});

async function waitFor(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(200);
  }
}
