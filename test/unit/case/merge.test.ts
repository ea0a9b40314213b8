import { type CaseEvent, fold, initialCaseState, isOpen, noticeOf } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * 并案: a duplicate merged into the case it repeats closes as `merged` (its deadlines stop) and waits; undone,
 * it reopens where it stood with the deadlines the merge stopped running again to their own dates.
 */
const { registrar, supervisor, handler } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const merge = { type: 'merge', intoCaseId: 'XF-2026-000007', reasonDocumentId: 'why' } as const;
const unmerge = { type: 'unmerge', reasonDocumentId: 'why-not' } as const;

async function accepted() {
  const driver = await new CaseDriver('national-2022', '2026-03-02').register();
  await driver.ok(registrar, route);
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

describe('merging a case (并案)', () => {
  it('closes it as merged, records into which case, by whom and why, and stops its deadlines', async () => {
    const driver = await accepted();
    driver.today = '2026-03-10';
    const events = await driver.ok(registrar, merge);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['merged', 'closed', 'deadline-cancelled']),
    );
    expect(driver.state.status).toBe('closed');
    expect(driver.state.closure).toEqual({ reason: 'merged', on: '2026-03-10' });
    expect(driver.state.merge).toMatchObject({
      intoCaseId: 'XF-2026-000007',
      reasonDocumentId: 'why',
      mergedOn: '2026-03-10',
      mergedBy: 'registrar',
      previousStatus: 'accepted',
    });
    expect(driver.state.merge?.openDeadlineKeys).toContain('handle');
    expect(driver.state.deadlines.filter(isOpen)).toEqual([]);
    // Nothing to wake up for while merged: no timer, no warning, no 督办.
    expect(driver.nextAlarm()).toBeUndefined();
  });

  it('refuses a merge into the case itself, by another unit, or of a closed case', async () => {
    const driver = await accepted();
    expect(await driver.run(registrar, { ...merge, intoCaseId: 'XF-2026-000001' })).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'into' }),
    });
    expect(await driver.run(handler, merge)).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(await driver.run(registrar, merge)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });
});

describe('who is told', () => {
  it('tells the handling unit that the case was merged, and that it is open again', async () => {
    const driver = await accepted();
    const noticesOf = (events: CaseEvent[]) =>
      events.flatMap((event) => {
        const upTo = driver.events.slice(0, driver.events.indexOf(event) + 1);
        const notice = noticeOf(event, fold(initialCaseState(), upTo));
        return notice ? [notice] : [];
      });
    const recipients = [{ unitId: 'housing', roles: ['handler', 'unit-head'] }];
    expect(noticesOf(await driver.ok(registrar, merge))).toEqual([
      { kind: 'case-merged', text: expect.stringContaining('XF-2026-000007'), recipients },
    ]);
    expect(noticesOf(await driver.ok(registrar, unmerge))).toEqual([
      { kind: 'case-unmerged', text: expect.stringContaining('open again'), recipients },
    ]);
  });
});

describe('undoing a merge', () => {
  it('reopens the case where it stood, its deadlines again with their own dates', async () => {
    const driver = await accepted();
    const handleBefore = driver.deadline('handle')!;
    driver.today = '2026-03-10';
    await driver.ok(registrar, merge);
    driver.today = '2026-03-20';
    const events = await driver.ok(supervisor, unmerge);
    expect(events[0]).toMatchObject({
      type: 'unmerged',
      fromCaseId: 'XF-2026-000007',
      reopenedStatus: 'accepted',
      unmergedOn: '2026-03-20',
    });
    expect(driver.state.status).toBe('accepted');
    expect(driver.state.closure).toBeUndefined();
    expect(driver.state.merge).toBeUndefined();
    const handle = driver.deadline('handle')!;
    expect(handle.status).toBe('running');
    expect(handle.startDate).toBe(handleBefore.startDate);
    expect(handle.dueAt).toBe(handleBefore.dueAt);
    expect(driver.nextAlarm()).toBeDefined();
    // The reopened case goes on as any other.
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.state.status).toBe('replied');
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('keeps the extension granted before the merge', async () => {
    const driver = await accepted();
    await driver.ok(handler, { type: 'requestExtension', days: 15, reasonDocumentId: 'r' });
    await driver.ok(actors.head, { type: 'approveExtension', extensionId: 'ext-1' });
    const extended = driver.deadline('handle')!;
    await driver.ok(registrar, merge);
    await driver.ok(registrar, unmerge);
    expect(driver.deadline('handle')).toMatchObject({
      status: 'running',
      dueAt: extended.dueAt,
      extensionDays: 15,
    });
  });

  it('is refused on a case closed otherwise, and on an open case', async () => {
    const driver = await accepted();
    expect(await driver.run(registrar, unmerge)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(await driver.run(registrar, unmerge)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });
});

describe('a merged case with a supported opinion to carry out (rule sets 1.4.0 on)', () => {
  it('stops carrying it out while merged, and restarts it once when the merge is undone', async () => {
    const driver = await accepted();
    driver.today = '2026-03-20';
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    const carryOut = driver.deadline('carry-out');
    expect(carryOut?.status).toBe('running');
    driver.today = '2026-03-25';
    await driver.ok(registrar, merge);
    // The surviving case carries the matter: nothing of this one runs or wakes it up.
    expect(driver.state.deadlines.filter(isOpen)).toEqual([]);
    expect(driver.nextAlarm()).toBeUndefined();
    driver.today = '2026-03-30';
    await driver.ok(registrar, unmerge);
    const open = driver.state.deadlines.filter(isOpen).map((d) => d.key);
    expect(open.filter((key) => key === 'carry-out')).toHaveLength(1);
    expect(driver.deadline('carry-out')).toMatchObject({ status: 'running', dueAt: carryOut?.dueAt });
  });
});
