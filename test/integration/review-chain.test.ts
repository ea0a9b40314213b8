import { dueDate, getRuleSet } from '../../src/rules';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';
import { addDays } from '../../src/rules/dates';
import { deadlineOf, footprint, higherApplication, PetitionFlow } from '../support/petition-flow';

/**
 * Review (复查) and re-examination (复核) through the API: the bodies above act, the original unit reads,
 * others see nothing; a final matter raised again is not accepted.
 */
let app: TestApp;
let flow: PetitionFlow;
const national = getRuleSet('national-2022');

beforeAll(async () => {
  app = await startTestApp('review-chain');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** What the registering bureau's supervisor finds in the inbox about a case. */
async function bureauNotices(id: string): Promise<Array<{ kind: string; text: string }>> {
  const inbox = await flow.expectStatus(200, 'supervisor', 'GET', '/api/notifications?pageSize=100');
  return inbox.items
    .filter((n: { petitionId: string }) => n.petitionId === id)
    .map((n: { kind: string; payload: { text: string } }) => ({ kind: n.kind, text: n.payload.text }))
    .reverse();
}

async function repliedCase(overrides: Record<string, unknown> = {}) {
  const id = await flow.accepted(overrides);
  await flow.post('handler', id, 'reply', { outcome: 'not-supported', opinion: '不予支持。' });
  return id;
}

it('runs reply → review → re-examination with a hearing → final, and refuses the same matter afterwards', async () => {
  const idNumber = `11010519800101${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const id = await repliedCase({ petitioner: { name: '钱七', idNumber } });
  const today = shanghaiToday();

  // Without the petitioner's application nothing shows that the petitioner asked: refused, nothing changes.
  const before = await footprint(app.pool, id);
  const empty = await app.request('city-handler', 'POST', `/api/petitions/${id}/review-request`, {});
  expect([empty.status, empty.body.error.code]).toEqual([422, 'validation_failed']);
  expect(empty.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
    'receivedOn',
    'channel',
    'application',
  ]);
  expect(await footprint(app.pool, id)).toEqual(before);
  expect((await flow.get('registrar', id)).status).toBe('replied');

  // The original unit can neither record the request nor act for the review body.
  expect(
    (await app.request('handler', 'POST', `/api/petitions/${id}/review-request`, higherApplication())).status,
  ).toBe(403);
  const application = {
    channel: 'visit',
    application: '对住建局答复不服，申请复查。',
    reference: '云复〔2026〕1号',
  };
  const requested = await flow.post('city-handler', id, 'review-request', higherApplication(application));
  expect(requested).toMatchObject({
    status: 'under-review',
    actingUnitId: 'yunzhou-housing',
    handlingUnitId: 'qingshan-housing',
    review: {
      bodyUnitId: 'yunzhou-housing',
      bodyName: '云州市住房和城乡建设局',
      requestedOn: today,
      application: {
        channel: 'visit',
        reference: '云复〔2026〕1号',
        text: '对住建局答复不服，申请复查。',
        documentId: expect.any(String),
      },
    },
  });
  // In the audit trail as the review chain's other documents are: by id, on the event.
  expect(requested.timeline.find((e: { type: string }) => e.type === 'review-requested').data).toMatchObject({
    requestedOn: today,
    application: {
      channel: 'visit',
      reference: '云复〔2026〕1号',
      documentId: requested.review.application.documentId,
    },
  });
  expect(await bureauNotices(id)).toEqual([
    {
      kind: 'review-requested',
      text: `复查申请 (review) recorded by 云州市住房和城乡建设局: received ${today} by visit`,
    },
  ]);
  expect(deadlineOf(requested, 'request-review').status).toBe('met');
  expect(deadlineOf(requested, 'review')).toMatchObject({
    status: 'running',
    dueDate: dueDate(national, 'review', today).dueDate,
  });
  expect((await app.request('handler', 'GET', `/api/petitions/${id}`)).status).toBe(200);
  const byOriginal = await app.request('handler', 'POST', `/api/petitions/${id}/review-opinion`, {
    outcome: 'upheld',
    opinion: 'x',
  });
  expect(byOriginal.status).toBe(403);
  expect((await app.request('hr-handler', 'GET', `/api/petitions/${id}`)).status).toBe(404);
  // The re-examination body is no party before the review opinion: it does not learn of the case.
  expect(
    (
      await app.request(
        'province-handler',
        'POST',
        `/api/petitions/${id}/reexamination-request`,
        higherApplication(),
      )
    ).status,
  ).toBe(404);

  const reviewed = await flow.post('city-head', id, 'review-opinion', {
    outcome: 'upheld',
    opinion: '维持原处理意见。',
  });
  expect(reviewed).toMatchObject({
    status: 'reviewed',
    review: { outcome: 'upheld', opinion: '维持原处理意见。' },
  });
  expect(deadlineOf(reviewed, 'request-reexamination')).toMatchObject({
    status: 'running',
    dueDate: dueDate(national, 'request-reexamination', today).dueDate,
  });

  const noApplication = await app.request(
    'province-handler',
    'POST',
    `/api/petitions/${id}/reexamination-request`,
    {
      receivedOn: today,
      channel: 'online',
    },
  );
  expect([noApplication.status, noApplication.body.error.details.fields]).toEqual([
    422,
    [{ path: 'application', message: expect.stringContaining('reference') }],
  ]);
  const reexamining = await flow.post('province-handler', id, 'reexamination-request', {
    receivedOn: today,
    channel: 'online',
    reference: '东复核〔2026〕9号',
  });
  expect(reexamining).toMatchObject({
    status: 'under-reexamination',
    actingUnitId: 'dongling-housing',
    reexamination: {
      application: { channel: 'online', reference: '东复核〔2026〕9号', text: null, documentId: null },
    },
  });
  expect((await bureauNotices(id)).map((n) => n.text)).toContain(
    `复核申请 (re-examination) recorded by ${reexamining.reexamination.bodyName}: received ${today} by online`,
  );
  expect((await app.request('city-head', 'POST', `/api/petitions/${id}/hearings`, {})).status).toBe(403);
  const opened = await flow.post('province-handler', id, 'hearings', {});
  expect(deadlineOf(opened, 'reexamine').status).toBe('paused');
  expect(
    (await app.request('province-head', 'POST', `/api/petitions/${id}/hearings/hearing-2/close`, {})).status,
  ).toBe(404);
  const closed = await flow.post('province-head', id, 'hearings/hearing-1/close', {});
  // A hearing opened and closed today stopped the clock for one day.
  expect(deadlineOf(closed, 'reexamine')).toMatchObject({
    status: 'running',
    pausedDays: 1,
    dueDate: dueDate(national, 'reexamine', today, { pausedDays: 1 }).dueDate,
  });
  expect(closed.reexamination.hearings).toEqual([
    { id: 'hearing-1', openedOn: today, closedOn: today, days: 1 },
  ]);

  const final = await flow.post('province-head', id, 'reexamination-opinion', {
    outcome: 'upheld',
    opinion: '维持。',
  });
  expect(final).toMatchObject({
    status: 'closed',
    closedReason: 'final',
    reexamination: { outcome: 'upheld' },
  });
  await saveHistoryIfRequested(
    app.client.workflow.getHandle(petitionWorkflowId(id)),
    'case-review-chain-application',
  );

  const again = await flow.register({ petitioner: { name: '钱七', idNumber } });
  expect(await flow.get('registrar', again)).toMatchObject({
    status: 'closed',
    closedReason: 'not-accepted',
    notAccepted: { reason: 'final' },
    links: { finalCase: id },
  });
});

it('has the review body accept the request first in Shandong (3 working days, Art 43)', async () => {
  const id = await repliedCase({ ruleSetId: 'shandong-2015' });
  const requested = await flow.post('city-handler', id, 'review-request', higherApplication());
  expect(requested.status).toBe('review-requested');
  expect(deadlineOf(requested, 'accept-review')).toMatchObject({
    status: 'running',
    dueDate: dueDate(getRuleSet('shandong-2015'), 'accept-review', shanghaiToday()).dueDate,
  });
  expect(
    (
      await app.request('city-head', 'POST', `/api/petitions/${id}/review-opinion`, {
        outcome: 'upheld',
        opinion: 'x',
      })
    ).status,
  ).toBe(409);
  const accepted = await flow.post('city-head', id, 'review-request/accept', {});
  expect(accepted.status).toBe('under-review');
  expect(deadlineOf(accepted, 'accept-review').status).toBe('met');
  await saveHistoryIfRequested(
    app.client.workflow.getHandle(petitionWorkflowId(id)),
    'case-review-shandong-acceptance',
  );
});

it('re-opens the handling at the original unit when the review revokes the reply', async () => {
  const id = await repliedCase();
  await flow.post('city-handler', id, 'review-request', higherApplication());
  const revoked = await flow.post('city-head', id, 'review-opinion', {
    outcome: 'revoked',
    opinion: '撤销，责令重新办理。',
  });
  expect(revoked).toMatchObject({ status: 'accepted', actingUnitId: 'qingshan-housing', reply: null });
  expect(
    revoked.deadlines
      .filter((d: { key: string }) => d.key === 'handle')
      .map((d: { status: string }) => d.status),
  ).toEqual(['met', 'running']);
  await flow.post('handler', id, 'reply', { outcome: 'supported', opinion: '重新办理：支持。' });
  await saveHistoryIfRequested(
    app.client.workflow.getHandle(petitionWorkflowId(id)),
    'case-review-rehandling',
  );
});

it('refuses bad bodies and dates on the chain’s routes', async () => {
  const id = await repliedCase();
  const future = await app.request(
    'city-handler',
    'POST',
    `/api/petitions/${id}/review-request`,
    higherApplication({ receivedOn: '2099-01-01' }),
  );
  expect([future.status, future.body.error.details.fields[0].path]).toEqual([422, 'receivedOn']);
  const badChannel = await app.request(
    'city-handler',
    'POST',
    `/api/petitions/${id}/review-request`,
    higherApplication({ channel: 'pigeon', reference: 'x'.repeat(101) }),
  );
  expect(badChannel.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([
    'channel',
    'reference',
  ]);
  await flow.post('city-handler', id, 'review-request', higherApplication());
  const badOutcome = await app.request('city-head', 'POST', `/api/petitions/${id}/review-opinion`, {
    outcome: 'maybe',
    opinion: 'x',
  });
  expect(badOutcome.status).toBe(422);
  const early = await app.request('city-head', 'POST', `/api/petitions/${id}/review-opinion`, {
    outcome: 'upheld',
    opinion: 'x',
    deliveredOn: '2020-01-01',
  });
  expect([early.status, early.body.error.details.fields[0].path]).toEqual([422, 'deliveredOn']);
});

it('answers the body above one 404 for every case it may not act on, until its request is recorded (F12)', async () => {
  const today = shanghaiToday();
  const ask = (login: string, id: string, body: unknown, path = 'review-request') =>
    app.request(login, 'POST', `/api/petitions/${id}/${path}`, body);
  const hr = flow.at({ registrar: 'registrar', unitId: 'qingshan-hr', handler: 'hr-handler' });
  const missing = 'XF-1999-000001';
  const otherArea = await hr.replied(); // handled by the county HR bureau: its review body is the city's HR
  const notReplied = await flow.accepted();
  const replied = await repliedCase();
  const before = await footprint(app.pool, replied);

  // An empty body is refused alike on every id, before any case is looked at.
  for (const id of [missing, otherArea, notReplied, replied]) {
    expect((await ask('city-handler', id, {})).status).toBe(422);
  }
  // A case of another area, one not replied yet, and one whose reply came after the application (the
  // case's refusal would name the reply's date) all answer as the missing one does.
  const answers = await Promise.all([
    ask('city-handler', missing, higherApplication()),
    ask('city-handler', otherArea, higherApplication()),
    ask('city-handler', notReplied, higherApplication()),
    ask('city-handler', replied, higherApplication({ receivedOn: addDays(today, -1) })),
  ]);
  const ids = [missing, otherArea, notReplied, replied];
  const shapes = answers.map((a, i) => ({
    status: a.status,
    code: a.body.error.code,
    message: a.body.error.message.replace(ids[i], '<id>'),
  }));
  expect(new Set(shapes.map((shape) => JSON.stringify(shape))).size).toBe(1);
  expect(shapes[0]).toMatchObject({ status: 404, code: 'not_found' });
  expect(await footprint(app.pool, replied)).toEqual(before);
  expect(await bureauNotices(replied)).toEqual([]);

  // With a valid application the request is recorded, the bureau told, and the body is a party from then on.
  const requested = await flow.post('city-handler', replied, 'review-request', higherApplication());
  expect(requested.review.application).toMatchObject({ channel: 'letter', text: expect.any(String) });
  expect((await bureauNotices(replied)).map((n) => n.kind)).toEqual(['review-requested']);
  await flow.post('city-head', replied, 'review-opinion', { outcome: 'upheld', opinion: '维持。' });

  // The re-examination body alike: the review opinion was delivered today, an application of yesterday is
  // refused with the same 404 as a missing case.
  const early = await ask(
    'province-handler',
    replied,
    higherApplication({ receivedOn: addDays(today, -1) }),
    'reexamination-request',
  );
  const none = await ask('province-handler', missing, higherApplication(), 'reexamination-request');
  expect([early.status, early.body.error.message.replace(replied, '<id>')]).toEqual([
    none.status,
    none.body.error.message.replace(missing, '<id>'),
  ]);
  expect(none.status).toBe(404);
});
