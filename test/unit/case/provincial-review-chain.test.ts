import { casePolicyOf, getRuleSet } from '../../../src/rules';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * The provinces' own review-chain procedures (issue 21), in rule sets 1.4.0: Beijing's bodies extend their
 * opinion periods (Art 50 ¶4), Shandong's bodies refuse a request with reasons (Art 43–44), Henan has one
 * review only (Art 27). Dates worked out by hand against the 2026 official calendar.
 */
const {
  registrar,
  handler,
  head,
  cityHandler: city,
  cityHead,
  provinceHandler: province,
  provinceHead,
} = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const review = { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' } as const;
const reexamination = {
  type: 'requestReexamination',
  bodyUnitId: 'province-housing',
  bodyName: '省住建厅',
} as const;
const upheld = { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' } as const;
const extension = (days: number) => ({ type: 'requestExtension', days, reasonDocumentId: 'why' }) as const;

/** A case pinned to an earlier release of its rule set. */
const pinnedTo = (ruleSetId: string, version: string) => () => casePolicyOf(getRuleSet(ruleSetId, version));

/** Accepted Mon 1 Jun, replied Mon 20 Jul 2026: D7 runs to Wed 19 Aug. */
async function replied(ruleSetId: string, version?: string) {
  const driver = await new CaseDriver(
    ruleSetId,
    '2026-05-25',
    version ? pinnedTo(ruleSetId, version) : undefined,
  ).register();
  await driver.ok(registrar, route);
  driver.today = '2026-06-01';
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  driver.today = '2026-07-20';
  await driver.ok(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'o' });
  return driver;
}

/** Under review from Mon 10 Aug: D8 runs 30 d to Wed 9 Sep. */
async function underReview(ruleSetId: string, version?: string) {
  const driver = await replied(ruleSetId, version);
  driver.today = '2026-08-10';
  await driver.ok(city, review);
  if (driver.state.status === 'review-requested') await driver.ok(city, { type: 'acceptReviewRequest' });
  expect(driver.deadline('review')).toMatchObject({ status: 'running', dueDate: '2026-09-09' });
  return driver;
}

describe('Beijing: the review and re-examination bodies extend their periods (Art 50 ¶4)', () => {
  it('lets the review body ask for up to 30 d of D8 and its head approve; D8 moves from its start', async () => {
    const driver = await underReview('beijing-2006');
    // The original unit no longer holds the case: D8 is not its deadline.
    expect(await driver.run(handler, extension(5))).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    expect(await driver.run(city, extension(31))).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'days' }),
    });
    driver.today = '2026-09-01';
    const [requested] = await driver.ok(city, extension(5));
    expect(requested).toMatchObject({ type: 'extension-requested', deadlineKey: 'review', days: 5 });
    // Not the handling unit's head, nor the requester: the head of the review body (for its committee).
    expect(await driver.run(head, { type: 'approveExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    const events = await driver.ok(cityHead, { type: 'approveExtension', extensionId: 'ext-1' });
    expect(events.map((e) => e.type)).toEqual([
      'extension-approved',
      'petitioner-notified',
      'deadline-extended',
    ]);
    // 30 + 5 = 35 d from Mon 10 Aug → Mon 14 Sep.
    expect(driver.deadline('review')).toMatchObject({
      status: 'running',
      dueDate: '2026-09-14',
      extensionDays: 5,
    });
    // The cap is D8's own: 25 d remain.
    expect(await driver.run(city, extension(26))).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining('25') }),
    });
  });

  it('lets the re-examination body extend D10 after a hearing, the hearing days still not counted', async () => {
    const driver = await underReview('beijing-2006');
    driver.today = '2026-09-04';
    await driver.ok(city, upheld);
    driver.today = '2026-09-21';
    await driver.ok(province, reexamination);
    // D10: 30 d from Mon 21 Sep → Wed 21 Oct.
    expect(driver.deadline('reexamine')?.dueDate).toBe('2026-10-21');
    driver.today = '2026-09-28';
    await driver.ok(province, { type: 'openHearing' });
    expect(await driver.run(province, extension(5))).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    driver.today = '2026-10-09';
    await driver.ok(province, { type: 'closeHearing', hearingId: 'hearing-1' });
    // 30 + 12 hearing days = 42 d from Mon 21 Sep → Mon 2 Nov.
    expect(driver.deadline('reexamine')?.dueDate).toBe('2026-11-02');
    await driver.ok(province, extension(3));
    // The review body is done: its head does not decide the re-examination body's extension.
    expect(await driver.run(cityHead, { type: 'refuseExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    await driver.ok(provinceHead, { type: 'approveExtension', extensionId: 'ext-1' });
    // 42 + 3 = 45 d from Mon 21 Sep → Thu 5 Nov.
    expect(driver.deadline('reexamine')).toMatchObject({
      dueDate: '2026-11-05',
      extensionDays: 3,
      pausedDays: 12,
    });
  });

  it('leaves a request of an earlier stage undecided aside: the body decides on its own only', async () => {
    const driver = await new CaseDriver('beijing-2006', '2026-05-25').register();
    await driver.ok(registrar, route);
    driver.today = '2026-06-01';
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    // A D5 extension asked for and never decided before the reply.
    await driver.ok(handler, extension(5));
    driver.today = '2026-07-20';
    await driver.ok(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'o' });
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    expect(await driver.run(cityHead, { type: 'approveExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    await driver.ok(city, extension(5));
    expect(driver.state.extensions.at(-1)).toMatchObject({ id: 'ext-2', deadlineKey: 'review' });
  });

  it('keeps a case pinned to 1.3.0, and every other rule set, extending D5 only', async () => {
    for (const driver of [
      await underReview('beijing-2006', '1.3.0'),
      await underReview('national-2022'),
      await underReview('shandong-2015'),
    ]) {
      expect(await driver.run(city, extension(5))).toEqual({
        refusal: {
          code: 'transition_not_allowed',
          message: 'requestExtension is not allowed on a petition that is under-review',
        },
      });
    }
  });
});

describe('Shandong: the bodies refuse a request with reasons (不予受理, Art 43–44)', () => {
  it('puts a refused review request on record, the reply standing and the window open to its end', async () => {
    const driver = await replied('shandong-2015');
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    // Only the review body refuses, and only while the request waits for its decision.
    expect(await driver.run(handler, { type: 'refuseReviewRequest', reasonDocumentId: 'why' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    driver.today = '2026-08-12';
    const events = await driver.ok(city, { type: 'refuseReviewRequest', reasonDocumentId: 'why' });
    expect(events.map((e) => e.type)).toEqual([
      'review-request-refused',
      'deadline-cancelled',
      'deadline-met',
      'deadline-started',
    ]);
    expect(driver.state).toMatchObject({
      status: 'replied',
      refusedRequests: [
        {
          stage: 'review',
          bodyUnitId: 'city-housing',
          requestedOn: '2026-08-10',
          refusedOn: '2026-08-12',
          reasonDocumentId: 'why',
        },
      ],
    });
    expect(driver.state.review).toBeUndefined();
    expect(driver.deadline('accept-review')?.status).toBe('met');
    expect(driver.state.deadlines.find((d) => d.key === 'review')?.status).toBe('cancelled');
    // The window runs again from the reply, to its original last day (Wed 19 Aug).
    expect(driver.deadline('request-review')).toMatchObject({ status: 'running', dueDate: '2026-08-19' });
    expect(await driver.run(city, { type: 'acceptReviewRequest' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });

    // A request put right comes within the window: the body decides on it afresh.
    driver.today = '2026-08-17';
    await driver.ok(city, review);
    expect(driver.state).toMatchObject({ status: 'review-requested', review: { requestedOn: '2026-08-17' } });
    await driver.ok(city, { type: 'acceptReviewRequest' });
    expect(driver.state.status).toBe('under-review');
  });

  it('ends the matter when the window was over by the time of the refusal (Art 46 ¶1 (2))', async () => {
    const driver = await replied('shandong-2015');
    driver.today = '2026-08-18';
    await driver.ok(city, review);
    driver.today = '2026-08-20';
    await driver.ok(city, { type: 'refuseReviewRequest', reasonDocumentId: 'why' });
    expect(driver.deadline('request-review')?.dueDate).toBe('2026-08-19');
    // The timers catch up (the return visit's, then the window's own).
    await driver.passUntil('2026-08-20');
    expect(driver.state).toMatchObject({
      status: 'closed',
      closure: { reason: 'window-lapsed', deadlineKey: 'request-review' },
    });
  });

  it('refuses a re-examination request: the review opinion stands, the re-examination window runs on', async () => {
    const driver = await underReview('shandong-2015');
    driver.today = '2026-09-04';
    await driver.ok(city, upheld);
    // D9: 30 d from Fri 4 Sep → Sun 4 Oct, in the National Day holiday → Thu 8 Oct.
    driver.today = '2026-09-21';
    await driver.ok(province, reexamination);
    expect(driver.state.status).toBe('reexamination-requested');
    await driver.ok(province, { type: 'refuseReexaminationRequest', reasonDocumentId: 'why' });
    expect(driver.state).toMatchObject({
      status: 'reviewed',
      review: { outcome: 'upheld' },
      refusedRequests: [{ stage: 'reexamination', bodyUnitId: 'province-housing', refusedOn: '2026-09-21' }],
    });
    expect(driver.state.reexamination).toBeUndefined();
    expect(driver.state.deadlines.find((d) => d.key === 'reexamine')?.status).toBe('cancelled');
    expect(driver.deadline('request-reexamination')).toMatchObject({
      status: 'running',
      dueDate: '2026-10-08',
    });
  });

  it('has no refusal where the body does not decide on acceptance first', async () => {
    const driver = await underReview('national-2022');
    expect(await driver.run(city, { type: 'refuseReviewRequest', reasonDocumentId: 'why' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });
});

describe('Henan: one review only (Art 27)', () => {
  it('ends the matter with a review opinion that stands: no re-examination window, no request', async () => {
    const driver = await underReview('henan-2012');
    driver.today = '2026-09-04';
    const events = await driver.ok(city, upheld);
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['review-opinion', 'closed', 'deadline-met']);
    expect(driver.state).toMatchObject({ status: 'closed', closure: { reason: 'final', on: '2026-09-04' } });
    expect(driver.state.deadlines.some((d) => d.key === 'request-reexamination')).toBe(false);
    expect(await driver.run(province, reexamination)).toEqual({
      refusal: {
        code: 'transition_not_allowed',
        message:
          'henan-2012 allows one review only (河南省信访条例 Art 27 (三)): the review opinion is final, ' +
          'no re-examination request is accepted',
      },
    });
  });

  it('still orders a revoked reply handled again', async () => {
    const driver = await underReview('henan-2012');
    driver.today = '2026-09-04';
    await driver.ok(city, { type: 'reviewOpinion', outcome: 'revoked', opinionDocumentId: 'r' });
    expect(driver.state.status).toBe('accepted');
    expect(driver.deadline('handle')?.status).toBe('running');
  });

  it('keeps a case pinned to 1.3.0 on the national chain', async () => {
    const driver = await underReview('henan-2012', '1.3.0');
    driver.today = '2026-09-04';
    await driver.ok(city, upheld);
    expect(driver.state.status).toBe('reviewed');
    expect(driver.deadline('request-reexamination')?.status).toBe('running');
  });
});
