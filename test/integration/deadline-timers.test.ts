import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../../src/activities';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { addSearchAttributes } from '../../src/temporal/search-attributes';
import {
  acknowledgeUpdate,
  replyUpdate,
  type Actor,
  PETITION_WORKFLOW_TYPE,
  type PetitionState,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  routeUpdate,
  stateQuery,
} from '../../src/workflows/messages';
import { shanghaiToday, testEnv } from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';

/**
 * Durable timers on simulated time: the time-skipping test server jumps over the 60 days of D5,
 * while activities write to the run's real PostgreSQL.
 */
let env: TestWorkflowEnvironment;
let pool: Pool;
let worker: Worker;
let running: Promise<void>;
const taskQueue = 'deadline-timers';

const registrar: Actor = { login: 'registrar', unitId: 'qingshan-petition-bureau', roles: ['registrar'] };
const handler: Actor = { login: 'handler', unitId: 'qingshan-housing', roles: ['handler'] };

beforeAll(async () => {
  const testServerPath = process.env.TEMPORAL_TEST_SERVER_PATH;
  env = await TestWorkflowEnvironment.createTimeSkipping(
    testServerPath ? { server: { executable: { type: 'existing-path', path: testServerPath } } } : undefined,
  );
  // The test server starts with no custom search attributes; the workflow upserts ours.
  await addSearchAttributes(env.connection, 'default');
  pool = createPool(testEnv('TEST_DATABASE_URL'));
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') },
    activities: createActivities(pool),
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await pool?.end();
  await env?.teardown();
});

async function startAcceptedPetition(queue = taskQueue) {
  const client = await pool.connect();
  let petitionId: string;
  try {
    petitionId = await insertPetition(
      client,
      {
        bureauUnitId: registrar.unitId,
        channel: 'visit',
        category: 'complaint',
        domain: 'housing',
        receivedOn: shanghaiToday(),
        ruleSetId: 'national-2022',
        subject: 'timer test',
        description: 'timer test',
        petitioner: { name: 'Test' },
        registeredBy: registrar.login,
      },
      new Date().getUTCFullYear(),
    );
  } finally {
    client.release();
  }
  const input: PetitionWorkflowInput = {
    petitionId,
    ruleSetId: 'national-2022',
    channel: 'visit',
    category: 'complaint',
    domain: 'housing',
    receivedOn: shanghaiToday(),
    bureauUnitId: registrar.unitId,
    registeredBy: registrar,
  };
  const handle = await env.client.workflow.start(PETITION_WORKFLOW_TYPE, {
    workflowId: petitionWorkflowId(petitionId),
    taskQueue: queue,
    args: [input],
  });
  await handle.executeUpdate(routeUpdate, { args: [{ actor: registrar, unitId: handler.unitId }] });
  await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: handler }] });
  return { petitionId, handle };
}

it('fires the D5 warnings and, after 60 simulated days, records the automatic supervision notice', async () => {
  const { petitionId, handle } = await startAcceptedPetition();
  const accepted = await handle.query(stateQuery);
  const handleDeadline = accepted.deadlines.find((d) => d.key === 'handle');
  expect(handleDeadline?.status).toBe('running');

  // Waiting on an Update does not skip time; the environment's sleep does.
  await env.sleep('40 days');
  const before = await handle.query(stateQuery);
  expect(before.deadlines.find((d) => d.key === 'handle')?.status).toBe('running');
  expect(before.overdue).toBe(false);

  await env.sleep('25 days');
  const after = await handle.query(stateQuery);
  const handleAfter = after.deadlines.find((d) => d.key === 'handle');
  expect(handleAfter?.status).toBe('overdue');
  expect(handleAfter?.supervisionNoticeAt).toBeDefined();
  // The notice is dated when the deadline passed (its 24:00), not when someone looked.
  expect(new Date(handleAfter!.supervisionNoticeAt!).getTime()).toBeGreaterThanOrEqual(
    new Date(handleAfter!.dueAt).getTime(),
  );
  expect(after.overdue).toBe(true);

  const { rows } = await pool.query(
    `SELECT type, data FROM petition_events WHERE petition_id = $1 AND data->>'key' = 'handle' ORDER BY sequence`,
    [petitionId],
  );
  const types = rows.map((r) => r.type);
  expect(types).toEqual(['deadline-started', 'deadline-warning', 'deadline-warning', 'supervision-notice']);
  expect(rows.filter((r) => r.type === 'deadline-warning').map((r) => r.data.daysBefore)).toEqual([5, 1]);
  expect(rows[3].data).toMatchObject({ key: 'handle', unitId: handler.unitId });

  await saveHistoryIfRequested(handle, 'petition-handle-overdue');
  const projection = await pool.query('SELECT overdue, status FROM petitions WHERE id = $1', [petitionId]);
  expect(projection.rows[0]).toEqual({ overdue: true, status: 'accepted' });
});

it('closes the case when the petitioner’s review window (D7) lapses unused', async () => {
  const { petitionId, handle } = await startAcceptedPetition();
  await handle.executeUpdate(replyUpdate, {
    args: [{ actor: handler, outcome: 'not-supported', opinionDocumentId: 'opinion-1' }],
  });
  const replied = await handle.query(stateQuery);
  expect(replied.status).toBe('replied');
  expect(replied.nextDeadline?.key).toBe('request-review');

  await env.sleep('20 days');
  expect((await handle.query(stateQuery)).status).toBe('replied');

  // The workflow completes once the window is past; its result is the final state.
  const final: PetitionState = await handle.result();
  expect(final.status).toBe('closed');
  expect(final.closedReason).toBe('request-review-window-lapsed');
  expect(final.deadlines.find((d) => d.key === 'request-review')?.status).toBe('lapsed');
  // Only statutory duties of the authorities are supervised: the petitioner's window just closes.
  const { rows } = await pool.query(
    `SELECT type FROM petition_events WHERE petition_id = $1 AND type IN ('window-lapsed', 'closed', 'supervision-notice') ORDER BY sequence`,
    [petitionId],
  );
  expect(rows.map((r) => r.type)).toEqual(['window-lapsed', 'closed']);
  const projection = await pool.query('SELECT status FROM petitions WHERE id = $1', [petitionId]);
  expect(projection.rows[0].status).toBe('closed');
});

it('re-checks a provisional due date before it fires and follows the calendar when it moved', async () => {
  // As if next year's holiday schedule were released while the case runs: every computation of
  // D5 after the first one lands 3 days later and is no longer provisional.
  const real = createActivities(pool);
  let handleComputations = 0;
  const laterCalendar: typeof real = {
    ...real,
    async computeDeadline(input) {
      const result = await real.computeDeadline(input);
      if (input.key !== 'handle' || handleComputations++ === 0) return result;
      const shift = (iso: string) => new Date(new Date(iso).getTime() + 3 * 86_400_000).toISOString();
      const dueAt = shift(result.dueAt).replace('.000Z', 'Z');
      return {
        ...result,
        dueAt,
        dueDate: shift(result.dueAt).slice(0, 10),
        provisional: false,
        calendarVersion: 'test-calendar',
      };
    },
  };
  const queue = 'deadline-timers-recheck';
  const recheckWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: queue,
    workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') },
    activities: laterCalendar,
  });
  await recheckWorker.runUntil(async () => {
    const { petitionId, handle } = await startAcceptedPetition(queue);
    const started = (await handle.query(stateQuery)).deadlines.find((d) => d.key === 'handle')!;
    expect(started.provisional).toBe(true); // 60 days from now ends in a year the data does not cover yet

    await env.sleep('62 days');
    const moved = (await handle.query(stateQuery)).deadlines.find((d) => d.key === 'handle')!;
    expect(moved.status).toBe('running');
    expect(moved.provisional).toBe(false);
    expect(moved.calendarVersion).toBe('test-calendar');
    expect(new Date(moved.dueAt).getTime() - new Date(started.dueAt).getTime()).toBe(3 * 86_400_000);

    await env.sleep('3 days');
    const overdue = (await handle.query(stateQuery)).deadlines.find((d) => d.key === 'handle')!;
    expect(overdue.status).toBe('overdue');
    const { rows } = await pool.query(
      `SELECT type FROM petition_events WHERE petition_id = $1 AND data->>'key' = 'handle' AND type IN ('deadline-recomputed', 'supervision-notice') ORDER BY sequence`,
      [petitionId],
    );
    expect(rows.map((r) => r.type)).toEqual(['deadline-recomputed', 'supervision-notice']);
  });
});
