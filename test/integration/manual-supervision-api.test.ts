import { addDays } from '../../src/rules/dates';
import { getRuleSet, toShanghaiDate } from '../../src/rules';
import { startTestApp, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { testToken } from '../support/sign-in';

/**
 * Manual 督办 and 交办 (Art 40) through the API on the real stack: the bureau and the joint-conference office
 * supervise any open case, overdue or not; the item joins the supervision queue with its source, the unit
 * answers it through the queue's feedback route, the summary counts it by source; bad input changes nothing.
 */
let app: TestApp;
let flow: PetitionFlow;
const today = toShanghaiDate(new Date());
const feedbackDays = getRuleSet('national-2022').supervision.manual!.feedbackDays;
const note = '该事项受理后至今未开展调查，请于三十日内书面反馈整改情况。';

beforeAll(async () => {
  app = await startTestApp('manual-supervision-api');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

async function timelineTypes(id: string): Promise<string[]> {
  const detail = await flow.get('supervisor', id);
  return detail.timeline.map((e: { type: string }) => e.type);
}

async function documentsOf(id: string): Promise<number> {
  const { rows } = await app.pool.query(
    `SELECT count(*)::int AS n FROM petition_documents WHERE petition_id = $1`,
    [id],
  );
  return rows[0].n;
}

async function summaryCsvLines(): Promise<string[]> {
  const response = await fetch(`${app.baseUrl}/api/reports/summary?format=csv`, {
    headers: { authorization: `Bearer ${await testToken('supervisor')}` },
  });
  return (await response.text()).slice(1).split('\r\n');
}

const csvValue = (lines: string[], figure: string) =>
  Number(lines.find((line) => line.split(',')[1] === figure)!.split(',')[2]);

describe('manual 督办 and 交办', () => {
  it('supervises a case that is not overdue; the unit answers through the queue, which ends the item', async () => {
    const id = await flow.accepted();
    await flow.post('supervisor', id, 'supervision', { ground: 'delaying', note });
    const detail = await flow.get('handler', id);
    expect(detail.supervision).toEqual([
      expect.objectContaining({
        id: `${id}.manual-1`,
        deadlineKey: 'manual',
        unitId: 'qingshan-housing',
        level: 'notice',
        status: 'open',
        source: 'manual',
        kind: 'supervise',
        ground: 'delaying',
        noticeOn: today,
        feedbackDue: addDays(today, feedbackDays),
        note,
      }),
    ]);
    const queue = await flow.expectStatus(
      200,
      'handler',
      'GET',
      '/api/supervision?source=manual&pageSize=100',
    );
    expect(queue.items.find((i: { id: string }) => i.id === `${id}.manual-1`)).toMatchObject({
      source: 'manual',
      kind: 'supervise',
      ground: 'delaying',
      feedbackDue: addDays(today, feedbackDays),
      status: 'open',
    });
    const automatic = await flow.expectStatus(200, 'supervisor', 'GET', '/api/supervision?source=automatic');
    expect(automatic.items.map((i: { id: string }) => i.id)).not.toContain(`${id}.manual-1`);
    await flow.expectStatus(200, 'handler', 'POST', `/api/supervision/${id}.manual-1/feedback`, {
      report: '已于本周完成现场调查，整改方案已报送。',
      targetDate: addDays(today, 10),
    });
    const after = await flow.get('supervisor', id);
    expect(after.supervision[0]).toMatchObject({ status: 'resolved', endedOn: today });
  });

  it('records the office’s 交办 and a higher bureau’s 督办 by source, and counts them in the summary (JSON and CSV)', async () => {
    const before = (await flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary')).supervision;
    const beforeCsv = await summaryCsvLines();
    const id = await flow.transferred();
    await flow.post('jco', id, 'supervision', {
      kind: 'assign',
      note: '联席会议交办：请于三十日内报送办结报告。',
    });
    await flow.post('supervisor', id, 'supervision', {
      ground: 'not-carrying-out',
      note: '省信访局督办通知（转）',
      from: 'higher-bureau',
      issuer: '省信访局',
      reference: '省信督〔2026〕12号',
    });
    await flow.post('supervisor', id, 'supervision', { kind: 'supervise', ground: 'shirking', note });
    const detail = await flow.get('supervisor', id);
    expect(
      detail.supervision.map((i: any) => [i.id, i.source, i.kind, i.ground ?? null, i.issuer ?? null]),
    ).toEqual([
      [`${id}.manual-1`, 'joint-conference', 'assign', null, null],
      [
        `${id}.manual-2`,
        'higher-bureau',
        'supervise',
        'not-carrying-out',
        { name: '省信访局', reference: '省信督〔2026〕12号' },
      ],
      [`${id}.manual-3`, 'manual', 'supervise', 'shirking', null],
    ]);
    const after = (await flow.expectStatus(200, 'supervisor', 'GET', '/api/reports/summary')).supervision;
    expect(after.notices).toBe(before.notices + 3);
    expect(after.bySource).toEqual({
      automatic: before.bySource.automatic,
      manual: before.bySource.manual + 1,
      jointConference: before.bySource.jointConference + 1,
      higherBureau: before.bySource.higherBureau + 1,
    });
    const { automatic, manual, jointConference, higherBureau } = after.bySource;
    expect(automatic + manual + jointConference + higherBureau).toBe(after.notices);
    const afterCsv = await summaryCsvLines();
    for (const [figure, added] of [
      ['noticesAutomatic', 0],
      ['noticesManual', 1],
      ['noticesJointConference', 1],
      ['noticesHigherBureau', 1],
    ] as const) {
      expect(csvValue(afterCsv, figure)).toBe(csvValue(beforeCsv, figure) + added);
    }
  });

  it('tells the supervised unit, with the feedback date', async () => {
    const id = await flow.accepted();
    await flow.post('jco', id, 'supervision', { ground: 'perfunctory', note });
    const { body } = await app.request('handler', 'GET', '/api/notifications?pageSize=100');
    const notice = body.items.find((n: { petitionId: string }) => n.petitionId === id);
    expect(notice).toMatchObject({ kind: 'supervision-notice' });
    expect(JSON.stringify(notice)).toContain(addDays(today, feedbackDays));
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['an unknown ground', { ground: 'lazy', note }, 422, 'validation_failed'],
    ['a 督办 without its ground', { kind: 'supervise', note }, 422, 'validation_failed'],
    ['an unknown kind', { kind: 'inspect', ground: 'delaying', note }, 422, 'validation_failed'],
    ['no note', { ground: 'delaying' }, 422, 'validation_failed'],
    [
      'a higher bureau without its name',
      { ground: 'delaying', note, from: 'higher-bureau' },
      422,
      'validation_failed',
    ],
    ['an issuer without from', { ground: 'delaying', note, issuer: '省信访局' }, 422, 'validation_failed'],
  ])('refuses %s', async (_what, body, status, code) => {
    const id = await flow.accepted();
    const types = await timelineTypes(id);
    const documents = await documentsOf(id);
    const response = await app.request('supervisor', 'POST', `/api/petitions/${id}/supervision`, body);
    expect([response.status, response.body.error.code]).toEqual([status, code]);
    expect(await timelineTypes(id)).toEqual(types);
    expect(await documentsOf(id)).toBe(documents);
  });

  it('refuses a 督办 on a closed case (409), storing no notice', async () => {
    const id = await flow.accepted();
    await flow.post('handler', id, 'withdraw', { reason: '信访人撤回。' });
    const types = await timelineTypes(id);
    const documents = await documentsOf(id);
    const response = await app.request('supervisor', 'POST', `/api/petitions/${id}/supervision`, {
      ground: 'delaying',
      note,
    });
    expect([response.status, response.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(await timelineTypes(id)).toEqual(types);
    expect(await documentsOf(id)).toBe(documents);
    expect((await flow.get('supervisor', id)).supervision).toEqual([]);
  });

  it('refuses the handling unit (403) and the office recording a higher bureau’s 督办 (422)', async () => {
    const id = await flow.accepted();
    const unit = await app.request('handler', 'POST', `/api/petitions/${id}/supervision`, {
      ground: 'delaying',
      note,
    });
    expect(unit.status).toBe(403);
    const office = await app.request('jco', 'POST', `/api/petitions/${id}/supervision`, {
      ground: 'delaying',
      note,
      from: 'higher-bureau',
      issuer: '省信访局',
    });
    expect([office.status, office.body.error.code]).toEqual([422, 'validation_failed']);
    expect((await flow.get('supervisor', id)).supervision).toEqual([]);
  });
});
