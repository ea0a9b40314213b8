import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { petitionWorkflowId } from '../../src/workflows/messages';
import { startTestApp, type TestApp } from '../support/harness';
import { higherApplication, PetitionFlow } from '../support/petition-flow';

/**
 * History stays small: Updates answer a few fields, events reach PostgreSQL as deltas, deadlines are
 * computed by local activities. The figures are printed for the record; the bounds are the design targets.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('history-size');
});

afterAll(async () => {
  await app?.stop();
});

it('keeps a lifecycle with an extension under 100 history events and 60 KB', async () => {
  const flow = new PetitionFlow(app);
  const id = await flow.accepted();
  await flow.post('handler', id, 'extensions', { days: 20, reason: '需第三方检测。' });
  await flow.post('unit-head', id, 'extensions/ext-1/approve', {});
  await flow.post('handler', id, 'reply', { outcome: 'supported', opinion: '已维修。' });
  const history = await app.client.workflow.getHandle(petitionWorkflowId(id)).fetchHistory();
  const events = history.events?.length ?? 0;
  const bytes = Buffer.byteLength(historyToJSON(history));
  console.log(
    `history of register → route → accept → extension requested and approved → reply: ${events} events, ${(bytes / 1024).toFixed(1)} KB`,
  );
  expect(events).toBeLessThan(100);
  // 49.7 KB before the supervision ladder; it added the evaluation and return-visit deadlines (dates
  // computed and recorded), the ladder's part of the pinned policy and a patch marker: 55.8 KB.
  expect(bytes).toBeLessThan(60 * 1024);
});

it('prints the history of a whole chain to a final re-examination opinion (the review chain stays in one workflow)', async () => {
  const flow = new PetitionFlow(app);
  const id = await flow.accepted();
  await flow.post('handler', id, 'reply', { outcome: 'not-supported', opinion: '不予支持。' });
  await flow.post('city-handler', id, 'review-request', higherApplication());
  await flow.post('city-head', id, 'review-opinion', { outcome: 'upheld', opinion: '维持。' });
  await flow.post('province-handler', id, 'reexamination-request', higherApplication());
  await flow.post('province-handler', id, 'hearings', {});
  await flow.post('province-handler', id, 'hearings/hearing-1/close', {});
  await flow.post('province-head', id, 'reexamination-opinion', { outcome: 'upheld', opinion: '维持。' });
  const history = await app.client.workflow.getHandle(petitionWorkflowId(id)).fetchHistory();
  const bytes = Buffer.byteLength(historyToJSON(history));
  console.log(
    `history of register → … → reply → review → re-examination with a hearing → final: ${history.events?.length} events, ${(bytes / 1024).toFixed(1)} KB`,
  );
  expect(history.events?.length).toBeLessThan(200);
});
