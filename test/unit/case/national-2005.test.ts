import { actors, CaseDriver } from '../../support/case-engine';

/**
 * A case under the 2005 regulations (信访条例), received Mon 1 Mar 2021, on dates worked out by hand against the
 * 2021 official calendar (calendar days, start day not counted, a last day on a rest day rolls forward).
 */
const { registrar, handler, head } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

async function routed(category: 'complaint' | 'suggestion' = 'complaint') {
  const driver = await new CaseDriver('national-2005', '2021-03-01').register({ category });
  await driver.ok(registrar, route);
  return driver;
}

describe('a case under national-2005', () => {
  it('decides acceptance within 15 d, and the acceptance carries its written notice (Art 21–22)', async () => {
    const driver = await routed();
    // D1 met by the routing; the decision on acceptance within 15 d of receipt of the transfer: Tue 16 Mar.
    expect(driver.deadline('route')?.status).toBe('met');
    expect(driver.deadline('acknowledge')).toMatchObject({ status: 'running', dueDate: '2021-03-16' });
    driver.today = '2021-03-08';
    const before = driver.state;
    expect(await driver.run(handler, { type: 'accept', procedure: 'normal' })).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'notice' }),
    });
    expect(driver.state).toBe(before);
    await driver.ok(handler, { type: 'accept', procedure: 'normal', noticeDocumentId: 'notice' });
    expect(driver.state).toMatchObject({ status: 'accepted', acceptanceNoticeDocumentId: 'notice' });
    expect(driver.deadline('acknowledge')).toMatchObject({ status: 'met', late: false });
    // Art 33: 60 d from Mon 8 Mar → Fri 7 May (a working day after the 1–5 May holiday).
    expect(driver.deadline('handle')).toMatchObject({
      status: 'running',
      dueDate: '2021-05-07',
      kind: 'statutory',
      ruleSetVersion: '1.0.0',
    });
  });

  it('gives a suggestion the statutory 60 d too (the 2005 text has no service norm split), extendable by 30 d', async () => {
    const driver = await routed('suggestion');
    driver.today = '2021-03-08';
    await driver.ok(handler, { type: 'accept', procedure: 'normal', noticeDocumentId: 'n' });
    expect(driver.deadline('handle-service-norm')).toBeUndefined();
    expect(driver.deadline('handle')).toMatchObject({ dueDate: '2021-05-07', kind: 'statutory' });
    driver.today = '2021-04-20';
    expect(await driver.run(handler, { type: 'requestExtension', days: 31, reasonDocumentId: 'r' })).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'days' }),
    });
    await driver.ok(handler, { type: 'requestExtension', days: 30, reasonDocumentId: 'r' });
    await driver.ok(head, { type: 'approveExtension', extensionId: 'ext-1' });
    // 90 d from Mon 8 Mar → Sun 6 Jun → Mon 7 Jun.
    expect(driver.deadline('handle')?.dueDate).toBe('2021-06-07');
  });

  it('has no objection window (the 2005 text has none): a misrouted unit does not accept instead', async () => {
    const driver = await routed();
    expect(driver.deadline('object')).toBeUndefined();
    expect(await driver.run(handler, { type: 'object', reasonDocumentId: 'r' })).toEqual({
      refusal: expect.objectContaining({ code: 'deadline_passed' }),
    });
    await driver.ok(handler, { type: 'notAccept', reason: 'outside-remit', noticeDocumentId: 'n' });
    expect(driver.state.closure?.reason).toBe('not-accepted');
  });

  it('gives the supervised unit 30 d to answer the supervision and its improvement suggestion (Art 36)', async () => {
    const driver = await routed();
    driver.today = '2021-03-08';
    await driver.ok(handler, { type: 'accept', procedure: 'normal', noticeDocumentId: 'n' });
    // D5 passes at 24:00 on Fri 7 May: the notice on Sat 8 May, feedback within 30 d → Mon 7 Jun.
    await driver.passUntil('2021-05-08');
    expect(driver.state.supervision?.[0]).toMatchObject({ deadlineKey: 'handle', noticeOn: '2021-05-08' });
    expect(driver.deadline('supervision-feedback')).toMatchObject({
      status: 'running',
      dueDate: '2021-06-07',
      kind: 'statutory',
    });
  });
});
