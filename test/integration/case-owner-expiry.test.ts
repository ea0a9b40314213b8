import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../../src/activities';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { addDays } from '../../src/rules/dates';
import { toShanghaiDate } from '../../src/rules';
import { startTimeSkippingServer } from '../support/time-skipping';
import type { Actor, CaseCommandBody, CommandType } from '../../src/case';
import {
  commandUpdates,
  PETITION_WORKFLOW_TYPE,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  registrationUpdate,
  stateQuery,
} from '../../src/workflows/messages';
import { testEnv } from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';
import { workflowTaskFailures } from '../support/workflow-task-failures';

/**
 * 包案 on simulated time: the case-owning leader's target date passes — warnings, overdue, a supervision
 * notice — on the time-skipping test server, with the activities writing to the run's real PostgreSQL.
 */
let env: TestWorkflowEnvironment;
let pool: Pool;
let worker: Worker;
let running: Promise<void>;
const started: string[] = [];
const taskQueue = 'case-owner-expiry';

const registrar: Actor = { login: 'registrar', unitId: 'qingshan-petition-bureau', roles: ['registrar'] };
const handler: Actor = { login: 'handler', unitId: 'qingshan-housing', roles: ['handler'] };
const head: Actor = { login: 'unit-head', unitId: 'qingshan-housing', roles: ['unit-head', 'handler'] };

beforeAll(async () => {
  env = await startTimeSkippingServer();
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
  const { failures } = env ? await workflowTaskFailures(env.client, started) : { failures: [] };
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await pool?.end();
  await env?.teardown();
  expect(failures).toEqual([]);
});

/** A petition registered on the test server's today (row and workflow), as the API would start it. */
async function startCase() {
  const today = toShanghaiDate(new Date(await env.currentTimeMs()));
  const client = await pool.connect();
  let petitionId: string;
  try {
    petitionId = await insertPetition(
      client,
      {
        bureauUnitId: registrar.unitId,
        channel: 'visit',
        category: 'complaint',
        domain: 'urban-construction.housing',
        domainCategory: 'urban-construction',
        classificationVersion: 'petitionflow-default@2026.1',
        receivedOn: today,
        ruleSetId: 'national-2022',
        subject: '包案测试',
        description: '包案测试',
        petitioner: { name: 'Test' },
        registeredBy: registrar.login,
        petitionerKey: null,
        firstTime: true,
        repeatOf: null,
        finalCaseId: null,
        groupPersons: null,
      },
      Number(today.slice(0, 4)),
    );
  } finally {
    client.release();
  }
  const input: PetitionWorkflowInput = {
    petitionId,
    ruleSetId: 'national-2022',
    channel: 'visit',
    category: 'complaint',
    domain: 'urban-construction.housing',
    receivedOn: today,
    bureauUnitId: registrar.unitId,
    flags: { firstTime: true },
    officeUnitId: 'qingshan-jco',
    registeredBy: registrar,
  };
  const handle = await env.client.workflow.start(PETITION_WORKFLOW_TYPE, {
    workflowId: petitionWorkflowId(petitionId),
    taskQueue,
    args: [input],
  });
  started.push(handle.workflowId);
  await handle.executeUpdate(registrationUpdate);
  const run = <T extends CommandType>(actor: Actor, body: Extract<CaseCommandBody, { type: T }>) =>
    handle.executeUpdate(commandUpdates[body.type], { args: [{ ...body, actor }] });
  const events = async (key: string) => {
    const { rows } = await pool.query(
      `SELECT type, data FROM petition_events WHERE petition_id = $1 AND data->>'key' = $2 ORDER BY sequence`,
      [petitionId, key],
    );
    return rows as Array<{ type: string; data: Record<string, any> }>;
  };
  return { petitionId, handle, run, events, today, state: () => handle.query(stateQuery) };
}

it('warns the leader and the bureau before the target date, and supervises the unit once it passed', async () => {
  const c = await startCase();
  await c.run(registrar, {
    type: 'route',
    unitId: handler.unitId,
    unitName: '青山县住房和城乡建设局',
    mode: 'transfer',
  });
  await c.run(handler, { type: 'accept', procedure: 'normal' });
  const targetDate = addDays(c.today, 10);
  await c.run(head, {
    type: 'setCaseOwner',
    leader: head.login,
    handler: handler.login,
    targetDate,
    taskDocumentId: 'task-1',
  });
  await c.run(head, {
    type: 'recordCaseOwnerWork',
    kind: 'investigation',
    doneOn: c.today,
    noteDocumentId: 'work-1',
  });
  expect((await c.state()).deadlines.find((d) => d.key === 'case-owner-target')).toMatchObject({
    status: 'running',
    dueDate: targetDate,
    responsible: 'case-owning-leader',
  });

  // To 00:00 after the target date, and a day more.
  await env.sleep('12 days');
  const rows = await c.events('case-owner-target');
  expect(rows.map((r) => r.type)).toEqual([
    'deadline-started',
    'deadline-warning',
    'deadline-warning',
    'deadline-overdue',
    'supervision-notice',
  ]);
  expect(rows[1]!.data).toMatchObject({ daysBefore: 7, caseOwningLeader: head.login });
  expect(rows[4]!.data).toMatchObject({
    unitId: handler.unitId,
    caseOwningLeader: head.login,
    itemId: 'case-owner-target-1',
    noticeOn: addDays(targetDate, 1),
  });
  const { rows: notified } = await pool.query(
    `SELECT DISTINCT recipient FROM notifications WHERE petition_id = $1 AND kind IN ('warning', 'supervision-notice')`,
    [c.petitionId],
  );
  expect(notified.map((n: { recipient: string }) => n.recipient)).toEqual(
    expect.arrayContaining([head.login, 'supervisor']),
  );
  const { rows: projection } = await pool.query('SELECT overdue FROM petitions WHERE id = $1', [
    c.petitionId,
  ]);
  expect(projection[0].overdue).toBe(true);

  // The reply settles the matter: the target date is met, late, and its supervision ends.
  await c.run(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'opinion-1' });
  const met = (await c.events('case-owner-target')).pop()!;
  expect(met).toMatchObject({ type: 'deadline-met', data: { late: true, by: 'reply-delivered' } });
  await saveHistoryIfRequested(c.handle, 'case-owner-expiry');
});
