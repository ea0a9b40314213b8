import { computeDeadlines } from '../../../src/activities/compute-deadline';
import { completeSettlement, decide, draftSettlement } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, handler, head } = actors;

/** A case whose extension request waits for the unit head: approving it moves D5 (an `extend` request). */
async function extensionRequested() {
  const driver = await new CaseDriver().register();
  await driver.ok(registrar, { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' });
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  await driver.ok(handler, { type: 'requestExtension', days: 30, reasonDocumentId: 'doc-1' });
  return driver;
}

function approval(driver: CaseDriver) {
  const decision = decide(
    driver.state,
    { type: 'approveExtension', extensionId: driver.state.extensions[0]!.id, actor: head },
    { today: driver.today, policy: driver.policy },
  );
  if (!decision.ok) throw new Error(decision.refusal.message);
  return decision.events;
}

describe('a settlement drafted, then completed by whoever computes its deadlines', () => {
  it('gives the events the runner writes in one step, the moved deadline included', async () => {
    const driver = await extensionRequested();
    const meta = { at: driver.now, actor: head.login };
    const draft = draftSettlement(driver.policy, driver.state, approval(driver), meta);
    // Plain data: it crosses to the local activity and back unchanged.
    const crossed = JSON.parse(JSON.stringify(draft)) as typeof draft;
    const completed = completeSettlement(
      crossed,
      computeDeadlines({ ruleSetId: driver.ruleSetId, requests: crossed.requests }),
    );

    const before = driver.state.lastSequence;
    expect(completed).toEqual(
      await driver.ok(head, { type: 'approveExtension', extensionId: driver.state.extensions[0]!.id }),
    );
    expect(draft.requests).toEqual([expect.objectContaining({ key: 'handle', extend: true })]);
    expect(completed.map((e) => e.type)).toContain('deadline-extended');
    expect(completed.map((e) => e.sequence)).toEqual(completed.map((_, i) => before + i + 1));
  });

  it('refuses results that do not answer its requests', async () => {
    const driver = await extensionRequested();
    const draft = draftSettlement(driver.policy, driver.state, approval(driver), { at: driver.now });
    const [result] = computeDeadlines({ ruleSetId: driver.ruleSetId, requests: draft.requests });
    expect(() => completeSettlement(draft, [])).toThrow('expected 1 computed deadlines, got 0');
    expect(() => completeSettlement(draft, [{ ...result!, key: 'route' }])).toThrow(
      'computed deadline route answers request handle',
    );
  });
});
