import { toShanghaiDate } from '../../../src/rules/dates';
import { casePolicyOf } from '../../../src/rules/case-policy';
import { getRuleSet } from '../../../src/rules';
import { noticeOf } from '../../../src/case/recipients';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, handler, petitioner } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const dissatisfiedVisit = {
  type: 'recordReturnVisit',
  reached: true,
  satisfaction: 'dissatisfied',
  noteDocumentId: 'v1',
} as const;

/** A complaint accepted on Mon 2 Mar 2026 and replied to on Wed 1 Apr (the return visit is due 16 Apr). */
async function replied(driver = new CaseDriver('national-2022', '2026-03-02')): Promise<CaseDriver> {
  await driver.register();
  await driver.ok(registrar, route);
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  driver.today = '2026-04-01';
  await driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
  return driver;
}

/** A dissatisfied return visit on Fri 10 Apr. */
async function dissatisfied(driver?: CaseDriver): Promise<CaseDriver> {
  const d = await replied(driver);
  d.today = '2026-04-10';
  await d.ok(handler, dissatisfiedVisit);
  return d;
}

describe('follow-up (跟踪回访) of a dissatisfied return visit or evaluation', () => {
  it('opens a follow-up with its own deadline (15 d, project default) on a dissatisfied visit', async () => {
    const driver = await dissatisfied();
    expect(driver.policy.ladder?.followUpDeadline).toBe('follow-up');
    expect(driver.state.followUps).toEqual([
      { id: 'follow-up-1', openedOn: '2026-04-10', cause: { kind: 'return-visit' }, status: 'open' },
    ]);
    expect(driver.state.followUp).toEqual({ since: '2026-04-10' });
    expect(driver.deadline('follow-up')).toMatchObject({
      status: 'running',
      startDate: '2026-04-10',
      // 15 calendar days end on Sat 25 Apr: rolled forward to Mon 27 Apr.
      dueDate: '2026-04-27',
      responsible: 'handling-unit',
      policy: 'supervise',
    });
  });

  it('closes it with a note: the deadline is met and the flag clears; a second close is refused', async () => {
    const driver = await dissatisfied();
    driver.today = '2026-04-20';
    const close = { type: 'closeFollowUp', followUpId: 'follow-up-1', noteDocumentId: 'n' } as const;
    await driver.ok(handler, close);
    expect(driver.deadline('follow-up')).toMatchObject({ status: 'met', late: false });
    expect(driver.state.followUps?.[0]).toMatchObject({
      status: 'closed',
      closedOn: '2026-04-20',
      closedWith: 'note',
      closedBy: 'handler',
      noteDocumentId: 'n',
    });
    expect(driver.state.followUp).toBeUndefined();
    // The flag's history stays: the visit that set it, and the events.
    expect(driver.state.returnVisits?.[0]).toMatchObject({ followUp: true });
    const before = driver.state;
    expect(await driver.run(handler, close)).toEqual({
      refusal: expect.objectContaining({
        code: 'transition_not_allowed',
        message: expect.stringContaining('closed on 2026-04-20'),
      }),
    });
    expect(driver.state).toBe(before);
    expect(await driver.run(handler, { ...close, followUpId: 'follow-up-9' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_found', field: 'followUpId' }),
    });
  });

  it('refuses a closing date before the follow-up opened or after today', async () => {
    const driver = await dissatisfied();
    driver.today = '2026-04-20';
    for (const closedOn of ['2026-04-09', '2026-04-21']) {
      expect(
        await driver.run(handler, {
          type: 'closeFollowUp',
          followUpId: 'follow-up-1',
          noteDocumentId: 'n',
          closedOn,
        }),
      ).toEqual({ refusal: expect.objectContaining({ code: 'invalid_argument', field: 'closedOn' }) });
    }
  });

  it('answers with a second visit: dissatisfied again keeps it open, satisfied closes it', async () => {
    const driver = await dissatisfied();
    driver.today = '2026-04-15';
    const second = { ...dissatisfiedVisit, noteDocumentId: 'v2', followUpId: 'follow-up-1' };
    await driver.ok(handler, second);
    expect(driver.state.followUps?.[0]?.status).toBe('open');
    expect(driver.state.followUps).toHaveLength(1);
    driver.today = '2026-04-22';
    await driver.ok(handler, { ...second, satisfaction: 'basically-satisfied', noteDocumentId: 'v3' });
    expect(driver.state.followUps?.[0]).toMatchObject({
      status: 'closed',
      closedOn: '2026-04-22',
      closedWith: 'second-visit',
      noteDocumentId: 'v3',
    });
    expect(driver.state.returnVisits?.map((v) => [v.satisfaction, v.followUpId])).toEqual([
      ['dissatisfied', undefined],
      ['dissatisfied', 'follow-up-1'],
      ['basically-satisfied', 'follow-up-1'],
    ]);
    expect(driver.deadline('follow-up')?.status).toBe('met');
    expect(driver.state.followUp).toBeUndefined();
    expect(await driver.run(handler, second)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });

  it('opens one on a dissatisfied evaluation; a later dissatisfaction joins the open one', async () => {
    const driver = await replied();
    driver.today = '2026-04-05';
    await driver.ok(petitioner, { type: 'evaluate', subject: 'written-reply', grade: 'dissatisfied' });
    expect(driver.state.followUps).toEqual([
      {
        id: 'follow-up-1',
        openedOn: '2026-04-05',
        cause: { kind: 'evaluation', subject: 'written-reply' },
        status: 'open',
      },
    ]);
    expect(driver.state.followUp).toEqual({ since: '2026-04-05' });
    const opened = driver.events.find((e) => e.type === 'follow-up-opened')!;
    expect(noticeOf(opened, driver.state)).toMatchObject({
      kind: 'follow-up',
      recipients: [
        { unitId: 'bureau', roles: ['supervisor'] },
        { unitId: 'housing', roles: ['unit-head', 'handler'] },
      ],
    });
    driver.today = '2026-04-10';
    await driver.ok(handler, dissatisfiedVisit);
    expect(driver.state.followUps).toHaveLength(1);
    expect(driver.deadline('follow-up')?.startDate).toBe('2026-04-05');
  });

  it('climbs the supervision ladder when it is not closed in time', async () => {
    const driver = await dissatisfied();
    // A review keeps the case open past the review window (a lapsed window would close it).
    driver.today = '2026-04-20';
    const review = { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' } as const;
    await driver.ok(actors.cityHandler, review);
    await driver.passUntil('2026-05-20');
    const ladder = driver.events
      .filter(
        (e) => ['supervision-notice', 'escalated'].includes(e.type) && 'key' in e && e.key === 'follow-up',
      )
      .map((e) => `${toShanghaiDate(e.at)} ${e.type} ${'reason' in e ? e.reason : ''}`.trim());
    // Due Mon 27 Apr: the notice the next day; no feedback within its 5 working days: the office (each rung
    // once, so the 15-days-overdue rung adds nothing).
    expect(ladder).toEqual(['2026-04-28 supervision-notice', '2026-05-09 escalated feedback-overdue']);
    expect(driver.state.supervision?.find((i) => i.deadlineKey === 'follow-up')).toMatchObject({
      unitId: 'housing',
    });
  });

  it('ends cancelled when the case closes first; the flag stays', async () => {
    const driver = await dissatisfied();
    driver.today = '2026-04-12';
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(driver.state.followUps?.[0]).toMatchObject({ status: 'cancelled', closedOn: '2026-04-12' });
    expect(driver.deadline('follow-up')?.status).toBe('cancelled');
    expect(driver.state.followUp).toEqual({ since: '2026-04-10' });
  });

  it('keeps a case pinned to national-2022 1.3.0 as before: a dissatisfied visit only flags it', async () => {
    const pinned = new CaseDriver('national-2022', '2026-03-02', () =>
      casePolicyOf(getRuleSet('national-2022', '1.3.0')),
    );
    const driver = await dissatisfied(pinned);
    expect(driver.policy.ladder?.followUpDeadline).toBeUndefined();
    expect(driver.state.followUp).toEqual({ since: '2026-04-10' });
    expect(driver.state.followUps).toBeUndefined();
    expect(driver.state.deadlines.some((d) => d.key === 'follow-up')).toBe(false);
    expect(driver.events.some((e) => e.type.startsWith('follow-up'))).toBe(false);
    expect(
      await driver.run(handler, { type: 'closeFollowUp', followUpId: 'follow-up-1', noteDocumentId: 'n' }),
    ).toEqual({ refusal: expect.objectContaining({ code: 'not_found' }) });
  });

  it('reaches the provinces through national-2022 1.4.0 (their 1.5.0)', () => {
    for (const id of ['zhejiang-2016', 'shandong-2015', 'beijing-2006', 'shanghai-2012', 'henan-2012']) {
      expect(casePolicyOf(getRuleSet(id)).ladder?.followUpDeadline).toBe('follow-up');
      expect(casePolicyOf(getRuleSet(id, '1.4.0')).ladder?.followUpDeadline).toBeUndefined();
    }
  });
});
