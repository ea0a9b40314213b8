import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Pool } from 'pg';
import { type Actor, type CaseCommandBody, type CommandType } from '../../src/case';
import { createPool } from '../../src/db/pool';
import { insertPetition } from '../../src/db/petitions';
import { loadStoredRulebook } from '../../src/db/rulebook-load';
import { addOfficialYear } from '../../src/domain/rulebook/add-year';
import { releaseRuleSet } from '../../src/domain/rulebook/release';
import { calendarCandidate, calendarImpact } from '../../src/domain/rules-impact';
import { listRunningCases } from '../../src/db/running-cases';
import { calendarWithAddedYear } from '../../src/rules';
import { dueDate, getRuleSet, officialCalendarYears, toShanghaiDate } from '../../src/rules';
import { addDays, yearOf } from '../../src/rules/dates';
import { startTimeSkippingServer } from '../support/time-skipping';
import {
  commandUpdates,
  PETITION_WORKFLOW_TYPE,
  type PetitionWorkflowInput,
  petitionWorkflowId,
  registrationUpdate,
  stateQuery,
} from '../../src/workflows/messages';
import { startTestApp, type TestApp, testEnv } from '../support/harness';
import { deadlineOf, PetitionFlow } from '../support/petition-flow';
import { workflowTaskFailures } from '../support/workflow-task-failures';
import { saveHistoryIfRequested } from '../support/histories';
import { morningOf } from '../support/as-of';
import { buildProgram } from '../../src/cli/main';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The rulebook store end to end (issue 21): a rule-set release beside the pinned versions, a transitional
 * version that running cases adopt, and an official year added while a case's 60-day limit is provisional.
 * On a time-skipping server of its own, so a re-plan reaches only the cases of this file (the read model's
 * other running cases are not on it: they are reported as not running). Everything added to the store is
 * removed at the end and the rules data loaded again: the other tests share the database.
 */
let env: TestWorkflowEnvironment;
let app: TestApp;
let owner: Pool;
const started: string[] = [];
const taskQueue = 'rulebook';
const RULE_SET = 'national-2022';
const NEXT = '90.0.0';
const TRANSITIONAL = '90.1.0';
const addedYears: number[] = [];

const registrar: Actor = { login: 'registrar', unitId: 'qingshan-petition-bureau', roles: ['registrar'] };
const handler: Actor = { login: 'handler', unitId: 'qingshan-housing', roles: ['handler'] };
const route = {
  type: 'route',
  unitId: handler.unitId,
  unitName: '青山县住房和城乡建设局',
  mode: 'transfer',
} as const;

async function cleanStore(): Promise<void> {
  await owner.query('DELETE FROM rule_set_releases WHERE id = $1 AND version = ANY($2)', [
    RULE_SET,
    [NEXT, TRANSITIONAL],
  ]);
  await owner.query('DELETE FROM official_calendar_years WHERE year = ANY($1)', [addedYears]);
  await loadStoredRulebook(owner);
}

beforeAll(async () => {
  owner = createPool(testEnv('TEST_DATABASE_URL'));
  await cleanStore();
  env = await startTimeSkippingServer();
  app = await startTestApp(taskQueue, { temporalAddress: env.address });
});

afterAll(async () => {
  const { failures } = env ? await workflowTaskFailures(env.client, started) : { failures: [] };
  for (const id of started)
    await env.client.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => {});
  await app?.stop();
  await env?.teardown();
  await cleanStore();
  await owner.end();
  expect(failures).toEqual([]);
});

/** A registered and accepted case (row and workflow, as the API starts it) on the test server's today. */
async function acceptedCase() {
  const today = toShanghaiDate(new Date(await env.currentTimeMs()));
  const client = await app.pool.connect();
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
        ruleSetId: RULE_SET,
        subject: 'rulebook test',
        description: 'rulebook test',
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
    ruleSetId: RULE_SET,
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
  await run(registrar, route);
  await run(handler, { type: 'accept', procedure: 'normal' });
  const handleDeadline = async () =>
    (await handle.query(stateQuery)).deadlines.filter((d) => d.key === 'handle').pop()!;
  return { petitionId, handle, handleDeadline };
}

/** The case as the API shows it (read model): its deadlines and its timeline. */
const detailOf = (id: string) => new PetitionFlow(app).get('registrar', id);

it('keeps a running case on its version after a release, gives a new case the new one, and moves running cases onto a transitional version (audited)', async () => {
  const running = await acceptedCase();
  const before = await running.handleDeadline();
  const pinned = before.ruleSetVersion;

  const plain = await releaseRuleSet(
    app.pool,
    env.client,
    {
      extends: `${RULE_SET}@${pinned}`,
      id: RULE_SET,
      version: NEXT,
      deadlines: [{ key: 'handle', length: 45 }],
    },
    'test',
  );
  expect([plain.ruleSet.version, plain.replan]).toEqual([NEXT, undefined]);
  expect(await running.handleDeadline()).toMatchObject({ dueDate: before.dueDate, ruleSetVersion: pinned });

  const fresh = await acceptedCase();
  const freshBefore = await fresh.handleDeadline();
  expect(freshBefore).toMatchObject({
    ruleSetVersion: NEXT,
    dueDate: dueDate(getRuleSet(RULE_SET, NEXT), 'handle', freshBefore.startDate).dueDate,
  });
  expect(freshBefore.dueDate).not.toBe(
    dueDate(getRuleSet(RULE_SET, pinned), 'handle', freshBefore.startDate).dueDate,
  );

  // A version not newer than the latest, and a broken file: refused, nothing stored.
  await expect(
    releaseRuleSet(
      app.pool,
      env.client,
      { extends: `${RULE_SET}@${pinned}`, id: RULE_SET, version: NEXT },
      'test',
    ),
  ).rejects.toThrow(/not newer than the loaded 90\.0\.0/);
  await expect(
    releaseRuleSet(
      app.pool,
      env.client,
      {
        extends: `${RULE_SET}@${NEXT}`,
        id: RULE_SET,
        version: '91.0.0',
        deadlines: [{ key: 'handle', length: -1 }],
      },
      'test',
    ),
  ).rejects.toThrow(/deadlines\[handle\]\.length/);
  const { rows } = await owner.query('SELECT version FROM rule_set_releases WHERE id = $1 ORDER BY release', [
    RULE_SET,
  ]);
  expect(rows.map((r) => r.version)).toEqual([NEXT]);

  const citation = 'test transitional provision';
  const transitional = await releaseRuleSet(
    app.pool,
    env.client,
    {
      extends: `${RULE_SET}@${NEXT}`,
      id: RULE_SET,
      version: TRANSITIONAL,
      deadlines: [{ key: 'handle', length: 50 }],
      transitional: { appliesToRunningCases: true, citation },
    },
    'test',
  );
  const expected = (start: string) => dueDate(getRuleSet(RULE_SET, TRANSITIONAL), 'handle', start).dueDate;
  const mine = transitional.replan!.moved.filter((m) =>
    [running.petitionId, fresh.petitionId].includes(m.petitionId),
  );
  expect(mine.filter((m) => m.key === 'handle')).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        petitionId: running.petitionId,
        dueBefore: before.dueDate,
        dueAfter: expected(before.startDate),
      }),
      expect.objectContaining({
        petitionId: fresh.petitionId,
        dueBefore: freshBefore.dueDate,
        dueAfter: expected(freshBefore.startDate),
      }),
    ]),
  );
  const detail = await detailOf(running.petitionId);
  expect(deadlineOf(detail, 'handle', 'running')).toMatchObject({
    dueDate: expected(before.startDate),
    ruleSetVersion: TRANSITIONAL,
  });
  const types = detail.timeline.map((e: { type: string }) => e.type);
  const adopted = detail.timeline.find((e: { type: string }) => e.type === 'rule-set-adopted');
  expect(adopted).toMatchObject({
    actor: 'test',
    data: { ruleSetVersion: TRANSITIONAL, previousVersion: pinned, citation },
  });
  const recomputed = detail.timeline.find(
    (e: { type: string; data: { key?: string } }) =>
      e.type === 'deadline-recomputed' && e.data.key === 'handle',
  );
  expect(recomputed.data).toMatchObject({ ruleSetVersion: TRANSITIONAL, previousDueAt: before.dueAt });
  expect(types.indexOf('rule-set-adopted')).toBeLessThan(types.indexOf('deadline-recomputed'));

  // Asked again, a case moves nothing (the version is its own now).
  expect(
    await running.handle.executeUpdate('replan', { args: [{ ruleSetVersion: TRANSITIONAL }] }),
  ).toMatchObject({ moves: [] });
  await saveHistoryIfRequested(running.handle, 'case-rule-set-adopted');
  for (const c of [running, fresh]) {
    await c.handle.terminate('done with this case');
  }
});

it('moves a provisional 60-day limit to the official date once its year is added (the provisional re-check, time-skipping)', async () => {
  // The limit must run into a year without an official schedule: from 10 January of the first such year on.
  const openYear = officialCalendarYears().at(-1)! + 1;
  const today = toShanghaiDate(new Date(await env.currentTimeMs()));
  if (today < `${openYear}-01-10`)
    await env.sleep(morningOf(`${openYear}-01-10`) - (await env.currentTimeMs()));

  const c = await acceptedCase();
  const others = [await acceptedCase(), await acceptedCase()];
  const before = await c.handleDeadline();
  const shown = deadlineOf(await detailOf(c.petitionId), 'handle', 'running');
  expect(shown).toMatchObject({ provisional: true, dueDate: before.dueDate });

  // The year's notice, built from the case's own provisional due date: a holiday on it, so it must move.
  const year = yearOf(before.dueDate);
  const holidayEnd =
    yearOf(addDays(before.dueDate, 2)) === year ? addDays(before.dueDate, 2) : before.dueDate;
  const yearFile = {
    year,
    notice: 'test notice',
    published: `${year - 1}-11-01`,
    holidays: [{ name: 'Test break', nameZh: '测试假期', from: before.dueDate, to: holidayEnd }],
    makeUpWorkdays: [],
  };
  // What `rules impact --calendar` lists before the year is added …
  const preview = calendarImpact(
    await listRunningCases(app.pool, { withProvisionalDeadline: true }),
    calendarWithAddedYear(calendarCandidate(yearFile, officialCalendarYears())),
    toShanghaiDate(new Date(await env.currentTimeMs())),
  );
  addedYears.push(year);
  const added = await addOfficialYear(app.pool, env.client, yearFile, 'test');
  // … is what `calendar add-year` moves: every date it listed, no other. The read model's other running
  // cases live on the run's other server (not running here), so the comparison leaves them out.
  const unreachable = new Set(added.replan.failed.map((f) => f.petitionId));
  const listed = preview.moves
    .filter((m) => !unreachable.has(m.petitionId))
    .map((m) => `${m.petitionId} ${m.key} ${m.dueDateBefore}→${m.dueDateAfter}`);
  const moved = added.replan.moved
    .filter((m) => m.dateChanged)
    .map((m) => `${m.petitionId} ${m.key} ${m.dueBefore}→${m.dueAfter}`);
  expect(moved.sort()).toEqual(listed.sort());
  for (const id of [c.petitionId, ...others.map((o) => o.petitionId)]) {
    expect(unreachable.has(id)).toBe(false);
    expect(moved.filter((line) => line.startsWith(`${id} handle `))).toHaveLength(1);
  }
  const official = dueDate(getRuleSet(RULE_SET, before.ruleSetVersion), 'handle', before.startDate);
  expect(official.dueDate > before.dueDate).toBe(true);
  expect(added.calendarVersion).toContain(`added:${year}#`);
  expect(added.replan.moved).toContainEqual(
    expect.objectContaining({
      petitionId: c.petitionId,
      key: 'handle',
      dueBefore: before.dueDate,
      dueAfter: official.dueDate,
      dateChanged: true,
    }),
  );

  const detail = await detailOf(c.petitionId);
  expect(deadlineOf(detail, 'handle', 'running')).toMatchObject({
    dueDate: official.dueDate,
    provisional: official.provisional,
    calendarVersion: added.calendarVersion,
  });
  const recomputed = detail.timeline.find(
    (e: { type: string; data: { key?: string } }) =>
      e.type === 'deadline-recomputed' && e.data.key === 'handle',
  );
  expect(recomputed).toMatchObject({
    actor: 'test',
    data: { previousDueAt: before.dueAt, dueDate: official.dueDate, calendarVersion: added.calendarVersion },
  });

  // The same year again: refused, nothing changed; a second re-plan moves nothing.
  await expect(
    addOfficialYear(
      app.pool,
      env.client,
      {
        year,
        notice: 'again',
        published: `${year - 1}-11-01`,
        holidays: [{ name: 'X', nameZh: 'X', from: `${year}-03-03`, to: `${year}-03-03` }],
        makeUpWorkdays: [],
      },
      'test',
    ),
  ).rejects.toThrow(new RegExp(`${year} is already loaded`));
  const again = await c.handle.executeUpdate('replan', { args: [{}] });
  expect(again).toMatchObject({ moves: [] });
  await saveHistoryIfRequested(c.handle, 'case-calendar-replan');
});

it('runs as the command line: `calendar add-year FILE --json` prints the year, the calendar version and the moves', async () => {
  const year = officialCalendarYears().at(-1)! + 1;
  addedYears.push(year);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'add-year-')), `${year}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      year,
      notice: 'test notice',
      published: `${year - 1}-11-01`,
      holidays: [{ name: "New Year's Day", nameZh: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }],
      makeUpWorkdays: [],
    }),
  );
  const env0 = { ...process.env };
  process.env.DATABASE_URL = testEnv('TEST_DATABASE_URL');
  process.env.TEMPORAL_ADDRESS = env.address;
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const exitCode = process.exitCode;
  try {
    await buildProgram().parseAsync([
      'node',
      'petitionflow',
      'calendar',
      'add-year',
      file,
      '--json',
      '--by',
      'cli-test',
    ]);
    await buildProgram().parseAsync(['node', 'petitionflow', 'calendar', 'add-year', file]);
    expect(process.exitCode).toBe(2);
  } finally {
    process.exitCode = exitCode;
    log.mockRestore();
    error.mockRestore();
    process.env = env0;
  }
  const printed = JSON.parse(out[0]!);
  expect(printed).toMatchObject({ year, calendarVersion: expect.stringContaining(`added:`) });
  expect(printed.calendarVersion).toMatch(new RegExp(`${year}#`));
  expect(printed).toHaveProperty('casesSelected');
  expect(Array.isArray(printed.moves)).toBe(true);
  const { rows } = await owner.query('SELECT added_by FROM official_calendar_years WHERE year = $1', [year]);
  expect(rows).toEqual([{ added_by: 'cli-test' }]);
});
