import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../../src/activities';
import { createBacklogActivities } from '../../src/activities/backlog';
import { insertEntry, setOutcome, setTargetDate } from '../../src/db/backlog/entries';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { inTransaction } from '../../src/db/transaction';
import { toShanghaiDate } from '../../src/rules';
import { addDays } from '../../src/rules/dates';
import { startTimeSkippingServer } from '../support/time-skipping';
import {
  BACKLOG_ENTRY_WORKFLOW_TYPE,
  backlogClockQuery,
  backlogEntryWorkflowId,
  closeEntryUpdate,
  retargetUpdate,
} from '../../src/workflows/backlog-messages';
import { testEnv } from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';
import { workflowTaskFailures } from '../support/workflow-task-failures';

/**
 * A backlog entry's target date on simulated time (the time-skipping test server): warnings, a new target
 * date that re-plans them, the 督办 notice and the escalation to the office, then resolution ending the
 * workflow. The activity writes the notifications to the run's real PostgreSQL.
 */
let env: TestWorkflowEnvironment;
let pool: Pool;
let worker: Worker;
let running: Promise<void>;
const started: string[] = [];
const taskQueue = 'backlog-timers';

beforeAll(async () => {
  env = await startTimeSkippingServer();
  pool = createPool(testEnv('TEST_DATABASE_URL'));
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') },
    activities: { ...createActivities(pool), ...createBacklogActivities(pool) },
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

const serverToday = async () => toShanghaiDate(new Date(await env.currentTimeMs()));

/** A case row (the entry's lead case; its own workflow is not needed here) and an entry on it. */
async function entryRow(today: string, targetDate: string) {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      const petitionId = await insertPetition(
        client,
        {
          bureauUnitId: 'qingshan-petition-bureau',
          channel: 'visit',
          category: 'complaint',
          domain: 'urban-construction.housing',
          domainCategory: 'urban-construction',
          classificationVersion: 'petitionflow-default@2026.1',
          receivedOn: today,
          ruleSetId: 'national-2022',
          subject: '积案测试',
          description: '积案测试',
          petitioner: { name: 'Test' },
          registeredBy: 'registrar',
          petitionerKey: null,
          firstTime: true,
          repeatOf: null,
          finalCaseId: null,
          groupPersons: null,
        },
        Number(today.slice(0, 4)),
      );
      const id = `bl-timers-${petitionId.toLowerCase()}`;
      await insertEntry(client, {
        id,
        campaignId: null,
        title: '幸福家园小区办证问题',
        ownerUnitId: 'qingshan-petition-bureau',
        unitId: 'qingshan-housing',
        leader: '县住建局局长',
        cause: '开发商欠缴土地出让金。',
        measures: '督促补缴，分批办证。',
        targetDate,
        registeredOn: today,
        caseIds: [petitionId],
        createdBy: 'supervisor',
        requestId: `req-${id}`,
      });
      return { id, petitionId };
    });
  } finally {
    client.release();
  }
}

async function noticesOf(petitionId: string) {
  const { rows } = await pool.query<{ recipient: string; kind: string; sequence: number; due: string }>(
    `SELECT recipient, kind, sequence, payload->>'dueDate' AS due FROM notifications
      WHERE petition_id = $1 ORDER BY id`,
    [petitionId],
  );
  return rows;
}
const kinds = (rows: Array<{ kind: string; due: string }>) => [
  ...new Set(rows.map((r) => `${r.kind}@${r.due}`)),
];

it('warns before the target date, re-plans on a new one, supervises and escalates, and ends when resolved', async () => {
  const today = await serverToday();
  const target = addDays(today, 10);
  const { id, petitionId } = await entryRow(today, target);
  const handle = await env.client.workflow.start(BACKLOG_ENTRY_WORKFLOW_TYPE, {
    workflowId: backlogEntryWorkflowId(id),
    taskQueue,
    args: [{ entryId: id, targetDate: target, registeredOn: today }],
  });
  started.push(handle.workflowId);

  // Past the warning 7 days before (and not yet the one a day before).
  await env.sleep('5 days');
  expect(kinds(await noticesOf(petitionId))).toEqual([`warning@${target}`]);
  const warned = await noticesOf(petitionId);
  expect(warned.map((n) => n.recipient)).toEqual(
    expect.arrayContaining(['handler', 'unit-head', 'supervisor']),
  );
  // Hung on the lead case below zero: never in the way of the case's own events.
  expect(warned.every((n) => n.sequence < 0)).toBe(true);

  // A new target date: the row first, then the workflow; the ladder of the old date never sounds.
  const later = addDays(today, 30);
  const client = await pool.connect();
  await inTransaction(client, () => setTargetDate(client, id, later)).finally(() => client.release());
  const replanned = await handle.executeUpdate(retargetUpdate, {
    args: [{ targetDate: later, today: await serverToday() }],
  });
  expect(replanned).toMatchObject({ targetDate: later, open: true });

  await env.sleep('20 days'); // past the old date and its 督办 day, to 5 days before the new one
  expect(kinds(await noticesOf(petitionId))).toEqual([`warning@${target}`, `warning@${later}`]);

  await env.sleep('7 days'); // a day after the new date passed
  await env.sleep('10 days'); // and the escalation 10 days after the notice
  const all = await noticesOf(petitionId);
  expect(kinds(all)).toEqual(
    [
      `warning@${target}`,
      `warning@${later}`,
      `warning@${later}`,
      `supervision-notice@${later}`,
      `escalation@${later}`,
    ].filter((k, i, list) => list.indexOf(k) === i),
  );
  expect(all.filter((n) => n.kind === 'escalation').map((n) => n.recipient)).toEqual(
    expect.arrayContaining(['jco', 'supervisor', 'unit-head']),
  );
  const { rows: alarms } = await pool.query(
    'SELECT alarm_key FROM backlog_alarms WHERE entry_id = $1 ORDER BY notice_seq',
    [id],
  );
  expect(alarms.map((a: { alarm_key: string }) => a.alarm_key)).toEqual([
    `warning-7@${target}`,
    `warning-7@${later}`,
    `warning-1@${later}`,
    `supervision-notice@${later}`,
    `escalation@${later}`,
  ]);

  // Resolved: the row, then the workflow, which ends.
  const closing = await pool.connect();
  const on = await serverToday();
  await inTransaction(closing, () => setOutcome(closing, id, 'resolved', on)).finally(() =>
    closing.release(),
  );
  expect(await handle.executeUpdate(closeEntryUpdate)).toMatchObject({ open: false });
  await handle.result();
  expect((await handle.describe()).status.name).toBe('COMPLETED');
  await saveHistoryIfRequested(handle, 'backlog-entry-ladder');
});

it('notifies once when an alarm is written again (a retried activity), and not at all for a stale date', async () => {
  const today = await serverToday();
  const target = addDays(today, 3);
  const { id, petitionId } = await entryRow(today, target);
  const activities = createBacklogActivities(pool);
  const alarm = {
    key: `supervision-notice@${target}`,
    kind: 'supervision-notice' as const,
    on: addDays(target, 1),
    at: 0,
    targetDate: target,
  };
  expect(await activities.fireBacklogAlarm({ entryId: id, alarm })).toBe('recorded');
  expect(await activities.fireBacklogAlarm({ entryId: id, alarm })).toBe('already');
  const stale = { ...alarm, key: 'supervision-notice@2001-01-01', targetDate: '2001-01-01' };
  expect(await activities.fireBacklogAlarm({ entryId: id, alarm: stale })).toBe('stale');
  const notices = await noticesOf(petitionId);
  expect(notices.length).toBe(new Set(notices.map((n) => n.recipient)).size);
  expect(kinds(notices)).toEqual([`supervision-notice@${target}`]);
});

it('holds its clock for a query', async () => {
  const today = await serverToday();
  const { id } = await entryRow(today, addDays(today, 40));
  const handle = await env.client.workflow.start(BACKLOG_ENTRY_WORKFLOW_TYPE, {
    workflowId: backlogEntryWorkflowId(id),
    taskQueue,
    args: [{ entryId: id, targetDate: addDays(today, 40), registeredOn: today }],
  });
  started.push(handle.workflowId);
  expect(await handle.query(backlogClockQuery)).toMatchObject({
    targetDate: addDays(today, 40),
    open: true,
    fired: [],
  });
  await handle.executeUpdate(closeEntryUpdate);
  await handle.result();
});
