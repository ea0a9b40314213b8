import { type CaseEvent, fold, initialCaseState, noticeOf } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * 关注级别 (S5) and the 重大、紧急 flag (Art 25): set by the petition bureau or the joint-conference office on
 * any open case with a reason, changeable, each change an event; raising the flag tells the bureau head and
 * the office at once.
 */
const { registrar, supervisor, handler, office } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const first = { type: 'setPriority', level: 'first', reasonDocumentId: 'r1' } as const;

async function transferred() {
  const driver = await new CaseDriver('national-2022', '2026-03-02').register();
  await driver.ok(registrar, route);
  return driver;
}

const noticesOf = (driver: CaseDriver, events: CaseEvent[]) =>
  events.flatMap((event) => {
    const upTo = driver.events.slice(0, driver.events.indexOf(event) + 1);
    const notice = noticeOf(event, fold(initialCaseState(), upTo));
    return notice ? [notice] : [];
  });

describe('setting the priority', () => {
  it('records the level, its reason, who and when, and changes it later with the previous values', async () => {
    const driver = await transferred();
    const [set] = await driver.ok(supervisor, first);
    expect(set).toMatchObject({
      type: 'priority-set',
      level: 'first',
      majorUrgent: false,
      setOn: '2026-03-02',
    });
    expect(driver.state.priority).toEqual({
      level: 'first',
      majorUrgent: false,
      reasonDocumentId: 'r1',
      setBy: 'supervisor',
      setOn: '2026-03-02',
    });
    driver.today = '2026-03-05';
    const [changed] = await driver.ok(office, {
      type: 'setPriority',
      level: 'second',
      reasonDocumentId: 'r2',
    });
    expect(changed).toMatchObject({ level: 'second', previousLevel: 'first', previousMajorUrgent: false });
    expect(driver.state.priority).toMatchObject({ level: 'second', setBy: 'jco', setOn: '2026-03-05' });
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('keeps the major-or-urgent flag when a change leaves it out, and dates it from when it was raised', async () => {
    const driver = await transferred();
    await driver.ok(supervisor, { ...first, majorUrgent: true });
    driver.today = '2026-03-09';
    await driver.ok(supervisor, { type: 'setPriority', level: 'second', reasonDocumentId: 'r2' });
    expect(driver.state.priority).toMatchObject({ majorUrgent: true, majorUrgentSince: '2026-03-02' });
    await driver.ok(supervisor, { ...first, majorUrgent: false });
    expect(driver.state.priority).not.toHaveProperty('majorUrgentSince');
  });

  it('tells the bureau head and the office when the flag is raised, and no one when only the level changes', async () => {
    const driver = await transferred();
    const raised = await driver.ok(supervisor, { ...first, majorUrgent: true });
    expect(noticesOf(driver, raised)).toEqual([
      {
        kind: 'major-urgent',
        text: expect.stringContaining('Art 25'),
        recipients: [
          { unitId: 'bureau', roles: ['unit-head', 'supervisor'] },
          { unitId: 'office', roles: ['jco'] },
        ],
      },
    ]);
    const changed = await driver.ok(supervisor, {
      type: 'setPriority',
      level: 'ordinary',
      reasonDocumentId: 'r',
    });
    expect(noticesOf(driver, changed)).toEqual([]);
    const plain = await driver.ok(supervisor, { ...first, majorUrgent: false });
    expect(noticesOf(driver, plain)).toEqual([]);
  });
});

describe('refusals, which change nothing', () => {
  it.each([
    ['an unknown level', { ...first, level: 'urgent' as never }, 'invalid_argument', 'level'],
    ['a missing reason', { ...first, reasonDocumentId: '' }, 'invalid_argument', 'reason'],
  ])('refuses %s', async (_what, command, code, field) => {
    const driver = await transferred();
    const before = driver.state;
    expect(await driver.run(supervisor, command)).toEqual({
      refusal: expect.objectContaining({ code, field }),
    });
    expect(driver.state).toBe(before);
  });

  it('refuses a closed case', async () => {
    const driver = await transferred();
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(await driver.run(supervisor, first)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    expect(driver.state.priority).toBeUndefined();
  });

  it('refuses the handling unit: the bureau and the office set the priority', async () => {
    const driver = await transferred();
    expect(await driver.run(handler, first)).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
  });

  it('refuses setting the priority the case already has', async () => {
    const driver = await transferred();
    await driver.ok(supervisor, first);
    expect(await driver.run(office, { ...first, reasonDocumentId: 'r2' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });
});
