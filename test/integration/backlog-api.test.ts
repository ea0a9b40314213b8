import { addDays } from '../../src/rules/dates';
import { backlogClockQuery, backlogEntryWorkflowId } from '../../src/workflows/backlog-messages';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { testToken } from '../support/sign-in';

/**
 * The backlog register (积案台账) and campaigns (专项攻坚) through the API on the real stack: entries on
 * replied and open cases, progress, a new target date (the workflow re-plans), resolution (the workflow
 * ends), the campaign's 化解率 in the `campaigns` report and the summary; scope refusals and bad input
 * that write nothing; retries that do nothing twice.
 */
let app: TestApp;
let flow: PetitionFlow;
const today = shanghaiToday();
/** A bureau above Qingshan's: its cases are not Qingshan's to put in a register. */
const CITY_KEEPER = 'backlog-city-supervisor';

beforeAll(async () => {
  app = await startTestApp('backlog-api');
  flow = new PetitionFlow(app);
  await app.pool.query(
    `INSERT INTO users (login, display_name, unit_id, roles) VALUES ($1, 'City supervisor', 'yunzhou-petition-bureau', $2)
     ON CONFLICT (login) DO NOTHING`,
    [CITY_KEEPER, ['supervisor', 'registrar']],
  );
});

afterAll(async () => {
  await app?.stop();
});

const post = (login: string, path: string, body: unknown, headers?: Record<string, string>) =>
  app.request(login, 'POST', `/api/backlog/${path}`, body, headers);
const get = (login: string, path: string) => app.request(login, 'GET', `/api/backlog/${path}`);
const count = async (table: string) =>
  (await app.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: '信访积案化解百日攻坚',
  startsOn: today,
  endsOn: addDays(today, 100),
  targetRate: 60,
  ...over,
});
const entryBody = (caseIds: string[], over: Record<string, unknown> = {}) => ({
  title: '幸福家园小区逾期办证问题',
  caseIds,
  unitId: 'qingshan-housing',
  leader: '县住建局局长',
  cause: '开发商欠缴土地出让金，房产证无法办理。',
  measures: '督促开发商限期补缴，分批办理不动产登记。',
  targetDate: addDays(today, 60),
  ...over,
});

async function campaign(over: Record<string, unknown> = {}) {
  const response = await post('supervisor', 'campaigns', campaignBody(over));
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function entry(caseIds: string[], over: Record<string, unknown> = {}) {
  const response = await post('supervisor', 'entries', entryBody(caseIds, over));
  expect(response.status).toBe(201);
  return response.body;
}

async function workflowStatus(entryId: string) {
  return (await app.client.workflow.getHandle(backlogEntryWorkflowId(entryId)).describe()).status.name;
}

describe('an entry of the register', () => {
  it('holds a cluster of cases, replied or open, with its leader, unit, cause, measures and target date', async () => {
    const replied = await flow.replied();
    const open = await flow.accepted();
    const body = await entry([replied, open]);
    expect(body).toMatchObject({
      caseIds: [replied, open],
      ownerUnitId: 'qingshan-petition-bureau',
      unitId: 'qingshan-housing',
      leader: '县住建局局长',
      targetDate: addDays(today, 60),
      registeredOn: today,
      outcome: 'open',
      overdue: false,
      progress: [],
    });
    expect(await workflowStatus(body.id)).toBe('RUNNING');
    // The unit responsible reads it; the city above reads it; a sibling department does not.
    expect((await get('unit-head', `entries/${body.id}`)).status).toBe(200);
    expect((await get(CITY_KEEPER, `entries/${body.id}`)).status).toBe(200);
    expect((await get('hr-handler', `entries/${body.id}`)).status).toBe(404);
    const { rows } = await app.pool.query(
      `SELECT action, login FROM backlog_audit WHERE entity = 'entry' AND entity_id = $1`,
      [body.id],
    );
    expect(rows).toEqual([{ action: 'create', login: 'supervisor' }]);
  });

  it('takes dated progress, re-plans on a new target date and ends its workflow when resolved', async () => {
    const { id } = await entry([await flow.replied()]);
    const noted = await post('supervisor', `entries/${id}/progress`, {
      notedOn: today,
      note: '已约谈开发商，承诺补缴。',
    });
    expect(noted.status).toBe(201);
    expect(noted.body.progress).toMatchObject([
      { notedOn: today, note: '已约谈开发商，承诺补缴。', author: 'supervisor' },
    ]);

    const later = addDays(today, 90);
    const moved = await post('jco', `entries/${id}/target-date`, {
      targetDate: later,
      reason: '资金分两期到位。',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.targetDate).toBe(later);
    const clock = await app.client.workflow.getHandle(backlogEntryWorkflowId(id)).query(backlogClockQuery);
    expect(clock).toMatchObject({ targetDate: later, plannedOn: today, open: true });

    const resolved = await post('supervisor', `entries/${id}/outcome`, { outcome: 'resolved', on: today });
    expect(resolved.body).toMatchObject({ outcome: 'resolved', outcomeOn: today });
    await app.client.workflow.getHandle(backlogEntryWorkflowId(id)).result();
    expect(await workflowStatus(id)).toBe('COMPLETED');
    // Closed: no second outcome, no new date.
    const again = await post('supervisor', `entries/${id}/outcome`, {
      outcome: 'stopped-petitioning',
      on: today,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'entry_closed' } } });
    const moveClosed = await post('supervisor', `entries/${id}/target-date`, {
      targetDate: later,
      reason: '再延期。',
    });
    expect(moveClosed.status).toBe(409);
    const { rows } = await app.pool.query(
      `SELECT action FROM backlog_audit WHERE entity = 'entry' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'progress',
      'retarget',
      'outcome',
    ]);
  });
});

describe('refused, and nothing written', () => {
  it('an entry for a case outside the caller’s scope, or an unknown case: 404', async () => {
    const cityCase = await flow
      .at({ registrar: CITY_KEEPER, unitId: 'yunzhou-housing', handler: 'city-handler' })
      .register();
    const before = await count('backlog_entries');
    const outside = await post('supervisor', 'entries', entryBody([cityCase]));
    expect(outside).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const unknown = await post('supervisor', 'entries', entryBody(['XF-2001-999999']));
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await count('backlog_entries')).toBe(before);
  });

  it('a responsible unit outside the scope (403), a past target date (422), a user who keeps no register (403)', async () => {
    const id = await flow.register();
    const before = await count('backlog_entries');
    const outside = await post('supervisor', 'entries', entryBody([id], { unitId: 'dongling-hr' }));
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const past = await post('supervisor', 'entries', entryBody([id], { targetDate: addDays(today, -1) }));
    expect(past).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    expect((await post('handler', 'entries', entryBody([id]))).status).toBe(403);
    const repeated = await post('supervisor', 'entries', entryBody([id, id]));
    expect(repeated.status).toBe(422);
    expect(await count('backlog_entries')).toBe(before);
  });

  it('a campaign whose period ends before it starts: 422 naming endsOn', async () => {
    const before = await count('backlog_campaigns');
    const response = await post('supervisor', 'campaigns', campaignBody({ endsOn: addDays(today, -1) }));
    expect(response).toMatchObject({
      status: 422,
      body: { error: { code: 'validation_failed', details: { fields: [{ path: 'endsOn' }] } } },
    });
    expect((await post('supervisor', 'campaigns', campaignBody({ targetRate: 120 }))).status).toBe(422);
    expect((await post('supervisor', 'campaigns', campaignBody({ unitId: 'dongling-hr' }))).status).toBe(403);
    expect(await count('backlog_campaigns')).toBe(before);
  });

  it('a progress note dated after today or before the entry: 422', async () => {
    const { id } = await entry([await flow.register()]);
    const future = await post('supervisor', `entries/${id}/progress`, {
      notedOn: addDays(today, 1),
      note: '未来。',
    });
    expect(future.status).toBe(422);
    const early = await post('supervisor', `entries/${id}/progress`, {
      notedOn: addDays(today, -1),
      note: '之前。',
    });
    expect(early.status).toBe(422);
    expect((await get('supervisor', `entries/${id}`)).body.progress).toEqual([]);
  });
});

describe('retries', () => {
  it('with the same Idempotency-Key create one entry, one workflow, one progress note', async () => {
    const caseId = await flow.register();
    const key = { 'Idempotency-Key': `backlog-entry-${caseId}` };
    const first = await post('supervisor', 'entries', entryBody([caseId]), key);
    const second = await post('supervisor', 'entries', entryBody([caseId]), key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    // A retry of a request that never answered (its stored answer lost): runs again, creates nothing new.
    await app.pool.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key['Idempotency-Key']]);
    const rerun = await post('supervisor', 'entries', entryBody([caseId]), key);
    expect(rerun.status).toBe(201);
    expect(rerun.body.id).toBe(first.body.id);
    const { rows } = await app.pool.query(
      `SELECT count(*)::int AS n FROM backlog_entry_cases WHERE petition_id = $1`,
      [caseId],
    );
    expect(rows[0].n).toBe(1);

    const noteKey = { 'Idempotency-Key': `backlog-note-${caseId}` };
    const note = { notedOn: today, note: '现场核实。' };
    await post('supervisor', `entries/${first.body.id}/progress`, note, noteKey);
    await app.pool.query(`DELETE FROM idempotency_keys WHERE key = $1`, [noteKey['Idempotency-Key']]);
    const noted = await post('supervisor', `entries/${first.body.id}/progress`, note, noteKey);
    expect(noted.body.progress).toHaveLength(1);
  });
});

describe('a campaign’s progress', () => {
  it('counts entries and 化解 against its target; no entries is "no data"', async () => {
    const empty = await campaign({ name: '空专项' });
    const emptyView = await get('supervisor', `campaigns/${empty}`);
    expect(emptyView.body.progress).toMatchObject({
      entries: 0,
      resolutionRate: { rate: null },
      targetMet: null,
    });

    const id = await campaign({ name: '积案化解年', targetRate: 60 });
    const entries: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i++) entries.push(await entry([await flow.replied()], { campaignId: id }));
    await post('supervisor', `entries/${entries[0]!.id}/outcome`, { outcome: 'resolved', on: today });
    await post('supervisor', `entries/${entries[1]!.id}/outcome`, {
      outcome: 'stopped-petitioning',
      on: today,
    });
    const view = await get('supervisor', `campaigns/${id}`);
    expect(view.body.progress).toMatchObject({
      entries: 3,
      resolved: 1,
      stoppedPetitioning: 1,
      open: 1,
      resolutionRate: { numerator: 1, denominator: 3, rate: 33.3 },
      targetRate: 60,
      targetMet: false,
    });
    expect(view.body.entries).toHaveLength(3);

    const period = `from=${today}&to=${addDays(today, 1)}`;
    const report = await app.request('supervisor', 'GET', `/api/reports/campaigns?${period}`);
    expect(report.status).toBe(200);
    expect(report.body.rows.find((r: { id: string }) => r.id === id)).toMatchObject({
      entries: 3,
      resolved: 1,
      resolutionRate: { rate: 33.3 },
      targetMet: false,
    });
    const csv = await fetch(`${app.baseUrl}/api/reports/campaigns?${period}&format=csv`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe(
      '专项行动,单位,开始日期,结束日期,台账(件),化解(件),息诉罢访(件),未化解(件),逾期(件),化解率(%),目标化解率(%),是否达标',
    );
    expect(lines).toContain(`积案化解年,青山县信访局,${today},${addDays(today, 100)},3,1,1,1,0,33.3,60,否`);
    const summary = await app.request('supervisor', 'GET', `/api/reports/summary?${period}`);
    expect(summary.body.backlogRegister).toMatchObject({
      resolved: expect.any(Number),
      stoppedPetitioning: expect.any(Number),
    });
    expect(summary.body.backlogRegister.added).toBeGreaterThanOrEqual(3);
    expect(summary.body.backlogRegister.resolved).toBeGreaterThanOrEqual(1);

    // A campaign outside the caller's scope: not found; a sibling department reads none of Qingshan's.
    expect((await get('hr-handler', `campaigns/${id}`)).status).toBe(404);
    // A period with no campaign and no entry: an empty list and zeros, never a 500.
    const long = await app.request('supervisor', 'GET', '/api/reports/campaigns?quarter=2001Q1');
    expect(long).toMatchObject({ status: 200, body: { rows: [] } });
    const none = await app.request('supervisor', 'GET', '/api/reports/summary?quarter=2001Q1');
    expect(none.body.backlogRegister).toEqual({
      added: 0,
      resolved: 0,
      stoppedPetitioning: 0,
      open: 0,
      overdue: 0,
    });
  });

  it('answers the OpenAPI examples as they are (the entry on a real case)', async () => {
    const doc = (await app.request(undefined, 'GET', '/openapi.json')).body;
    const example = (name: string) => doc.components.schemas[name].example;
    const created = await post('supervisor', 'campaigns', example('CreateCampaign'));
    expect(created.status).toBe(201);
    const made = await post('supervisor', 'entries', {
      ...example('CreateBacklogEntry'),
      caseIds: [await flow.register()],
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    expect((await post('supervisor', `entries/${id}/progress`, example('AddBacklogProgress'))).status).toBe(
      201,
    );
    expect(
      (await post('supervisor', `entries/${id}/target-date`, example('RetargetBacklogEntry'))).status,
    ).toBe(200);
    expect((await post('supervisor', `entries/${id}/outcome`, example('RecordBacklogOutcome'))).status).toBe(
      200,
    );
  });
});
