import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../../src/activities';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { addDays } from '../../src/rules/dates';
import { casePolicyOf, dueDate, getRuleSet, toShanghaiDate } from '../../src/rules';
import { startTimeSkippingServer } from '../support/time-skipping';
import { type Actor, type CaseCommandBody, type CommandType, decide } from '../../src/case';
import {
  commandUpdates,
  PETITION_WORKFLOW_TYPE,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  registrationUpdate,
  stateQuery,
} from '../../src/workflows/messages';
import * as attrs from '../../src/workflows/search-attributes';
import { startTestApp, type TestApp, testEnv } from '../support/harness';
import { deadlineOf, PetitionFlow } from '../support/petition-flow';
import { saveHistoryIfRequested } from '../support/histories';
import { type AsOf, morningOf, timeSkippingDates } from '../support/as-of';
import { workflowTaskFailures } from '../support/workflow-task-failures';

/**
 * Durable timers on simulated time: the time-skipping test server jumps over weeks of deadlines, while
 * the (local) activities write to the run's real PostgreSQL.
 */
let env: TestWorkflowEnvironment;
let pool: Pool;
let worker: Worker;
let running: Promise<void>;
/** The workflows of the current test server: none may have a failed workflow task when it stops. */
let started: string[] = [];
const taskQueue = 'deadline-timers';
const national = getRuleSet('national-2022');

const registrar: Actor = { login: 'registrar', unitId: 'qingshan-petition-bureau', roles: ['registrar'] };
const handler: Actor = { login: 'handler', unitId: 'qingshan-housing', roles: ['handler'] };
const head: Actor = { login: 'unit-head', unitId: 'qingshan-housing', roles: ['unit-head', 'handler'] };

/** A fresh time-skipping server (its clock only moves forward), skipped to `asOf`'s morning when given. */
async function startEnvironment(asOf?: AsOf): Promise<void> {
  env = await startTimeSkippingServer();
  pool = createPool(testEnv('TEST_DATABASE_URL'));
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: testEnv('TEST_WORKFLOW_BUNDLE') },
    activities: createActivities(pool),
  });
  running = worker.run();
  started = [];
  if (asOf) await env.sleep(morningOf(asOf.date) - (await env.currentTimeMs()));
}

async function stopEnvironment(): Promise<void> {
  const { failures } = env ? await workflowTaskFailures(env.client, started) : { failures: [] };
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await pool?.end();
  await env?.teardown();
  expect(failures).toEqual([]);
}

/** A registered petition (row and workflow), as the API would start it, on the test server's today. */
async function startCase() {
  // Earlier tests skipped the server's clock ahead: its today, not the machine's, is the case's today.
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
        subject: 'timer test',
        description: 'timer test',
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
  // As the API does: no command before the registration is settled (a loaded worker may see the first
  // command in the same task as the start, and the workflow refuses it with retry_later).
  await handle.executeUpdate(registrationUpdate);
  const run = <T extends CommandType>(actor: Actor, body: Extract<CaseCommandBody, { type: T }>) =>
    handle.executeUpdate(commandUpdates[body.type], { args: [{ ...body, actor }] });
  const state = () => handle.query(stateQuery);
  const deadline = async (key: string) => (await state()).deadlines.filter((d) => d.key === key).pop();
  const events = async (key?: string) => {
    const { rows } = await pool.query(
      `SELECT type, data FROM petition_events WHERE petition_id = $1 AND ($2::text IS NULL OR data->>'key' = $2) ORDER BY sequence`,
      [petitionId, key ?? null],
    );
    return rows as Array<{ type: string; data: Record<string, any> }>;
  };
  return { petitionId, handle, run, state, deadline, events, today };
}

const route = {
  type: 'route',
  unitId: handler.unitId,
  unitName: '青山县住房和城乡建设局',
  mode: 'transfer',
} as const;

/** Days from the server's today until 00:00 after the due date, plus a margin in hours. */
function daysUntilPast(today: string, dueDateValue: string): string {
  const days = (Date.parse(dueDateValue) - Date.parse(today)) / 86_400_000 + 1;
  return `${days} days`;
}

async function waitForEvent(app: TestApp, id: string, type: string, key: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await app.pool.query(
      `SELECT 1 FROM petition_events WHERE petition_id = $1 AND type = $2 AND data->>'key' = $3`,
      [id, type, key],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${type} of ${key} in ${id}`);
}

describe('as of today', () => {
  beforeAll(() => startEnvironment());
  afterAll(stopEnvironment);
  // Only as of today, first: the API's today is the machine's, so the server's clock must not have moved yet.
  it('refuses an evaluation through the petitioner endpoint once its 15 d have passed (422, with the last day)', async () => {
    const app = await startTestApp('deadline-timers-http', { temporalAddress: env.address });
    let id: string | undefined;
    try {
      const flow = new PetitionFlow(app);
      id = await flow.accepted();
      const detail = await flow.get('registrar', id);
      const window = deadlineOf(detail, 'evaluation', 'running');
      expect(window.dueDate).toBe(dueDate(national, 'evaluation', detail.acceptedOn).dueDate);
      await env.sleep(daysUntilPast(toShanghaiDate(new Date(await env.currentTimeMs())), window.dueDate));
      // The window's expiry is processed before the petitioner comes back.
      await waitForEvent(app, id, 'deadline-lapsed', 'evaluation');
      const late = await app.request('', 'POST', '/api/public/evaluations', {
        petitionId: id,
        queryCode: detail.queryCode,
        subject: 'acceptance-notice',
        grade: 'satisfied',
      });
      expect([late.status, late.body.error.code]).toEqual([422, 'deadline_passed']);
      expect(late.body.error.message).toContain(window.dueDate);
      const after = await flow.get('registrar', id);
      expect(after.timeline.map((e: { type: string }) => e.type)).not.toContain('evaluated');
    } finally {
      // Its worker goes with the app: a case left running would hold the server's clock at its next timer.
      if (id) await env.client.workflow.getHandle(petitionWorkflowId(id)).terminate('test finished');
      await app.stop();
    }
  });

  timerTests();
});

for (const asOf of timeSkippingDates()) {
  describe(`as of ${asOf.date}, ${asOf.label}`, () => {
    beforeAll(() => startEnvironment(asOf));
    afterAll(stopEnvironment);
    it('starts its cases on that date', async () => {
      expect(toShanghaiDate(new Date(await env.currentTimeMs()))).toBe(asOf.date);
    });
    timerTests(asOf);
  });
}

/** Every timer test, on whatever date the server's clock stands at when it starts. */
function timerTests(asOf?: AsOf): void {
  // The released histories are recorded as of today only (a fixture is written once).
  const saveHistory: typeof saveHistoryIfRequested = (handle, name) =>
    asOf ? Promise.resolve() : saveHistoryIfRequested(handle, name);

  it('moves D5 by an approved extension of 20 d, counted from the original start, and supervises only after it', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    const original = (await c.deadline('handle'))!;
    await c.run(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'reason-1' });
    await c.run(head, { type: 'approveExtension', extensionId: 'ext-1' });
    const extended = (await c.deadline('handle'))!;
    const expected = dueDate(national, 'handle', c.today, { extensionDays: 20 });
    expect(extended).toMatchObject({ startDate: c.today, extensionDays: 20, dueDate: expected.dueDate });
    // 80 d from today spans New Year and the Spring Festival; where the official schedule of that year is
    // not in the calendar data yet the date is provisional and re-checked before it fires.
    expect(extended.provisional).toBe(expected.provisional);
    // 60 + 20 calendar days from the start, moved only forward (to a working day), never back.
    expect(extended.dueDate >= addDays(c.today, 80)).toBe(true);
    expect(extended.dueDate > original.dueDate).toBe(true);

    await env.sleep(daysUntilPast(c.today, original.dueDate));
    expect((await c.deadline('handle'))?.status).toBe('running');
    await env.sleep(daysUntilPast(original.dueDate, extended.dueDate));
    const after = (await c.deadline('handle'))!;
    expect(after.status).toBe('overdue');
    const handleEvents = (await c.events('handle')).map((e) => e.type);
    expect(handleEvents.filter((t) => t === 'supervision-notice')).toHaveLength(1);
    expect(handleEvents).toEqual(
      expect.arrayContaining(['deadline-started', 'deadline-extended', 'deadline-overdue']),
    );
    await saveHistory(c.handle, 'case-extension-overdue');
  });

  it('runs the simplified procedure to its 10 working days', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'simplified' });
    const simplified = (await c.deadline('handle-simplified'))!;
    expect(simplified.dueDate).toBe(dueDate(national, 'handle-simplified', c.today).dueDate);
    await env.sleep(daysUntilPast(c.today, addDays(simplified.dueDate, -1)));
    expect((await c.deadline('handle-simplified'))?.status).toBe('running');
    await env.sleep('2 days');
    expect((await c.deadline('handle-simplified'))?.status).toBe('overdue');
    expect((await c.events('handle-simplified')).map((e) => e.type)).toContain('supervision-notice');
  });

  it('lets the objection window lapse and leaves the case with the handling unit', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    const window = (await c.deadline('object'))!;
    await env.sleep(daysUntilPast(c.today, window.dueDate));
    const state = await c.state();
    expect(state).toMatchObject({ status: 'transferred', handlingUnitId: handler.unitId });
    expect((await c.deadline('object'))?.status).toBe('lapsed');
    expect((await c.events('object')).map((e) => e.type)).toEqual([
      'deadline-started',
      'deadline-warning',
      'deadline-lapsed',
    ]);
    const { rows } = await pool.query('SELECT status, handling_unit_id FROM petitions WHERE id = $1', [
      c.petitionId,
    ]);
    expect(rows[0]).toEqual({ status: 'transferred', handling_unit_id: handler.unitId });
    await saveHistory(c.handle, 'case-objection-window-lapsed');
  });

  it('closes the case when the review window (D7) lapses unused', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    await c.run(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'opinion-1' });
    await c.run(handler, { type: 'recordReturnVisit', reached: false, noteDocumentId: 'visit-1' });
    const window = (await c.deadline('request-review'))!;
    await env.sleep('20 days');
    expect((await c.state()).status).toBe('replied');
    await c.handle.result(); // the workflow ends once the case is closed
    const { rows } = await pool.query(
      `SELECT status, closed_reason, case_state->'closure' AS closure FROM petitions WHERE id = $1`,
      [c.petitionId],
    );
    expect(rows[0]).toMatchObject({
      status: 'closed',
      closed_reason: 'window-lapsed',
      closure: { deadlineKey: 'request-review' },
    });
    const types = (await c.events()).map((e) => e.type);
    // Whatever still ran when it closed is cancelled after the closure.
    expect(types.filter((t) => t !== 'deadline-cancelled').slice(-2)).toEqual(['deadline-lapsed', 'closed']);
    expect(types).not.toContain('supervision-notice');
    expect(window.dueDate).toBe(dueDate(national, 'request-review', c.today).dueDate);
    await saveHistory(c.handle, 'case-review-window-lapsed');
  });

  it('warns before D4 of an assigned matter and issues a supervision notice when it passes', async () => {
    const c = await startCase();
    await c.run(registrar, { ...route, mode: 'assign', reportDays: 10 });
    const d4 = (await c.deadline('report-assigned'))!;
    expect(d4.dueDate).toBe(dueDate(national, 'report-assigned', c.today, { lengthDays: 10 }).dueDate);
    await env.sleep(daysUntilPast(c.today, d4.dueDate));
    const rows = await c.events('report-assigned');
    expect(rows.map((r) => r.type)).toEqual([
      'deadline-started',
      'deadline-warning',
      'deadline-warning',
      'deadline-overdue',
      'supervision-notice',
    ]);
    expect(rows.filter((r) => r.type === 'deadline-warning').map((r) => r.data.daysBefore)).toEqual([5, 1]);
    expect(rows[4]!.data).toMatchObject({ key: 'report-assigned', unitId: handler.unitId });
    const { rows: projection } = await pool.query('SELECT overdue FROM petitions WHERE id = $1', [
      c.petitionId,
    ]);
    expect(projection[0].overdue).toBe(true);
    await saveHistory(c.handle, 'case-assigned-overdue');
  });

  const cityHousing: Actor = { login: 'city-handler', unitId: 'yunzhou-housing', roles: ['handler'] };
  const provinceHousing: Actor = {
    login: 'province-handler',
    unitId: 'dongling-housing',
    roles: ['handler'],
  };
  const reviewBody = { bodyUnitId: cityHousing.unitId, bodyName: '云州市住房和城乡建设局' };
  const reexaminationBody = { bodyUnitId: provinceHousing.unitId, bodyName: '东岭省住房和城乡建设厅' };

  async function repliedCase(daysToHandle = 0) {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    if (daysToHandle > 0) await env.sleep(`${daysToHandle} days`);
    await c.run(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'opinion-1' });
    return c;
  }

  const serverToday = async () => toShanghaiDate(new Date(await env.currentTimeMs()));

  it('runs reply → review → re-examination with a 12-day hearing → final over months of simulated time', async () => {
    const started = Date.now();
    // About 200 days: handled in 55, reviewed within 25 + 28, re-examined within 25 + 5 + 12 + 25.
    const c = await repliedCase(55);
    await env.sleep('25 days');
    await c.run(cityHousing, { type: 'requestReview', ...reviewBody });
    const requestedOn = await serverToday();
    expect((await c.deadline('review'))?.dueDate).toBe(dueDate(national, 'review', requestedOn).dueDate);
    await env.sleep('28 days');
    await c.run(cityHousing, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'review-1' });
    const deliveredOn = await serverToday();
    expect((await c.deadline('request-reexamination'))?.dueDate).toBe(
      dueDate(national, 'request-reexamination', deliveredOn).dueDate,
    );
    await env.sleep('25 days');
    await c.run(provinceHousing, { type: 'requestReexamination', ...reexaminationBody });
    const reexaminationOn = await serverToday();
    await env.sleep('5 days');
    await c.run(provinceHousing, { type: 'openHearing' });
    await env.sleep('11 days');
    expect((await c.deadline('reexamine'))?.status).toBe('paused');
    await c.run(provinceHousing, { type: 'closeHearing', hearingId: 'hearing-1' });
    const reexamine = (await c.deadline('reexamine'))!;
    expect(reexamine).toMatchObject({
      status: 'running',
      pausedDays: 12,
      dueDate: dueDate(national, 'reexamine', reexaminationOn, { pausedDays: 12 }).dueDate,
    });
    await env.sleep('25 days');
    await c.run(provinceHousing, {
      type: 'reexaminationOpinion',
      outcome: 'upheld',
      opinionDocumentId: 'final-1',
    });
    await c.handle.result();
    const { rows } = await pool.query('SELECT status, closed_reason FROM petitions WHERE id = $1', [
      c.petitionId,
    ]);
    expect(rows[0]).toEqual({ status: 'closed', closed_reason: 'final' });
    console.log(`review chain on simulated time: ${Date.now() - started} ms of wall time`);
    await saveHistory(c.handle, 'case-review-chain-timers');
  });

  it('refuses a review request after D7 with the date the window ended', async () => {
    const c = await repliedCase();
    const window = (await c.deadline('request-review'))!;
    // A last day on a weekend rolls forward: sleep to past the due date the case computed.
    await env.sleep(daysUntilPast(await serverToday(), window.dueDate));
    expect((await c.state()).closure).toMatchObject({
      reason: 'window-lapsed',
      deadlineKey: 'request-review',
    });
    // The workflow has ended; the API then decides the refusal on the read model (422 naming the last day).
    await expect(c.run(cityHousing, { type: 'requestReview', ...reviewBody })).rejects.toThrow(/not found/);
    const { rows } = await pool.query('SELECT case_state FROM petitions WHERE id = $1', [c.petitionId]);
    const policy = casePolicyOf(national);
    const command = { type: 'requestReview', ...reviewBody, actor: cityHousing } as const;
    expect(decide(rows[0].case_state, command, { today: await serverToday(), policy })).toEqual({
      ok: false,
      refusal: expect.objectContaining({
        code: 'deadline_passed',
        message: expect.stringContaining(window.dueDate),
      }),
    });
  });

  it('warns before D8 and sends the supervision notice to the review body when it passes', async () => {
    const c = await repliedCase();
    await c.run(cityHousing, { type: 'requestReview', ...reviewBody });
    await env.sleep(daysUntilPast(await serverToday(), (await c.deadline('review'))!.dueDate));
    const rows = await c.events('review');
    expect(rows.map((r) => r.type)).toEqual([
      'deadline-started',
      'deadline-warning',
      'deadline-warning',
      'deadline-overdue',
      'supervision-notice',
    ]);
    expect(rows[4]!.data).toMatchObject({ key: 'review', unitId: cityHousing.unitId });
  });

  const office: Actor = { login: 'jco', unitId: 'qingshan-jco', roles: ['jco'] };

  /** The ladder's events of a case, as "type item reason", in order. */
  async function ladderOf(c: Awaited<ReturnType<typeof startCase>>) {
    const { rows } = await pool.query(
      `SELECT type, data, to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on
       FROM petition_events WHERE petition_id = $1
        AND type IN ('supervision-notice', 'escalated', 'supervision-listed', 'listing-overdue')
      ORDER BY sequence`,
      [c.petitionId],
    );
    return rows.map((r) => [r.on, r.type, r.data.itemId, r.data.reason].filter(Boolean).join(' '));
  }

  it('climbs the ladder: D5 passes → notice → feedback overdue → office → listing → correction overdue, each once', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    const d5 = (await c.deadline('handle'))!;
    await env.sleep(daysUntilPast(c.today, d5.dueDate));
    const noticeOn = addDays(d5.dueDate, 1);
    const feedback = (await c.deadline('supervision-feedback'))!;
    expect(feedback).toMatchObject({
      status: 'running',
      startDate: noticeOn,
      dueDate: dueDate(national, 'supervision-feedback', noticeOn).dueDate,
    });
    await env.sleep(daysUntilPast(noticeOn, feedback.dueDate));
    const escalatedOn = addDays(feedback.dueDate, 1);
    expect((await c.handle.describe()).typedSearchAttributes.get(attrs.SupervisionLevel)).toBe('office');
    const correctBy = addDays(escalatedOn, 10);
    await c.run(office, {
      type: 'listSupervision',
      itemId: 'handle-1',
      correctBy,
      noteDocumentId: 'listing-1',
    });
    await env.sleep('12 days');
    await env.sleep('30 days');
    expect(await ladderOf(c)).toEqual([
      `${noticeOn} supervision-notice handle-1`,
      `${escalatedOn} escalated handle-1 feedback-overdue`,
      `${escalatedOn} supervision-listed handle-1`,
      `${addDays(correctBy, 1)} listing-overdue handle-1`,
    ]);
    expect((await c.handle.describe()).typedSearchAttributes.get(attrs.SupervisionLevel)).toBe('listed');
    const { rows } = await pool.query(
      `SELECT level, status, listing_overdue FROM supervision_items WHERE id = $1`,
      [`${c.petitionId}.handle-1`],
    );
    expect(rows).toEqual([{ level: 'listed', status: 'open', listing_overdue: true }]);
    await saveHistory(c.handle, 'case-supervision-ladder');
  });

  it('stops the ladder when the unit answers in time', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    const d5 = (await c.deadline('handle'))!;
    await env.sleep(daysUntilPast(c.today, d5.dueDate));
    const noticeOn = addDays(d5.dueDate, 1);
    await c.run(handler, {
      type: 'supervisionFeedback',
      itemId: 'handle-1',
      reportDocumentId: 'report-1',
      targetDate: addDays(noticeOn, 30),
    });
    await c.run(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'opinion-1' });
    await env.sleep('25 days');
    // Past the feedback deadline and 15 d overdue: nothing more for D5 (the return visit has its own ladder).
    expect((await ladderOf(c)).filter((rung) => rung.includes('handle-1'))).toEqual([
      `${noticeOn} supervision-notice handle-1`,
    ]);
    expect((await c.state()).supervision?.[0]).toMatchObject({ status: 'resolved' });
  });

  it('sends an objection unsettled after 10 working days to the office', async () => {
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'object', reasonDocumentId: 'objection-1' });
    const settle = (await c.deadline('settle-objection'))!;
    expect(settle.dueDate).toBe(dueDate(national, 'settle-objection', c.today).dueDate);
    await env.sleep(daysUntilPast(c.today, settle.dueDate));
    const ladder = await ladderOf(c);
    expect(ladder.filter((rung) => rung.includes('escalated'))).toEqual([
      `${addDays(settle.dueDate, 1)} escalated decide-objection-1 objection-unsettled`,
    ]);
    await c.run(office, { type: 'settleObjection', decision: 'upheld', noteDocumentId: 'settled-1' });
    expect((await c.state()).status).toBe('transferred');
  });

  it('sends an objection to the office once: its target date missed, it is not escalated again unsettled', async () => {
    const supervisor: Actor = {
      login: 'supervisor',
      unitId: 'qingshan-petition-bureau',
      roles: ['supervisor'],
    };
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'object', reasonDocumentId: 'objection-1' });
    const decide = (await c.deadline('decide-objection'))!;
    const settle = (await c.deadline('settle-objection'))!;
    await env.sleep(daysUntilPast(c.today, decide.dueDate));
    // The bureau answers the notice with a target date the day after, and misses it.
    const noticeOn = addDays(decide.dueDate, 1);
    const targetDate = addDays(noticeOn, 1);
    expect(targetDate < settle.dueDate).toBe(true);
    await c.run(supervisor, {
      type: 'supervisionFeedback',
      itemId: 'decide-objection-1',
      reportDocumentId: 'report-1',
      targetDate,
    });
    await env.sleep(daysUntilPast(noticeOn, settle.dueDate));
    expect((await ladderOf(c)).filter((rung) => rung.includes('escalated'))).toEqual([
      `${addDays(targetDate, 1)} escalated decide-objection-1 target-missed`,
    ]);
    await c.run(office, { type: 'settleObjection', decision: 'upheld', noteDocumentId: 'settled-1' });
    expect((await c.state()).status).toBe('transferred');
    await saveHistory(c.handle, 'case-objection-escalated-once');
  });

  it('supervises by hand (Art 40) a case not overdue: answered, the 督办 ends; an unanswered 交办 climbs, each rung once', async () => {
    const supervisor: Actor = { login: 'supervisor', unitId: registrar.unitId, roles: ['supervisor'] };
    const c = await startCase();
    await c.run(registrar, route);
    await c.run(handler, { type: 'accept', procedure: 'normal' });
    await c.run(supervisor, {
      type: 'supervise',
      kind: 'supervise',
      ground: 'delaying',
      noteDocumentId: 'manual-notice-1',
    });
    await c.run(office, { type: 'supervise', kind: 'assign', noteDocumentId: 'manual-notice-2' });
    // The feedback date is the rule set's: national-2022's supervision.manual, counted from the notice.
    const feedbackDue = addDays(c.today, national.supervision.manual!.feedbackDays);
    expect((await c.state()).supervision?.map((i) => [i.id, i.source, i.kind, i.feedbackDue])).toEqual([
      ['manual-1', 'manual', 'supervise', feedbackDue],
      ['manual-2', 'joint-conference', 'assign', feedbackDue],
    ]);
    await env.sleep('3 days');
    const answeredOn = addDays(c.today, 3);
    await c.run(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-1',
      reportDocumentId: 'manual-report-1',
      targetDate: addDays(answeredOn, 20),
    });
    await env.sleep(daysUntilPast(answeredOn, feedbackDue));
    const escalatedOn = addDays(feedbackDue, 1);
    expect((await c.handle.describe()).typedSearchAttributes.get(attrs.SupervisionLevel)).toBe('office');
    const correctBy = addDays(escalatedOn, 5);
    await c.run(office, {
      type: 'listSupervision',
      itemId: 'manual-2',
      correctBy,
      noteDocumentId: 'manual-listing-2',
    });
    await env.sleep('7 days');
    await env.sleep('7 days');
    const lateOn = addDays(escalatedOn, 14);
    await c.run(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-2',
      reportDocumentId: 'manual-report-2',
      targetDate: addDays(lateOn, 10),
    });
    // Past the listing and the late answer, still within D5 (60 d): nothing more climbs.
    await env.sleep('5 days');
    expect(await ladderOf(c)).toEqual([
      `${escalatedOn} escalated manual-2 feedback-overdue`,
      `${escalatedOn} supervision-listed manual-2`,
      `${addDays(correctBy, 1)} listing-overdue manual-2`,
    ]);
    expect((await c.state()).supervision).toMatchObject([
      { id: 'manual-1', status: 'resolved', endedOn: answeredOn },
      { id: 'manual-2', level: 'listed', status: 'resolved', endedOn: lateOn },
    ]);
    const { rows } = await pool.query(
      `SELECT item_id, source, kind, ground, status FROM supervision_items WHERE petition_id = $1 ORDER BY item_id`,
      [c.petitionId],
    );
    expect(rows).toEqual([
      { item_id: 'manual-1', source: 'manual', kind: 'supervise', ground: 'delaying', status: 'resolved' },
      { item_id: 'manual-2', source: 'joint-conference', kind: 'assign', ground: null, status: 'resolved' },
    ]);
    await saveHistory(c.handle, 'case-manual-supervision');
  });
}
