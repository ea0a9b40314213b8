import { holderOf, noticeOf } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * Reply → review → re-examination with a hearing → final, on dates worked out by hand against the 2026
 * official calendar (calendar days, start day not counted, a last day on a rest day rolls forward).
 */
const { registrar, handler, cityHandler: city, provinceHandler: province } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const review = { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' } as const;
const reexamination = {
  type: 'requestReexamination',
  bodyUnitId: 'province-housing',
  bodyName: '省住建厅',
} as const;

async function replied(ruleSetId = 'national-2022') {
  const driver = await new CaseDriver(ruleSetId, '2026-05-25').register();
  await driver.ok(registrar, route);
  driver.today = '2026-06-01';
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  // D5 nationally: 60 d from Mon 1 Jun → Fri 31 Jul (Zhejiang: 30 d → Wed 1 Jul).
  expect(driver.deadline('handle')?.dueDate).toBe(
    ruleSetId === 'zhejiang-2016' ? '2026-07-01' : '2026-07-31',
  );
  driver.today = '2026-07-20';
  await driver.ok(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'o' });
  return driver;
}

it('runs the whole chain to a final opinion, each deadline on its hand-worked date', async () => {
  const driver = await replied();
  // D7: 30 d from Mon 20 Jul → Wed 19 Aug.
  expect(driver.deadline('request-review')).toMatchObject({ status: 'running', dueDate: '2026-08-19' });

  driver.today = '2026-08-10';
  await driver.ok(city, review);
  expect(driver.state).toMatchObject({
    status: 'under-review',
    review: { bodyUnitId: 'city-housing', requestedOn: '2026-08-10' },
  });
  expect(driver.deadline('request-review')?.status).toBe('met');
  // D8: 30 d from Mon 10 Aug → Wed 9 Sep.
  expect(driver.deadline('review')).toMatchObject({ status: 'running', dueDate: '2026-09-09' });
  expect(
    await driver.run(handler, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'x' }),
  ).toEqual({
    refusal: expect.objectContaining({ code: 'not_responsible' }),
  });

  driver.today = '2026-09-04';
  await driver.ok(city, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' });
  expect(driver.state.status).toBe('reviewed');
  // D9: 30 d from Fri 4 Sep → Sun 4 Oct, in the National Day holiday (1–7 Oct) → Thu 8 Oct.
  expect(driver.deadline('request-reexamination')).toMatchObject({
    status: 'running',
    dueDate: '2026-10-08',
  });

  driver.today = '2026-09-21';
  await driver.ok(province, reexamination);
  expect(driver.state.status).toBe('under-reexamination');
  // D10: 30 d from Mon 21 Sep → Wed 21 Oct.
  expect(driver.deadline('reexamine')).toMatchObject({ status: 'running', dueDate: '2026-10-21' });

  driver.today = '2026-09-28';
  await driver.ok(province, { type: 'openHearing' });
  expect(driver.deadline('reexamine')?.status).toBe('paused');
  expect(
    await driver.run(province, { type: 'reexaminationOpinion', outcome: 'upheld', opinionDocumentId: 'f' }),
  ).toEqual({
    refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
  });
  driver.today = '2026-10-09';
  await driver.ok(province, { type: 'closeHearing', hearingId: 'hearing-1' });
  // The hearing ran Mon 28 Sep – Fri 9 Oct, across National Day: 12 days not counted.
  // D10: 30 + 12 = 42 d from Mon 21 Sep → Mon 2 Nov.
  expect(driver.state.reexamination?.hearings).toEqual([
    { id: 'hearing-1', openedOn: '2026-09-28', closedOn: '2026-10-09', days: 12 },
  ]);
  expect(driver.deadline('reexamine')).toMatchObject({
    status: 'running',
    pausedDays: 12,
    dueDate: '2026-11-02',
  });

  driver.today = '2026-10-30';
  await driver.ok(province, { type: 'reexaminationOpinion', outcome: 'upheld', opinionDocumentId: 'f' });
  expect(driver.state).toMatchObject({ status: 'closed', closure: { reason: 'final' } });
  expect(driver.deadline('reexamine')?.status).toBe('met');
  expect(driver.state.deadlines.filter((d) => d.status === 'running')).toEqual([]);
});

it('refuses a review request after the window, naming its last day', async () => {
  const driver = await replied();
  driver.today = '2026-08-20';
  expect(await driver.run(city, review)).toEqual({
    refusal: expect.objectContaining({
      code: 'deadline_passed',
      message: expect.stringContaining('2026-08-19'),
    }),
  });
});

it('orders the matter handled again when the review revokes the reply: a new D5 at the original unit', async () => {
  const driver = await replied();
  driver.today = '2026-08-10';
  await driver.ok(city, review);
  driver.today = '2026-08-17';
  await driver.ok(city, { type: 'reviewOpinion', outcome: 'revoked', opinionDocumentId: 'r' });
  expect(driver.state).toMatchObject({ status: 'accepted', handlingUnitId: 'housing' });
  expect(driver.deadline('review')?.status).toBe('met');
  // D5 again: 60 d from Mon 17 Aug → Fri 16 Oct.
  expect(driver.deadline('handle')).toMatchObject({
    status: 'running',
    startDate: '2026-08-17',
    dueDate: '2026-10-16',
  });
  await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o2' });
  expect(driver.state.status).toBe('replied');
});

it('closes the case when the re-examination window lapses unused (Zhejiang Art 25, as nationally)', async () => {
  const driver = await replied('zhejiang-2016');
  driver.today = '2026-08-10';
  await driver.ok(city, review);
  driver.today = '2026-09-04';
  await driver.ok(city, { type: 'reviewOpinion', outcome: 'changed', opinionDocumentId: 'r' });
  let fired = await driver.fireNextAlarm();
  while (driver.state.status !== 'closed') fired = await driver.fireNextAlarm();
  expect(fired.map((e) => e.type).slice(0, 2)).toEqual(['deadline-lapsed', 'closed']);
  expect(fired.slice(2).every((e) => e.type === 'deadline-cancelled')).toBe(true);
  expect(driver.state.closure).toMatchObject({
    reason: 'window-lapsed',
    deadlineKey: 'request-reexamination',
  });
});

it('has the review body accept the request within 3 working days in Shandong (Art 43)', async () => {
  const driver = await replied('shandong-2015');
  driver.today = '2026-08-10';
  await driver.ok(city, review);
  expect(driver.state.status).toBe('review-requested');
  // 3 wd from Mon 10 Aug → Thu 13 Aug; the 30 d review period runs from receipt all the same.
  expect(driver.deadline('accept-review')).toMatchObject({ status: 'running', dueDate: '2026-08-13' });
  expect(driver.deadline('review')).toMatchObject({ status: 'running', dueDate: '2026-09-09' });
  expect(
    await driver.run(city, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' }),
  ).toEqual({
    refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
  });
  driver.today = '2026-08-12';
  await driver.ok(city, { type: 'acceptReviewRequest' });
  expect(driver.state).toMatchObject({ status: 'under-review', review: { acceptedOn: '2026-08-12' } });
  expect(driver.deadline('accept-review')?.status).toBe('met');
});

it('names the last day of a lapsed review window when a request comes after the case closed', async () => {
  const driver = await replied();
  while (driver.state.status !== 'closed') await driver.fireNextAlarm();
  expect(await driver.run(city, review)).toEqual({
    refusal: expect.objectContaining({
      code: 'deadline_passed',
      message: expect.stringContaining('2026-08-19'),
    }),
  });
});

describe('edges of the chain found in review', () => {
  async function underReexamination() {
    const driver = await replied();
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    driver.today = '2026-09-04';
    await driver.ok(city, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' });
    driver.today = '2026-09-21';
    await driver.ok(province, reexamination);
    return driver;
  }

  it('refuses overlapping hearings and adds up the days of successive ones', async () => {
    const driver = await underReexamination();
    driver.today = '2026-09-25';
    await driver.ok(province, { type: 'openHearing', openedOn: '2026-09-22' });
    await driver.ok(province, { type: 'closeHearing', hearingId: 'hearing-1' }); // 22–25 Sep: 4 days
    expect(await driver.run(province, { type: 'openHearing', openedOn: '2026-09-25' })).toEqual({
      refusal: expect.objectContaining({ field: 'openedOn' }),
    });
    driver.today = '2026-09-29';
    await driver.ok(province, { type: 'openHearing', openedOn: '2026-09-26' });
    await driver.ok(province, { type: 'closeHearing', hearingId: 'hearing-2' }); // 26–29 Sep: 4 days
    expect(driver.deadline('reexamine')?.pausedDays).toBe(4 + 4);
  });

  it('lets a hearing recorded after D10 passed move it ahead again', async () => {
    const driver = await underReexamination();
    while (driver.deadline('reexamine')?.status === 'running') await driver.fireNextAlarm();
    expect(driver.deadline('reexamine')?.status).toBe('overdue');
    await driver.ok(province, { type: 'openHearing', openedOn: '2026-10-01' });
    expect(driver.deadline('reexamine')?.status).toBe('paused');
    driver.today = '2026-10-30';
    await driver.ok(province, { type: 'closeHearing', hearingId: 'hearing-1' });
    // 30 + 30 days from 21 Sep → 20 Nov, ahead of today: it runs again.
    expect(driver.deadline('reexamine')).toMatchObject({
      status: 'running',
      pausedDays: 30,
      dueDate: '2026-11-20',
    });
  });

  it('starts a re-handling afresh: earlier extensions do not count and the reply is not dated before the order', async () => {
    const driver = await new CaseDriver('national-2022', '2026-05-25').register();
    await driver.ok(registrar, route);
    driver.today = '2026-06-01';
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    await driver.ok(handler, { type: 'requestExtension', days: 30, reasonDocumentId: 'x' });
    await driver.ok(actors.head, { type: 'approveExtension', extensionId: 'ext-1' });
    driver.today = '2026-07-20';
    await driver.ok(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'o' });
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    expect(
      await driver.run(actors.head, {
        type: 'setCaseOwner',
        leader: 'l',
        handler: 'handler',
        targetDate: '2026-12-31',
        taskDocumentId: 't',
      }),
    ).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    await driver.ok(city, { type: 'reviewOpinion', outcome: 'revoked', opinionDocumentId: 'r' });
    expect(
      await driver.run(handler, {
        type: 'reply',
        outcome: 'supported',
        opinionDocumentId: 'o2',
        deliveredOn: '2026-07-21',
      }),
    ).toEqual({
      refusal: expect.objectContaining({ field: 'deliveredOn' }),
    });
    await driver.ok(handler, { type: 'requestExtension', days: 30, reasonDocumentId: 'y' });
    await driver.ok(actors.head, { type: 'approveExtension', extensionId: 'ext-2' });
    expect(driver.deadline('handle')).toMatchObject({ startDate: '2026-08-10', extensionDays: 30 });
  });

  it('names the last acting body on a final case', async () => {
    const driver = await underReexamination();
    await driver.ok(province, { type: 'reexaminationOpinion', outcome: 'upheld', opinionDocumentId: 'f' });
    expect(holderOf(driver.state)).toBe('province-housing');
  });
});

it('records the petitioner’s application and tells the bureau; a request without one (older histories) as before', async () => {
  const application = {
    channel: 'letter',
    documentId: 'doc-application',
    reference: '信〔2026〕7号',
  } as const;
  const withApplication = await replied();
  withApplication.today = '2026-08-10';
  const [requested] = await withApplication.ok(city, { ...review, application });
  expect(requested).toMatchObject({ type: 'review-requested', application });
  expect(withApplication.state.review?.application).toEqual(application);
  expect(noticeOf(requested!, withApplication.state)).toEqual({
    kind: 'review-requested',
    text: '复查申请 (review) recorded by 市住建局: received 2026-08-10 by letter',
    recipients: [{ unitId: withApplication.state.bureauUnitId, roles: ['supervisor'] }],
  });

  const without = await replied();
  without.today = '2026-08-10';
  const [older] = await without.ok(city, review);
  expect(older).not.toHaveProperty('application');
  expect(without.state.review).toEqual({
    bodyUnitId: 'city-housing',
    bodyName: '市住建局',
    requestedOn: '2026-08-10',
  });
  expect(noticeOf(older!, without.state)).toBeUndefined();
});
