import { fold, initialCaseState } from '../../../src/case';
import { casePolicyOf, getRuleSet } from '../../../src/rules';
import { actors, CaseDriver } from '../../support/case-engine';

/**
 * How the matter ended (S12–S16): 三到位一处理 (Art 27), an agreement (Art 33), 息诉罢访, and a supported
 * opinion carried out (Art 32 ¶2) under the carry-out deadline of rule sets 1.4.0 on, which outlives the
 * case's closure; a case pinned to 1.3.0 runs as before.
 */
const { registrar, handler, cityHandler: city, cityHead } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const carriedOut = (on: string) =>
  ({ type: 'recordCarriedOut', carriedOutOn: on, reportDocumentId: 'rep' }) as const;

/** Accepted on Mon 1 Jun 2026 and replied on 20 Jul, pinned to the given version (the latest by default). */
async function replied(outcome: 'supported' | 'explained' | 'not-supported', version?: string) {
  const pinned = version ? () => casePolicyOf(getRuleSet('national-2022', version)) : undefined;
  const driver = await new CaseDriver('national-2022', '2026-05-25', pinned).register();
  await driver.ok(registrar, route);
  driver.today = '2026-06-01';
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  driver.today = '2026-07-20';
  await driver.ok(handler, { type: 'reply', outcome, opinionDocumentId: 'o' });
  return driver;
}

describe('carrying out a supported opinion (Art 32 ¶2)', () => {
  it('is timed from the supported reply by the rule set’s carry-out deadline, and met by the record', async () => {
    const driver = await replied('supported');
    expect(driver.deadline('carry-out')).toMatchObject({
      status: 'running',
      startDate: '2026-07-20',
      dueDate: '2026-09-18',
      responsible: 'handling-unit',
      policy: 'supervise',
    });
    driver.today = '2026-08-10';
    const events = await driver.ok(handler, carriedOut('2026-08-07'));
    expect(events.map((e) => e.type)).toEqual(['opinion-carried-out', 'deadline-met']);
    expect(events[1]).toMatchObject({ key: 'carry-out', late: false, by: 'opinion-carried-out' });
    expect(driver.state.resolution?.carriedOut).toEqual({
      on: '2026-08-07',
      reportDocumentId: 'rep',
      recordedBy: 'handler',
      recordedOn: '2026-08-10',
    });
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('runs for the period the supported reply sets, within the rule set’s cap, and for no other reply', async () => {
    const driver = await replied('explained');
    const supported = { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' } as const;
    const fresh = async () => {
      const d = await new CaseDriver('national-2022', '2026-06-01').register();
      await d.ok(registrar, route);
      await d.ok(handler, { type: 'accept', procedure: 'normal' });
      return d;
    };
    for (const [body, field] of [
      [{ ...supported, carryOutDays: 181 }, 'carryOutDays'],
      [{ ...supported, outcome: 'explained', carryOutDays: 30 }, 'carryOutDays'],
    ] as const) {
      const d = await fresh();
      const refused = await d.run(handler, body);
      expect(refused).toEqual({ refusal: expect.objectContaining({ code: 'invalid_argument', field }) });
    }
    expect(driver.deadline('carry-out')).toBeUndefined();
    const d = await fresh();
    await d.ok(handler, { ...supported, carryOutDays: 14 });
    expect(d.deadline('carry-out')).toMatchObject({
      startDate: '2026-06-01',
      dueDate: '2026-06-15',
      lengthDays: 14,
    });
    const pinned = await new CaseDriver('national-2022', '2026-06-01', () =>
      casePolicyOf(getRuleSet('national-2022', '1.3.0')),
    ).register();
    await pinned.ok(registrar, route);
    await pinned.ok(handler, { type: 'accept', procedure: 'normal' });
    const old = await pinned.run(handler, { ...supported, carryOutDays: 14 });
    expect(old).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'carryOutDays' }),
    });
  });

  it('starts with no other outcome, and refuses the record there', async () => {
    for (const outcome of ['explained', 'not-supported'] as const) {
      const driver = await replied(outcome);
      expect(driver.deadline('carry-out')).toBeUndefined();
      const refused = await driver.run(handler, carriedOut('2026-07-20'));
      expect(refused).toEqual({ refusal: expect.objectContaining({ code: 'transition_not_allowed' }) });
    }
  });

  it('refuses a date before the reply or after today, and a second record', async () => {
    const driver = await replied('supported');
    for (const on of ['2026-07-19', '2026-07-21']) {
      const refused = await driver.run(handler, carriedOut(on));
      expect(refused).toEqual({
        refusal: expect.objectContaining({ code: 'invalid_argument', field: 'carriedOutOn' }),
      });
    }
    await driver.ok(registrar, carriedOut('2026-07-20'));
    const again = await driver.run(handler, carriedOut('2026-07-20'));
    expect(again).toEqual({
      refusal: expect.objectContaining({
        code: 'transition_not_allowed',
        message: expect.stringMatching(/already/),
      }),
    });
  });

  it('outlives the case becoming final: supervised when it passes, the ladder climbs, a late record ends the case', async () => {
    const driver = await replied('supported');
    // The review window (30 d) lapses unused: the case is final, but the opinion is still to be carried out.
    const lapsed = await driver.passUntil('2026-08-20');
    expect(lapsed.map((e) => e.type)).toContain('closed');
    expect(driver.state.status).toBe('closed');
    expect(driver.deadline('carry-out')?.status).toBe('running');
    expect(driver.closed).toBe(false);
    const fired = await driver.passUntil('2026-10-05');
    expect(fired.map((e) => e.type)).toEqual([
      'deadline-warning',
      'deadline-warning',
      'deadline-overdue',
      'supervision-notice',
      'escalated',
    ]);
    expect(fired[3]).toMatchObject({ key: 'carry-out', unitId: 'housing', noticeOn: '2026-09-19' });
    expect(fired[4]).toMatchObject({
      key: 'carry-out',
      to: 'joint-conference-office',
      escalatedOn: '2026-10-04',
    });
    // 息诉罢访 may still be recorded while the case stays open for the opinion.
    await driver.ok(handler, { type: 'recordResolution', stoppedPetitioning: { on: '2026-10-01' } });
    const met = await driver.ok(handler, carriedOut('2026-10-05'));
    expect(met[1]).toMatchObject({ type: 'deadline-met', key: 'carry-out', late: true });
    expect(driver.closed).toBe(true);
    const after = await driver.run(handler, {
      type: 'recordResolution',
      measures: [{ measure: 'resolved' }],
    });
    expect(after).toEqual({ refusal: expect.objectContaining({ code: 'transition_not_allowed' }) });
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('ends when a review opinion changes or revokes the reply', async () => {
    const driver = await replied('supported');
    driver.today = '2026-07-25';
    await driver.ok(city, { type: 'requestReview', bodyUnitId: 'city-housing', bodyName: '市住建局' });
    expect(driver.deadline('carry-out')?.status).toBe('running');
    const events = await driver.ok(cityHead, {
      type: 'reviewOpinion',
      outcome: 'revoked',
      opinionDocumentId: 'r',
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'deadline-cancelled', key: 'carry-out' }));
  });

  it('is not tracked for a case pinned to 1.3.0, which runs and closes exactly as before', async () => {
    const supported = await replied('supported', '1.3.0');
    const explained = await replied('explained', '1.3.0');
    // The supported reply's events are the explained one's but for the outcome: no deadline more.
    const strip = (driver: CaseDriver) =>
      driver.events.map((e) => (e.type === 'replied' ? { ...e, outcome: '-' } : e));
    expect(strip(supported)).toEqual(strip(explained));
    expect(supported.deadline('carry-out')).toBeUndefined();
    const refused = await supported.run(handler, carriedOut('2026-07-20'));
    expect(refused).toEqual({
      refusal: expect.objectContaining({
        code: 'transition_not_allowed',
        message: expect.stringMatching(/1\.3\.0/),
      }),
    });
    await supported.passUntil('2026-08-20');
    expect(supported.state.status).toBe('closed');
    expect(supported.closed).toBe(true);
  });
});

describe('the resolution record', () => {
  it('records 三到位一处理, an agreement and 息诉罢访, each once, by the unit or the bureau', async () => {
    const driver = await replied('explained');
    driver.today = '2026-07-28';
    const [recorded] = await driver.ok(handler, {
      type: 'recordResolution',
      measures: [
        { measure: 'educated', on: '2026-07-22' },
        { measure: 'aided', aidKind: 'hardship-relief', noteDocumentId: 'n1' },
      ],
      agreement: { kind: 'mediation', agreedOn: '2026-07-15', agreementDocumentId: 'a1' },
    });
    expect(recorded).toMatchObject({
      type: 'resolution-recorded',
      recordedOn: '2026-07-28',
      measures: [
        { measure: 'educated', on: '2026-07-22' },
        { measure: 'aided', on: '2026-07-28', aidKind: 'hardship-relief', noteDocumentId: 'n1' },
      ],
    });
    await driver.ok(registrar, { type: 'recordResolution', stoppedPetitioning: { on: '2026-07-28' } });
    expect(driver.state.resolution).toMatchObject({
      measures: [{ measure: 'educated', recordedBy: 'handler' }, { measure: 'aided' }],
      agreement: { kind: 'mediation', agreedOn: '2026-07-15', agreementDocumentId: 'a1' },
      stoppedPetitioning: { on: '2026-07-28', recordedBy: 'registrar' },
    });
    for (const duplicate of [
      { measures: [{ measure: 'educated' as const }] },
      { agreement: { kind: 'settlement' as const, agreedOn: '2026-07-20', agreementDocumentId: 'a2' } },
      { stoppedPetitioning: { on: '2026-07-28' } },
    ]) {
      const refused = await driver.run(handler, { type: 'recordResolution', ...duplicate });
      expect(refused).toEqual({ refusal: expect.objectContaining({ code: 'transition_not_allowed' }) });
    }
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('refuses a record that says nothing, an aid without its kind, dates out of range, an agreement on a suggestion', async () => {
    const driver = await replied('explained');
    const before = driver.state;
    const bad = [
      [{}, 'body'],
      [{ measures: [{ measure: 'aided' }] }, 'measures.0.aidKind'],
      [{ measures: [{ measure: 'resolved', aidKind: 'medical' }] }, 'measures.0.aidKind'],
      [{ measures: [{ measure: 'lawfully-handled' }] }, 'measures.0.lawfulHandling'],
      [{ measures: [{ measure: 'aided', aidKind: 'other' }] }, 'measures.0.note'],
      [{ measures: [{ measure: 'resolved' }, { measure: 'resolved' }] }, 'measures.1'],
      [{ measures: [{ measure: 'resolved', on: '2026-05-31' }] }, 'measures.0.on'],
      [{ stoppedPetitioning: { on: '2026-07-21' } }, 'stoppedPetitioning.on'],
    ] as const;
    for (const [body, field] of bad) {
      const refused = await driver.run(handler, { type: 'recordResolution', ...body } as never);
      expect(refused).toEqual({ refusal: expect.objectContaining({ code: 'invalid_argument', field }) });
    }
    expect(driver.state).toBe(before);

    const suggestion = await new CaseDriver('national-2022', '2026-06-01').register({
      category: 'suggestion',
    });
    await suggestion.ok(registrar, route);
    await suggestion.ok(handler, { type: 'accept', procedure: 'normal' });
    const agreement = { kind: 'mediation', agreedOn: '2026-06-01', agreementDocumentId: 'a' } as const;
    const refused = await suggestion.run(handler, { type: 'recordResolution', agreement });
    expect(refused).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'agreement' }),
    });
  });
});
