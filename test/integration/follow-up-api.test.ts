import { toShanghaiDate } from '../../src/rules';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { saveHistoryIfRequested } from '../support/histories';
import { startTestApp, type TestApp } from '../support/harness';
import { testToken } from '../support/sign-in';
import { footprint, PetitionFlow } from '../support/petition-flow';
import { reportActsAgainstStates } from '../support/report-acts';

/**
 * 跟踪回访 through the API on the real stack: a dissatisfied return visit opens a follow-up with its own
 * deadline (national-2022 1.4.0), the unit answers with a second visit and closes it with a note, the flag
 * clears; closing twice or an unknown follow-up changes nothing.
 */
let app: TestApp;
let flow: PetitionFlow;
const today = toShanghaiDate(new Date());

beforeAll(async () => {
  app = await startTestApp('follow-up-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

const dissatisfied = {
  reached: true,
  satisfaction: 'dissatisfied',
  note: '信访人对答复不满意，认为电梯仍有异响。',
};
const followUpDeadline = (detail: { deadlines: Array<{ key: string }> }) =>
  detail.deadlines.filter((d) => d.key === 'follow-up').pop();

describe('the follow-up of a dissatisfied return visit (跟踪回访)', () => {
  it('opens with its deadline; a second visit keeps it open; a note closes it and clears the flag', async () => {
    const id = await flow.replied();
    const visited = await flow.post('handler', id, 'return-visit', dissatisfied);
    expect(visited.followUp).toEqual({ since: today });
    expect(visited.followUps).toEqual([
      {
        id: 'follow-up-1',
        openedOn: today,
        cause: { kind: 'return-visit' },
        status: 'open',
        note: null,
      },
    ]);
    expect(followUpDeadline(visited)).toMatchObject({ status: 'running', dueDate: expect.any(String) });

    const again = await flow.post('handler', id, 'return-visit', {
      ...dissatisfied,
      note: '再次回访，信访人仍不满意。',
      followUpId: 'follow-up-1',
    });
    expect(again.followUps[0].status).toBe('open');
    expect(again.returnVisits.map((v: { followUpId?: string }) => v.followUpId ?? null)).toEqual([
      null,
      'follow-up-1',
    ]);

    const note = '会同物业更换电梯控制板，经检测运行正常，已当面告知信访人。';
    const closed = await flow.post('unit-head', id, 'follow-ups/follow-up-1/close', { note });
    expect(closed.followUps[0]).toMatchObject({
      status: 'closed',
      closedOn: today,
      closedBy: 'unit-head',
      closedWith: 'note',
      note,
    });
    expect(closed.followUp).toBeNull();
    expect(followUpDeadline(closed)).toMatchObject({ status: 'met' });
    // The flag's history stays in the timeline.
    const types = closed.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['follow-up-opened', 'follow-up-closed']));

    const before = await footprint(app.pool, id);
    const twice = await app.request('handler', 'POST', `/api/petitions/${id}/follow-ups/follow-up-1/close`, {
      note: '重复提交',
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'transition_not_allowed']);
    const unknown = await app.request(
      'handler',
      'POST',
      `/api/petitions/${id}/follow-ups/follow-up-7/close`,
      {
        note: '不存在',
      },
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const malformed = await app.request('handler', 'POST', `/api/petitions/${id}/follow-ups/visit-1/close`, {
      note: 'x',
    });
    expect([malformed.status, malformed.body.error.code]).toEqual([422, 'validation_failed']);
    const stranger = await app.request(
      'hr-handler',
      'POST',
      `/api/petitions/${id}/follow-ups/follow-up-1/close`,
      {
        note: 'x',
      },
    );
    expect(stranger.status).toBe(404);
    expect(await footprint(app.pool, id)).toEqual(before);

    await saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(id)), 'case-follow-up');
  });

  it('closes with a second visit the petitioner is satisfied with', async () => {
    const id = await flow.replied();
    await flow.post('handler', id, 'return-visit', dissatisfied);
    const second = await flow.post('handler', id, 'return-visit', {
      reached: true,
      satisfaction: 'satisfied',
      note: '跟踪回访，信访人表示满意。',
      followUpId: 'follow-up-1',
    });
    expect(second.followUps[0]).toMatchObject({ status: 'closed', closedWith: 'second-visit' });
    expect(second.followUp).toBeNull();
    const late = await app.request('handler', 'POST', `/api/petitions/${id}/return-visit`, {
      reached: false,
      note: '未联系上',
      followUpId: 'follow-up-1',
    });
    expect([late.status, late.body.error.code]).toEqual([409, 'transition_not_allowed']);
  });

  it('opens one on the petitioner’s dissatisfied evaluation of the reply', async () => {
    const id = await flow.replied();
    const { queryCode } = await flow.get('registrar', id);
    const evaluated = await app.request(undefined, 'POST', '/api/public/evaluations', {
      petitionId: id,
      queryCode,
      subject: 'written-reply',
      grade: 'dissatisfied',
    });
    expect(evaluated.status).toBe(200);
    const detail = await flow.get('handler', id);
    expect(detail.followUps).toEqual([
      expect.objectContaining({ cause: { kind: 'evaluation', subject: 'written-reply' }, status: 'open' }),
    ]);
  });
});

describe('the after-care in the summary report', () => {
  it('counts return visits by satisfaction and follow-ups opened and closed, in JSON and CSV', async () => {
    const summary = () => flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary');
    const before = (await summary()).aftercare;
    const id = await flow.replied();
    await flow.post('handler', id, 'return-visit', dissatisfied);
    await flow.post('handler', id, 'return-visit', {
      reached: true,
      satisfaction: 'basically-satisfied',
      note: '跟踪回访，信访人基本满意。',
      followUpId: 'follow-up-1',
    });
    const after = (await summary()).aftercare;
    expect(after.returnVisits).toEqual({
      ...before.returnVisits,
      count: before.returnVisits.count + 2,
      dissatisfied: before.returnVisits.dissatisfied + 1,
      basicallySatisfied: before.returnVisits.basicallySatisfied + 1,
    });
    expect(after.followUps).toEqual({
      opened: before.followUps.opened + 1,
      closed: before.followUps.closed + 1,
      overdue: before.followUps.overdue,
    });
    expect(after.evaluations).toEqual(before.evaluations);
    const csv = await fetch(`${app.baseUrl}/api/reports/summary?format=csv`, {
      headers: { authorization: `Bearer ${await testToken('supervisor')}` },
    });
    // Each line's own five columns (the comparisons' follow).
    const lines = (await csv.text()).split('\r\n').map((line) => line.split(',').slice(0, 5).join(','));
    expect(lines).toContain(`回访(次),returnVisits,${after.returnVisits.count},,`);
    expect(lines).toContain(`跟踪回访(办结)(件),followUpsClosed,${after.followUps.closed},,`);
  });
});

describe('the acts beside the report row (report_acts)', () => {
  it('are the folds’ return visits, evaluations and follow-ups, as the migration takes them', async () => {
    const { missing, extra, acts } = await reportActsAgainstStates(app.pool);
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
    expect(acts['return-visit']).toBeGreaterThan(0);
    expect(acts['follow-up-opened']).toBeGreaterThan(0);
    expect(acts['follow-up-closed']).toBeGreaterThan(0);
  });
});
