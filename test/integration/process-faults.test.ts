import { isDeepStrictEqual } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { mintToken } from '../../src/auth/tokens';
import { createPool } from '../../src/db/pool';
import { petitionWorkflowId, stateQuery } from '../../src/workflows/messages';
import { Client, Connection } from '@temporalio/client';
import { freePort, kill, startChild } from '../support/child-services';
import { TEST_AUTH_SECRET, testEnv, validRegistration } from '../support/harness';

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

afterAll(async () => {
  await Promise.all([api && kill(api), worker && kill(worker)]);
  await pool.end();
});

interface Tally {
  requests: number;
  retried: number;
  reportedFailures: string[];
}

const tokens: Record<string, string> = {};
async function send(tally: Tally, login: string, path: string, body: unknown, key: string): Promise<any> {
  tokens[login] ??= await mintToken(TEST_AUTH_SECRET, login);
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
    ['handler', 'acknowledge', {}],
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
  port = await freePort();
  [api, worker] = await Promise.all([
    startChild('api', { port, taskQueue }),
    startChild('worker', { taskQueue }),
  ]);
  const run = `fault-${Date.now()}`;
  const tally: Tally = { requests: 0, retried: 0, reportedFailures: [] };
  const clients = Promise.all(Array.from({ length: LIFECYCLES }, (_, i) => lifecycle(tally, run, i)));

  await new Promise((resolve) => setTimeout(resolve, 1500));
  await kill(api);
  api = await startChild('api', { port, taskQueue });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await kill(worker);
  worker = await startChild('worker', { taskQueue });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await kill(api);
  api = await startChild('api', { port, taskQueue });

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

  const connection = await Connection.connect({ address: testEnv('TEST_TEMPORAL_ADDRESS') });
  const client = new Client({ connection });
  let mismatched = 0;
  for (const id of ids.filter(Boolean) as string[]) {
    const state = await client.workflow.getHandle(petitionWorkflowId(id)).query(stateQuery);
    const stored = await pool.query('SELECT case_state FROM petitions WHERE id = $1', [id]);
    if (!isDeepStrictEqual(stored.rows[0].case_state, state)) {
      mismatched++;
    }
  }
  await connection.close();

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
