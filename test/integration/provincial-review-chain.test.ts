import { addDays } from '../../src/rules/dates';
import { shanghaiToday, startTestApp, type TestApp } from '../support/harness';
import { deadlineOf, footprint, higherApplication, PetitionFlow } from '../support/petition-flow';
import { saveHistoryIfRequested } from '../support/histories';
import { petitionWorkflowId } from '../../src/workflows/messages';

/**
 * The provinces' own review-chain procedures through the API (issue 21, rule sets 1.4.0): Beijing's bodies
 * extend D8 / D10 (Art 50 ¶4), Shandong's refuse a request with reasons (Art 43–44), Henan has one review
 * only (Art 27).
 */
let app: TestApp;
let flow: PetitionFlow;

beforeAll(async () => {
  app = await startTestApp('provincial-review-chain');
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** Released as replay fixtures when SAVE_HISTORIES=1 (issue 21's procedures). */
const saveHistory = (id: string, name: string) =>
  saveHistoryIfRequested(app.client.workflow.getHandle(petitionWorkflowId(id)), name);

/** A request body as the OpenAPI document gives it, sent as it is. */
async function example(schema: string): Promise<Record<string, unknown>> {
  const doc = (await app.request(undefined, 'GET', '/openapi.json')).body;
  return doc.components.schemas[schema].example;
}

async function inbox(login: string, id: string): Promise<string[]> {
  const { items } = await flow.expectStatus(200, login, 'GET', '/api/notifications?pageSize=100');
  return items
    .filter((n: { petitionId: string }) => n.petitionId === id)
    .map((n: { kind: string }) => n.kind);
}

it('lets a Beijing review body extend D8, its head approving, and tells that head of the request', async () => {
  const id = await flow.inReview({ ruleSetId: 'beijing-2006' });
  const before = deadlineOf(await flow.get('city-handler', id), 'review');
  // The original unit reads the case but does not extend the body's period.
  const stranger = await app.request('handler', 'POST', `/api/petitions/${id}/extensions`, {
    days: 5,
    reason: '需补充调查。',
  });
  expect(stranger.status).toBe(403);

  const requested = await flow.post('city-handler', id, 'extensions', await example('RequestExtension'));
  expect(requested.extensions).toEqual([
    expect.objectContaining({ id: 'ext-1', deadlineKey: 'review', status: 'pending', days: 15 }),
  ]);
  expect(await inbox('city-head', id)).toContain('extension-request');
  expect(await inbox('unit-head', id)).not.toContain('extension-request');

  const approved = await flow.post(
    'city-head',
    id,
    'extensions/ext-1/approve',
    await example('ApproveExtension'),
  );
  const after = deadlineOf(approved, 'review');
  expect(after).toMatchObject({ status: 'running', extensionDays: 15, startDate: before.startDate });
  // 30 d + 15 d from the request, calendar days (a last day on a rest day rolls forward).
  expect(after.dueDate >= addDays(before.startDate, 45)).toBe(true);
  expect(after.dueDate > before.dueDate).toBe(true);
  expect(approved.timeline.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['extension-approved', 'petitioner-notified', 'deadline-extended']),
  );
  await saveHistory(id, 'case-beijing-review-extension');
});

it('lets a Shandong body refuse a request with reasons: the opinion below stands, the petitioner may ask again', async () => {
  const id = await flow.reviewRequested({ ruleSetId: 'shandong-2015' });
  const refusal = await example('RefuseReviewRequest');
  const refused = await flow.post('city-handler', id, 'review-request/refuse', refusal);
  expect(refused).toMatchObject({
    status: 'replied',
    review: null,
    actingUnitId: 'qingshan-housing',
    refusedRequests: [
      {
        stage: 'review',
        bodyUnitId: 'yunzhou-housing',
        refusedOn: shanghaiToday(),
        reason: refusal.reason,
        application: expect.objectContaining({ channel: 'letter' }),
      },
    ],
  });
  expect(deadlineOf(refused, 'accept-review').status).toBe('met');
  expect(deadlineOf(refused, 'request-review').status).toBe('running');
  expect(await inbox('supervisor', id)).toContain('review-request-refused');
  // Decided once: neither decision comes again.
  const again = await app.request('city-head', 'POST', `/api/petitions/${id}/review-request/accept`, {});
  expect([again.status, again.body.error.code]).toEqual([409, 'transition_not_allowed']);

  // A request put right, within the window: accepted, reviewed, then a re-examination request refused.
  await flow.post('city-handler', id, 'review-request', higherApplication());
  await flow.post('city-head', id, 'review-request/accept', {});
  await flow.post('city-head', id, 'review-opinion', { outcome: 'upheld', opinion: '维持。' });
  await flow.post('province-handler', id, 'reexamination-request', higherApplication());
  const noReason = await app.request(
    'province-head',
    'POST',
    `/api/petitions/${id}/reexamination-request/refuse`,
    {},
  );
  expect([noReason.status, noReason.body.error.code]).toEqual([422, 'validation_failed']);
  const reexamination = await flow.post(
    'province-head',
    id,
    'reexamination-request/refuse',
    await example('RefuseReexaminationRequest'),
  );
  expect(reexamination).toMatchObject({
    status: 'reviewed',
    reexamination: null,
    review: { outcome: 'upheld' },
    refusedRequests: [{ stage: 'review' }, { stage: 'reexamination', bodyUnitId: 'dongling-housing' }],
  });
  expect(deadlineOf(reexamination, 'request-reexamination').status).toBe('running');
  await saveHistory(id, 'case-shandong-request-refused');
});

it('ends a Henan matter with the review opinion: a re-examination request is refused naming Art 27', async () => {
  const id = await flow.inReview({ ruleSetId: 'henan-2012' });
  const opinion = await flow.post('city-head', id, 'review-opinion', {
    outcome: 'upheld',
    opinion: '维持。',
  });
  expect(opinion).toMatchObject({ status: 'closed', closedReason: 'final', actingUnitId: 'yunzhou-housing' });
  expect(opinion.deadlines.some((d: { key: string }) => d.key === 'request-reexamination')).toBe(false);

  const before = await footprint(app.pool, id);
  const refused = await app.request(
    'province-handler',
    'POST',
    `/api/petitions/${id}/reexamination-request`,
    higherApplication(),
  );
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({
    code: 'transition_not_allowed',
    message: expect.stringContaining('河南省信访条例 Art 27'),
  });
  // The review body, a party, is told the same by the case itself (its workflow has ended).
  const byParty = await app.request(
    'city-handler',
    'POST',
    `/api/petitions/${id}/reexamination-request`,
    higherApplication(),
  );
  expect([byParty.status, byParty.body.error.message]).toEqual([409, refused.body.error.message]);
  expect(await footprint(app.pool, id)).toEqual(before);
  await saveHistory(id, 'case-henan-final-review');
});
