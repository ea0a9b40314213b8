import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { footprint, PetitionFlow } from '../support/petition-flow';
import { addDays } from '../../src/rules/dates';
import { testToken } from '../support/sign-in';
import { reportActsAgainstStates } from '../support/report-acts';

/**
 * How the matter ended (S12–S16) through the API on the real stack: the resolution record by the unit or the
 * bureau, the supported opinion's carry-out deadline and its record — also once the case closed, the
 * workflow staying for it — shown in the case, counted in the summary report; bad input changes nothing.
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('resolution-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const today = shanghaiToday();
const summaryPath = `/api/reports/summary?from=${today}&to=${today}`;
const summary = async () => (await flow.expectStatus(200, 'supervisor', 'GET', summaryPath)).resolution;

describe('the resolution record', () => {
  it('is recorded part by part, shown in the case with its texts, and counted in the summary', async () => {
    const before = await summary();
    const id = await flow.replied();
    await flow.post('handler', id, 'resolution', {
      measures: [
        { measure: 'resolved' },
        { measure: 'aided', aidKind: 'legal-aid', note: '协调法律援助中心提供免费咨询。' },
      ],
      agreement: { kind: 'mediation', agreedOn: today, text: '调解协议：物业公司承担维修费用。' },
    });
    const detail = await flow.post('registrar', id, 'resolution', { stoppedPetitioning: { on: today } });
    expect(detail.resolution).toMatchObject({
      measures: [
        { measure: 'resolved', on: today, recordedBy: 'handler', note: null },
        { measure: 'aided', aidKind: 'legal-aid', note: '协调法律援助中心提供免费咨询。' },
      ],
      agreement: { kind: 'mediation', agreedOn: today, text: '调解协议：物业公司承担维修费用。' },
      stoppedPetitioning: { on: today, recordedBy: 'registrar' },
      carriedOut: null,
    });
    const after = await summary();
    expect(after).toMatchObject({
      resolved: before.resolved + 1,
      aided: before.aided + 1,
      educated: before.educated,
      agreements: before.agreements + 1,
      stoppedPetitioning: before.stoppedPetitioning + 1,
    });
    const csv = await fetch(`${app.baseUrl}${summaryPath}&format=csv`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    const text = await csv.text();
    expect(text).toMatch(/息诉罢访\(件\),stoppedPetitioning,\d+/);
    expect(text).toMatch(/支持意见待落实\(件\),carryOutDue,\d+/);
  });

  it('refuses bad input with a code and stores nothing', async () => {
    const id = await flow.replied();
    await flow.post('handler', id, 'resolution', { measures: [{ measure: 'educated' }] });
    const before = await footprint(app.pool, id);
    const refusals: Array<[unknown, number, string]> = [
      [{}, 422, 'validation_failed'],
      [{ measures: [{ measure: 'aided' }] }, 422, 'validation_failed'],
      [{ measures: [{ measure: 'resolved', on: '2020-01-01' }] }, 422, 'validation_failed'],
      [{ stoppedPetitioning: { on: addDays(today, 1) } }, 422, 'validation_failed'],
      [{ measures: [{ measure: 'educated', note: '重复' }] }, 409, 'transition_not_allowed'],
      [{ measures: [{ measure: 'praised' }] }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of refusals) {
      const response = await app.request('handler', 'POST', `/api/petitions/${id}/resolution`, body);
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
        body,
        status,
        code,
      });
    }
    const early = await flow.accepted();
    const carriedOut = await app.request('handler', 'POST', `/api/petitions/${early}/carried-out`, {
      carriedOutOn: today,
      report: '已落实',
    });
    expect([carriedOut.status, carriedOut.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(await footprint(app.pool, id)).toEqual(before);
  });
});

describe('a supported opinion carried out (Art 32 ¶2)', () => {
  it('is timed from the reply, and recorded even after the case closed, which then ends for good', async () => {
    const before = await summary();
    const id = await flow.accepted();
    const explained = { outcome: 'explained', opinion: '解释说明。', carryOutDays: 30 };
    const refused = await app.request('handler', 'POST', `/api/petitions/${id}/reply`, explained);
    expect([refused.status, refused.body.error.details.fields[0].path]).toEqual([422, 'carryOutDays']);
    const replied = await flow.post('handler', id, 'reply', {
      outcome: 'supported',
      opinion: '责成物业公司三十日内修复电梯。',
      carryOutDays: 30,
    });
    expect(replied.deadlines.find((d: { key: string }) => d.key === 'carry-out')).toMatchObject({
      status: 'running',
      startDate: today,
      dueDate: addDays(today, 30),
    });
    expect((await summary()).carryOut.due).toBe(before.carryOut.due + 1);
    // The petitioner withdraws: the procedure ends, the opinion is still to be carried out.
    const closed = await flow.post('handler', id, 'withdraw', { reason: '信访人表示等待落实。' });
    expect(closed.status).toBe('closed');
    expect(closed.deadlines.find((d: { key: string }) => d.key === 'carry-out').status).toBe('running');

    const early = await app.request('handler', 'POST', `/api/petitions/${id}/carried-out`, {
      carriedOutOn: addDays(today, -1),
      report: '已落实',
    });
    expect([early.status, early.body.error.code]).toEqual([422, 'validation_failed']);
    const done = await flow.post('registrar', id, 'carried-out', {
      carriedOutOn: today,
      report: '电梯已修复。',
    });
    expect(done.resolution.carriedOut).toMatchObject({
      on: today,
      report: '电梯已修复。',
      recordedBy: 'registrar',
    });
    expect(done.deadlines.find((d: { key: string }) => d.key === 'carry-out').status).toBe('met');
    const after = await summary();
    expect(after.carryOut).toEqual({
      carriedOut: before.carryOut.carriedOut + 1,
      due: before.carryOut.due,
      overdue: before.carryOut.overdue,
    });
    // Nothing outlives the closure now: the workflow ended, and the case takes no record any more.
    const late = await app.request('handler', 'POST', `/api/petitions/${id}/resolution`, {
      stoppedPetitioning: { on: today },
    });
    expect([late.status, late.body.error.code]).toEqual([409, 'transition_not_allowed']);
    const twice = await app.request('handler', 'POST', `/api/petitions/${id}/carried-out`, {
      carriedOutOn: today,
      report: '再次',
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'transition_not_allowed']);
  });
});

describe('the acts beside the report row (report_acts)', () => {
  it('carry the resolution record as the folds have it, as the migration takes it', async () => {
    const { missing, extra, acts } = await reportActsAgainstStates(app.pool);
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
    expect(acts.measure).toBeGreaterThan(0);
  });
});
