import { type Actor, type CaseCommandBody, noticeOf } from '../../../src/case';
import { casePolicyOf } from '../../../src/rules/case-policy';
import { getRuleSet } from '../../../src/rules/rule-set-registry';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, supervisor, handler, head } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const owner = (targetDate: string, leader = head.login, handlerLogin = handler.login): CaseCommandBody => ({
  type: 'setCaseOwner',
  leader,
  handler: handlerLogin,
  targetDate,
  taskDocumentId: 't',
});
const work = (kind: string, doneOn: string): CaseCommandBody =>
  ({ type: 'recordCaseOwnerWork', kind, doneOn, noteDocumentId: 'n' }) as CaseCommandBody;

/** A case received on 2026-03-02, routed and accepted the same day. */
async function acceptedCase(pinned?: string): Promise<CaseDriver> {
  const driver = await new CaseDriver(
    'national-2022',
    '2026-03-02',
    pinned ? () => casePolicyOf(getRuleSet('national-2022', pinned)) : undefined,
  ).register();
  await driver.ok(registrar, route);
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

const refusalOf = async (driver: CaseDriver, actor: Actor, body: CaseCommandBody) => {
  const before = driver.state;
  const result = await driver.run(actor, body);
  expect(driver.state).toBe(before);
  return 'refusal' in result ? result.refusal : undefined;
};

describe('the case-owning leader’s target date (包案办结时限)', () => {
  it('starts a deadline due on the target date itself, even a rest day', async () => {
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-04-04')); // a Saturday, in the Qingming holiday
    expect(driver.deadline('case-owner-target')).toMatchObject({
      status: 'running',
      startDate: '2026-03-02',
      dueDate: '2026-04-04',
      responsible: 'case-owning-leader',
      policy: 'supervise',
      kind: 'service-norm',
    });
  });

  it('warns the leader and the bureau, and when it passes supervises the handling unit (督办)', async () => {
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-03-20'));
    const fired = await driver.passUntil('2026-03-21');
    const own = fired.filter((e) => 'key' in e && e.key === 'case-owner-target');
    expect(own.map((e) => e.type)).toEqual([
      'deadline-warning',
      'deadline-warning',
      'deadline-overdue',
      'supervision-notice',
    ]);
    const warning = own[0]!;
    expect(warning).toMatchObject({ daysBefore: 7, caseOwningLeader: head.login });
    expect(noticeOf(warning, driver.state)?.recipients).toEqual(
      expect.arrayContaining([{ login: head.login }, { unitId: 'bureau', roles: ['supervisor'] }]),
    );
    expect(own[3]).toMatchObject({ unitId: 'housing', caseOwningLeader: head.login, noticeOn: '2026-03-21' });
    expect(driver.state.supervision).toEqual([
      expect.objectContaining({
        id: 'case-owner-target-1',
        deadlineKey: 'case-owner-target',
        unitId: 'housing',
      }),
    ]);
    // The reply meets it, late; the ladder of that deadline ends.
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.deadline('case-owner-target')).toMatchObject({ status: 'met', late: true });
    expect(driver.state.supervision?.[0]?.status).toBe('resolved');
  });

  it('goes to the bureau while the case is not routed yet', async () => {
    const driver = await new CaseDriver().register();
    await driver.ok(supervisor, owner('2026-03-10', supervisor.login));
    await driver.passUntil('2026-03-11');
    expect(driver.state.supervision?.find((i) => i.deadlineKey === 'case-owner-target')?.unitId).toBe(
      'bureau',
    );
  });

  it('is met on time by the reply before the target date', async () => {
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-04-30'));
    driver.today = '2026-04-01';
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.deadline('case-owner-target')).toMatchObject({ status: 'met', late: false });
  });

  it('moves with the target date: the old one ends, the new one runs from the day it moved', async () => {
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-03-20'));
    await driver.passUntil('2026-03-21');
    expect(driver.deadline('case-owner-target')?.status).toBe('overdue');
    const moved = await driver.ok(head, owner('2026-04-10'));
    // Its supervision ends with it, and so does the feedback period nobody waits on any more.
    expect(moved.map((e) => `${e.type}${'key' in e ? ` ${e.key}` : ''}`)).toEqual([
      'case-owner-set',
      'deadline-cancelled case-owner-target',
      'deadline-cancelled supervision-feedback',
      'deadline-started case-owner-target',
    ]);
    expect(driver.state.supervision?.[0]?.status).toBe('closed');
    const targets = driver.state.deadlines.filter((d) => d.key === 'case-owner-target');
    expect(targets.map((d) => [d.status, d.startDate, d.dueDate])).toEqual([
      ['cancelled', '2026-03-02', '2026-03-20'],
      ['running', '2026-03-21', '2026-04-10'],
    ]);
    // Another handler, the same date: the deadline stands as it is.
    const same = await driver.ok(head, owner('2026-04-10', head.login, 'another-handler'));
    expect(same.map((e) => e.type)).toEqual(['case-owner-set']);
  });

  it('starts nothing once the matter was replied to; a transfer out ends it with the case owner', async () => {
    const replied = await acceptedCase();
    await replied.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    await replied.ok(head, owner('2026-04-10'));
    expect(replied.deadline('case-owner-target')).toBeUndefined();

    const sent = await new CaseDriver().register();
    await sent.ok(supervisor, owner('2026-04-10', supervisor.login));
    await sent.ok(registrar, {
      type: 'transferOut',
      bureauUnitId: 'other-bureau',
      bureauName: '邻县信访局',
    });
    expect(sent.state.caseOwner).toBeUndefined();
    expect(sent.deadline('case-owner-target')?.status).toBe('cancelled');
  });

  it('keeps a case pinned to national-2022 1.3.0 exactly as before: no timer, today allowed', async () => {
    const driver = await acceptedCase('1.3.0');
    const events = await driver.ok(head, owner('2026-03-02'));
    expect(events.map((e) => e.type)).toEqual(['case-owner-set']);
    await driver.ok(head, owner('2026-03-20'));
    await driver.passUntil('2026-03-25');
    expect(driver.state.deadlines.map((d) => d.key)).not.toContain('case-owner-target');
    expect(driver.state.supervision ?? []).toEqual([]);
  });

  it('refuses a target date before the receipt, or today where it is a deadline', async () => {
    const driver = await acceptedCase();
    driver.today = '2026-03-05';
    expect(await refusalOf(driver, head, owner('2026-03-01'))).toMatchObject({
      code: 'invalid_argument',
      field: 'targetDate',
      message: expect.stringContaining('received (2026-03-02)'),
    });
    expect(await refusalOf(driver, head, owner('2026-03-05'))).toMatchObject({
      code: 'invalid_argument',
      field: 'targetDate',
      message: expect.stringContaining('tomorrow'),
    });
  });
});

describe('the four 包 (四定四包)', () => {
  it('are recorded with their dates by the leader, or for the leader by the bureau', async () => {
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-04-30'));
    driver.today = '2026-03-10';
    await driver.ok(head, work('investigation', '2026-03-09'));
    await driver.ok(supervisor, work('education', '2026-03-10'));
    expect(driver.state.caseOwnerWork).toEqual([
      {
        kind: 'investigation',
        doneOn: '2026-03-09',
        noteDocumentId: 'n',
        leader: head.login,
        recordedBy: head.login,
        recordedOn: '2026-03-10',
      },
      expect.objectContaining({ kind: 'education', leader: head.login, recordedBy: supervisor.login }),
    ]);
    // 包息诉罢访 after the reply, too.
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    await driver.ok(head, work('petitioner-stopped', '2026-03-10'));
    expect(driver.state.caseOwnerWork).toHaveLength(3);
  });

  it('refuses someone else, an unknown kind, a date outside the case, a kind recorded twice, no leader', async () => {
    const none = await acceptedCase();
    expect(await refusalOf(none, head, work('handling', '2026-03-02'))).toMatchObject({
      code: 'transition_not_allowed',
    });
    const driver = await acceptedCase();
    await driver.ok(head, owner('2026-04-30'));
    expect(await refusalOf(driver, handler, work('handling', '2026-03-02'))).toMatchObject({
      code: 'not_responsible',
    });
    expect(await refusalOf(driver, registrar, work('handling', '2026-03-02'))).toMatchObject({
      code: 'not_responsible',
    });
    expect(await refusalOf(driver, head, work('visits', '2026-03-02'))).toMatchObject({
      code: 'invalid_argument',
      field: 'kind',
    });
    expect(await refusalOf(driver, head, work('handling', '2026-03-01'))).toMatchObject({
      code: 'invalid_argument',
      field: 'doneOn',
    });
    expect(await refusalOf(driver, head, work('handling', '2026-03-03'))).toMatchObject({
      code: 'invalid_argument',
      field: 'doneOn',
    });
    await driver.ok(head, work('handling', '2026-03-02'));
    expect(await refusalOf(driver, head, work('handling', '2026-03-02'))).toMatchObject({
      code: 'transition_not_allowed',
    });
  });
});
