import { startTestApp, shanghaiToday, type TestApp } from '../support/harness';
import { caseEvents, deadlineOf, footprint, PetitionFlow } from '../support/petition-flow';
import { saveHistoryIfRequested } from '../support/histories';
import { petitionWorkflowId } from '../../src/workflows/messages';

/**
 * Shanghai's closure on verification (核查, Art 42 (二)), Zhejiang's closure on an agreement carried out (Art 25
 * (1)), and national-2005 for cases received before 2022-05-01, through the HTTP API against the real dev
 * server and PostgreSQL.
 */
let app: TestApp;
let flow: PetitionFlow;
const SHANGHAI = { ruleSetId: 'shanghai-2012' };
const ZHEJIANG = { ruleSetId: 'zhejiang-2016' };

beforeAll(async () => {
  app = await startTestApp('closures-2005-tests');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** Released as replay fixtures when SAVE_HISTORIES=1 (issue 21's procedures). */
const saveHistory = (id: string, name: string) =>
  saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(id)), name);

async function example(name: string) {
  const doc = (await app.request(undefined, 'GET', '/openapi.json')).body;
  return doc.components.schemas[name].example as Record<string, unknown>;
}

describe('closure on verification (上海 Art 42 (二))', () => {
  it('closes a replied Shanghai case with the OpenAPI example: the check, its conclusion, the reason', async () => {
    const id = await flow.replied(SHANGHAI);
    const body = await flow.post(
      'supervisor',
      id,
      'verification-closure',
      await example('CloseOnVerification'),
    );
    expect(body).toMatchObject({
      status: 'closed',
      closedReason: 'verified',
      closure: { reason: 'verified', on: shanghaiToday() },
      verification: {
        checkingUnitId: 'qingshan-hr',
        approvedOn: shanghaiToday(),
        recordedBy: 'supervisor',
        conclusion: expect.stringContaining('核查结论'),
      },
    });
    expect(body.verification.checkingUnitName).toEqual(expect.any(String));
    expect(caseEvents(body)).toEqual(expect.arrayContaining(['verification-approved', 'closed']));
    expect(deadlineOf(body, 'request-review')?.status).toBe('cancelled');
    // The petitioner's lookup shows why the case closed.
    const { queryCode } = await flow.get('registrar', id);
    const lookup = await flow.expectStatus(200, '', 'POST', '/api/public/lookup', {
      petitionId: id,
      queryCode,
    });
    expect(lookup.status).toBe('closed');
    expect(lookup.dates).toContainEqual({ event: 'verification-conclusion', on: shanghaiToday() });
    await saveHistory(id, 'case-shanghai-verification-closure');
  });

  it('refuses a check by a unit that is no department or government, a bad date, and a national case, changing nothing', async () => {
    const id = await flow.replied(SHANGHAI);
    const before = await footprint(app.pool, id);
    const conclusion = '经核查，维持原处理意见。';
    for (const [body, field] of [
      [{ checkingUnitId: 'nowhere', conclusion }, 'checkingUnitId'],
      [{ checkingUnitId: 'qingshan-petition-bureau', conclusion }, 'checkingUnitId'],
      [{ checkingUnitId: 'qingshan-hr', conclusion, approvedOn: '2020-01-01' }, 'approvedOn'],
      [{ checkingUnitId: 'qingshan-hr' }, 'conclusion'],
    ] as const) {
      const refused = await app.request(
        'supervisor',
        'POST',
        `/api/petitions/${id}/verification-closure`,
        body,
      );
      expect([refused.status, refused.body.error.details.fields[0].path]).toEqual([422, field]);
    }
    const handler = await app.request('handler', 'POST', `/api/petitions/${id}/verification-closure`, {
      checkingUnitId: 'qingshan-hr',
      conclusion,
    });
    expect(handler.status).toBe(403);
    expect(await footprint(app.pool, id)).toEqual(before);

    const national = await flow.replied();
    const untouched = await footprint(app.pool, national);
    const refused = await app.request(
      'supervisor',
      'POST',
      `/api/petitions/${national}/verification-closure`,
      {
        checkingUnitId: 'qingshan-hr',
        conclusion,
      },
    );
    expect([refused.status, refused.body.error.code]).toEqual([409, 'transition_not_allowed']);
    expect(refused.body.error.message).toContain('no closure on verification');
    expect(await footprint(app.pool, national)).toEqual(untouched);
  });
});

describe('closure on an agreement carried out (浙江 Art 25 (1))', () => {
  it('closes an accepted Zhejiang case with the OpenAPI example, meeting D5', async () => {
    const id = await flow.accepted(ZHEJIANG);
    const body = await flow.post('handler', id, 'agreement-closure', await example('CloseOnAgreement'));
    expect(body).toMatchObject({
      status: 'closed',
      closedReason: 'agreement-carried-out',
      agreement: {
        agreedOn: shanghaiToday(),
        carriedOutOn: shanghaiToday(),
        recordedBy: 'handler',
        agreement: expect.stringContaining('物业公司同意'),
        note: expect.stringContaining('电梯已修复'),
      },
    });
    expect(deadlineOf(body, 'handle')).toMatchObject({ status: 'met' });
    expect(caseEvents(body)).toEqual(expect.arrayContaining(['agreement-carried-out', 'closed']));
    const { queryCode } = await flow.get('registrar', id);
    const lookup = await flow.expectStatus(200, '', 'POST', '/api/public/lookup', {
      petitionId: id,
      queryCode,
    });
    expect(lookup.dates).toContainEqual({ event: 'agreement-carried-out', on: shanghaiToday() });
    await saveHistory(id, 'case-zhejiang-agreement-closure');
  });

  it('refuses dates out of order or ahead, and a case not accepted yet, changing nothing', async () => {
    const id = await flow.accepted(ZHEJIANG);
    const before = await footprint(app.pool, id);
    const today = shanghaiToday();
    for (const [dates, field] of [
      [{ agreedOn: '2099-01-01', carriedOutOn: '2099-01-01' }, 'agreedOn'],
      [{ agreedOn: today, carriedOutOn: '2099-01-01' }, 'carriedOutOn'],
      [{ agreedOn: '2026-02-30', carriedOutOn: today }, 'agreedOn'],
    ] as const) {
      const refused = await app.request('handler', 'POST', `/api/petitions/${id}/agreement-closure`, {
        agreement: '双方达成协议。',
        ...dates,
      });
      expect([refused.status, refused.body.error.details.fields[0].path]).toEqual([422, field]);
    }
    expect(await footprint(app.pool, id)).toEqual(before);

    const transferred = await flow.transferred(ZHEJIANG);
    const early = await app.request('handler', 'POST', `/api/petitions/${transferred}/agreement-closure`, {
      agreement: '双方达成协议。',
      agreedOn: today,
      carriedOutOn: today,
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'transition_not_allowed']);
  });
});

describe('national-2005 for cases received before 2022-05-01', () => {
  it('is chosen for a national-2022 area’s petition received before 2022-05-01, and its acceptance carries a notice', async () => {
    const old = await flow.register({ receivedOn: '2022-04-20' });
    const recent = await flow.register({ receivedOn: '2022-05-01' });
    expect((await flow.get('registrar', old)).ruleSetId).toBe('national-2005');
    expect((await flow.get('registrar', recent)).ruleSetId).toBe('national-2022');

    await flow.post('registrar', old, 'route', { unitId: 'qingshan-housing' });
    const before = await footprint(app.pool, old);
    const bare = await app.request('handler', 'POST', `/api/petitions/${old}/accept`, {
      procedure: 'normal',
    });
    expect([bare.status, bare.body.error.code, bare.body.error.details.fields[0].path]).toEqual([
      422,
      'validation_failed',
      'notice',
    ]);
    expect(await footprint(app.pool, old)).toEqual(before);
    // The OpenAPI example as sent: it carries the notice.
    const accepted = await flow.post('handler', old, 'accept', await example('AcknowledgePetition'));
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptanceNotice: expect.stringContaining('已受理'),
    });
    expect(deadlineOf(accepted, 'handle')).toMatchObject({
      status: 'running',
      kind: 'statutory',
      explanation: expect.arrayContaining([expect.stringContaining('rule set national-2005 v1.0.0')]),
    });
    // The 2005 text has no objection window (the 2022 text's Art 23 ¶3).
    expect(deadlineOf(accepted, 'object')).toBeUndefined();
    await saveHistory(old, 'case-national-2005-acceptance');
  });

  it('refuses receipt dates outside its text’s period, naming the limit', async () => {
    const early = await app.request('registrar', 'POST', '/api/petitions', {
      ...(await example('RegisterPetition')),
      receivedOn: '2005-04-30',
    });
    expect([early.status, early.body.error.details.fields[0].path]).toEqual([422, 'receivedOn']);
    expect(early.body.error.details.fields[0].message).toContain('2005-05-01');
    const late = await app.request('registrar', 'POST', '/api/petitions', {
      ...(await example('RegisterPetition')),
      receivedOn: '2022-05-01',
      ruleSetId: 'national-2005',
    });
    expect([late.status, late.body.error.details.fields[0].path]).toEqual([422, 'receivedOn']);
    expect(late.body.error.details.fields[0].message).toContain('2022-04-30');
  });
});
