import { fold, initialCaseState } from '../../../src/case';
import { casePolicyOf, getRuleSet } from '../../../src/rules';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * The closures two provincial texts add: Shanghai's check (核查, Art 42 (二)) and Zhejiang's agreement carried
 * out (Art 25 (1)), each offered only where the case's pinned rule set (1.4.0) names it.
 */
const { registrar, supervisor, handler, head, cityHandler: city } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const review = { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' } as const;
const verification = {
  type: 'closeOnVerification',
  checkingUnitId: 'district-government',
  checkingUnitName: '黄浦区人民政府',
  conclusionDocumentId: 'conclusion',
} as const;

/** A case accepted on Mon 1 Jun 2026, pinned to the given policy (the latest version by default). */
async function accepted(ruleSetId: string, version?: string) {
  const pinned = version ? () => casePolicyOf(getRuleSet(ruleSetId, version)) : undefined;
  const driver = await new CaseDriver(ruleSetId, '2026-05-25', pinned).register();
  await driver.ok(registrar, route);
  driver.today = '2026-06-01';
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

async function replied(ruleSetId: string, version?: string) {
  const driver = await accepted(ruleSetId, version);
  driver.today = '2026-07-20';
  await driver.ok(handler, { type: 'reply', outcome: 'not-supported', opinionDocumentId: 'o' });
  return driver;
}

describe('closure on verification (上海 Art 42 (二))', () => {
  it('ends the procedure after the reply: the review window is cancelled, not met, and the check recorded', async () => {
    const driver = await replied('shanghai-2012');
    driver.today = '2026-08-03';
    const events = await driver.ok(supervisor, { ...verification, approvedOn: '2026-07-31' });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['verification-approved', 'closed', 'deadline-cancelled']),
    );
    expect(driver.state).toMatchObject({
      status: 'closed',
      closure: { reason: 'verified', on: '2026-08-03' },
      verification: {
        checkingUnitId: 'district-government',
        checkingUnitName: '黄浦区人民政府',
        conclusionDocumentId: 'conclusion',
        approvedOn: '2026-07-31',
        recordedBy: 'supervisor',
      },
    });
    expect(driver.deadline('request-review')?.status).toBe('cancelled');
    expect(driver.state.deadlines.filter((d) => d.status === 'running')).toEqual([]);
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('ends it after the review opinion too; the approval defaults to today', async () => {
    const driver = await replied('shanghai-2012');
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    driver.today = '2026-09-04';
    await driver.ok(city, { type: 'reviewOpinion', outcome: 'upheld', opinionDocumentId: 'r' });
    driver.today = '2026-09-10';
    await driver.ok(supervisor, verification);
    expect(driver.state.verification?.approvedOn).toBe('2026-09-10');
    expect(driver.deadline('request-reexamination')?.status).toBe('cancelled');
  });

  it('is refused before the reply, by anyone but the bureau’s supervisor, and on dates outside the check', async () => {
    const during = await accepted('shanghai-2012');
    expect(await during.run(supervisor, verification)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    const driver = await replied('shanghai-2012');
    const before = driver.state;
    for (const actor of [registrar, handler, head]) {
      expect(await driver.run(actor, verification)).toEqual({
        refusal: expect.objectContaining({ code: 'not_responsible' }),
      });
    }
    for (const approvedOn of ['2026-07-19', '2026-07-21']) {
      expect(await driver.run(supervisor, { ...verification, approvedOn })).toEqual({
        refusal: expect.objectContaining({ code: 'invalid_argument', field: 'approvedOn' }),
      });
    }
    expect(await driver.run(supervisor, { ...verification, checkingUnitId: 'housing' })).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'checkingUnitId' }),
    });
    expect(driver.state).toBe(before);
  });

  it('is not offered by a case pinned to Shanghai 1.3.0, nor by the national set', async () => {
    for (const driver of [await replied('shanghai-2012', '1.3.0'), await replied('national-2022')]) {
      expect(await driver.run(supervisor, verification)).toEqual({
        refusal: expect.objectContaining({
          code: 'transition_not_allowed',
          message: expect.stringContaining('no closure on verification'),
        }),
      });
      expect(driver.state.status).toBe('replied');
    }
  });
});

const agreement = {
  type: 'closeOnAgreement',
  agreementDocumentId: 'agreement',
  agreedOn: '2026-06-10',
  carriedOutOn: '2026-06-15',
} as const;

describe('closure on an agreement carried out (浙江 Art 25 (1))', () => {
  it('during handling: meets D5 on the day it was carried out and closes the case', async () => {
    const driver = await accepted('zhejiang-2016');
    // Zhejiang D5: 30 d from Mon 1 Jun → Wed 1 Jul.
    expect(driver.deadline('handle')).toMatchObject({ status: 'running', dueDate: '2026-07-01' });
    driver.today = '2026-06-16';
    const events = await driver.ok(handler, { ...agreement, noteDocumentId: 'performance' });
    expect(events.find((e) => e.type === 'deadline-met')).toMatchObject({
      key: 'handle',
      late: false,
      by: 'agreement-carried-out',
    });
    expect(driver.state).toMatchObject({
      status: 'closed',
      closure: { reason: 'agreement-carried-out', on: '2026-06-16' },
      agreement: {
        agreementDocumentId: 'agreement',
        agreedOn: '2026-06-10',
        carriedOutOn: '2026-06-15',
        noteDocumentId: 'performance',
        recordedBy: 'handler',
      },
    });
    expect(driver.state.deadlines.filter((d) => d.status === 'running')).toEqual([]);
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('meets an overdue D5 late, and during the review meets the review deadline, by the review body', async () => {
    const late = await accepted('zhejiang-2016');
    await late.passUntil('2026-07-03');
    expect(late.deadline('handle')?.status).toBe('overdue');
    await late.ok(handler, { ...agreement, carriedOutOn: '2026-07-02' });
    expect(late.deadline('handle')).toMatchObject({ status: 'met', late: true });

    const driver = await replied('zhejiang-2016');
    driver.today = '2026-08-10';
    await driver.ok(city, review);
    driver.today = '2026-08-20';
    expect(
      await driver.run(handler, { ...agreement, agreedOn: '2026-08-12', carriedOutOn: '2026-08-19' }),
    ).toEqual({ refusal: expect.objectContaining({ code: 'not_responsible' }) });
    await driver.ok(city, { ...agreement, agreedOn: '2026-08-12', carriedOutOn: '2026-08-19' });
    expect(driver.deadline('review')).toMatchObject({ status: 'met', late: false });
    expect(driver.state.closure?.reason).toBe('agreement-carried-out');
  });

  it('refuses dates out of order or ahead, before acceptance, and cases whose policy lacks it', async () => {
    const driver = await accepted('zhejiang-2016');
    driver.today = '2026-06-16';
    const before = driver.state;
    const refusals = [
      [{ agreedOn: '2026-05-31' }, 'agreedOn'],
      [{ agreedOn: '2026-06-17' }, 'agreedOn'],
      [{ carriedOutOn: '2026-06-09' }, 'carriedOutOn'],
      [{ carriedOutOn: '2026-06-17' }, 'carriedOutOn'],
    ] as const;
    for (const [dates, field] of refusals) {
      expect(await driver.run(handler, { ...agreement, ...dates })).toEqual({
        refusal: expect.objectContaining({ code: 'invalid_argument', field }),
      });
    }
    expect(driver.state).toBe(before);

    const transferred = await new CaseDriver('zhejiang-2016', '2026-05-25').register();
    await transferred.ok(registrar, route);
    expect(await transferred.run(handler, agreement)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    for (const pinned of [await accepted('zhejiang-2016', '1.3.0'), await accepted('national-2022')]) {
      pinned.today = '2026-06-16';
      expect(await pinned.run(handler, agreement)).toEqual({
        refusal: expect.objectContaining({
          code: 'transition_not_allowed',
          message: expect.stringContaining('no closure on an agreement carried out'),
        }),
      });
    }
  });
});
