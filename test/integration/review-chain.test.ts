import { dueDate, getRuleSet } from '../../src/rules';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { saveHistoryIfRequested } from '../support/histories';
import { deadlineOf, PetitionFlow } from '../support/petition-flow';

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

async function repliedCase(overrides: Record<string, unknown> = {}) {
  const id = await flow.accepted(overrides);
  await flow.post('handler', id, 'reply', { outcome: 'not-supported', opinion: '不予支持。' });
  return id;
}

it('runs reply → review → re-examination with a hearing → final, and refuses the same matter afterwards', async () => {
  const idNumber = `11010519800101${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const id = await repliedCase({ petitioner: { name: '钱七', idNumber } });
  const today = shanghaiToday();

  // The original unit can neither record the request nor act for the review body.
  expect((await app.request('handler', 'POST', `/api/petitions/${id}/review-request`, {})).status).toBe(403);
  const requested = await flow.post('city-handler', id, 'review-request', {});
  expect(requested).toMatchObject({
    status: 'under-review',
    actingUnitId: 'yunzhou-housing',
    handlingUnitId: 'qingshan-housing',
    review: { bodyUnitId: 'yunzhou-housing', bodyName: '云州市住房和城乡建设局', requestedOn: today },
  });
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
    (await app.request('province-handler', 'POST', `/api/petitions/${id}/reexamination-request`, {})).status,
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

  const reexamining = await flow.post('province-handler', id, 'reexamination-request', {});
  expect(reexamining).toMatchObject({ status: 'under-reexamination', actingUnitId: 'dongling-housing' });
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
    'case-review-chain-final',
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
  const requested = await flow.post('city-handler', id, 'review-request', {});
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
  await flow.post('city-handler', id, 'review-request', {});
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
  const future = await app.request('city-handler', 'POST', `/api/petitions/${id}/review-request`, {
    receivedOn: '2099-01-01',
  });
  expect([future.status, future.body.error.details.fields[0].path]).toEqual([422, 'receivedOn']);
  await flow.post('city-handler', id, 'review-request', {});
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
