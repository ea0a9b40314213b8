import { fold, initialCaseState } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, supervisor, handler, head, hrHandler } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

async function transferred(ruleSetId?: string, today?: string) {
  const driver = await new CaseDriver(ruleSetId, today).register();
  await driver.ok(registrar, route);
  return driver;
}

async function accepted(procedure: 'normal' | 'simplified' = 'normal') {
  const driver = await transferred();
  await driver.ok(handler, { type: 'accept', procedure });
  return driver;
}

describe('registration and routing', () => {
  it('starts D1 on registration and meets it on routing, starting D2 and the objection window D3', async () => {
    const driver = await new CaseDriver().register();
    expect(driver.deadline('route')).toMatchObject({
      status: 'running',
      startDate: '2026-03-02',
      dueDate: '2026-03-17',
    });
    const events = await driver.ok(registrar, route);
    expect(events.map((e) => e.type)).toEqual([
      'routed',
      'deadline-met',
      'deadline-started',
      'deadline-started',
    ]);
    expect(driver.state.status).toBe('transferred');
    expect(driver.deadline('route')).toMatchObject({ status: 'met', late: false });
    expect(driver.deadline('acknowledge')).toMatchObject({ status: 'running', dueDate: '2026-03-17' });
    // 5 working days from Mon 2 Mar: Tue 3 … Mon 9 Mar.
    expect(driver.deadline('object')).toMatchObject({
      status: 'running',
      dueDate: '2026-03-09',
      policy: 'lapse-and-continue',
    });
  });

  it('assigns with a report deadline D4 whose length the assigner sets, capped by the rule set', async () => {
    const driver = await new CaseDriver().register();
    const tooLong = await driver.run(registrar, { ...route, mode: 'assign', reportDays: 61 });
    expect(tooLong).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'reportDays' }),
    });
    await driver.ok(registrar, { ...route, mode: 'assign', reportDays: 20 });
    expect(driver.deadline('report-assigned')).toMatchObject({ dueDate: '2026-03-23', lengthDays: 20 });
    expect(driver.state.routing).toEqual({ mode: 'assign', routedOn: '2026-03-02', reportDays: 20 });
  });

  it('refuses a report deadline on a plain transfer and routing back to the bureau', async () => {
    const driver = await new CaseDriver().register();
    expect(await driver.run(registrar, { ...route, reportDays: 10 })).toEqual({
      refusal: expect.objectContaining({ field: 'reportDays' }),
    });
    expect(await driver.run(registrar, { ...route, unitId: 'bureau' })).toEqual({
      refusal: expect.objectContaining({ field: 'unitId' }),
    });
  });

  it('registers a matter already final as not accepted, linked, and closed at once', async () => {
    const driver = await new CaseDriver().register({
      flags: { firstTime: false, finalCaseId: 'XF-2025-000009' },
    });
    expect(driver.state.status).toBe('closed');
    expect(driver.state.closure).toMatchObject({ reason: 'not-accepted' });
    expect(driver.state.notAccepted).toMatchObject({ by: 'bureau', reason: 'final' });
    expect(driver.state.deadlines.map((d) => d.status)).toEqual([]);
  });

  it('diverts or does not accept, closing the case and cancelling or meeting its deadlines', async () => {
    const diverted = await new CaseDriver().register();
    await diverted.ok(registrar, { type: 'divert', to: 'litigation', noticeDocumentId: 'doc-1' });
    expect(diverted.state.closure?.reason).toBe('diverted');
    expect(diverted.deadline('route')?.status).toBe('met');

    const refused = await transferred();
    await refused.ok(handler, { type: 'notAccept', reason: 'outside-remit', noticeDocumentId: 'doc-2' });
    expect(refused.state).toMatchObject({ status: 'closed', notAccepted: { by: 'unit' } });
    expect(refused.state.deadlines.filter((d) => d.status === 'running')).toEqual([]);
  });
});

describe('objection to a misrouting', () => {
  it('re-routes: the first unit’s deadlines are cancelled and the new unit gets its own D2 and D3', async () => {
    const driver = await transferred();
    driver.today = '2026-03-04';
    await driver.ok(handler, { type: 'object', reasonDocumentId: 'doc-r' });
    expect(driver.state.status).toBe('objected');
    expect(driver.deadline('object')?.status).toBe('met');
    expect(driver.deadline('decide-objection')).toMatchObject({ status: 'running', dueDate: '2026-03-11' });
    expect(await driver.run(handler, { type: 'accept', procedure: 'normal' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    await driver.ok(registrar, {
      type: 'decideObjection',
      decision: 'rerouted',
      unitId: 'hr',
      unitName: '人社局',
    });
    expect(driver.state).toMatchObject({
      status: 'transferred',
      handlingUnitId: 'hr',
      objection: { status: 'rerouted' },
    });
    const acknowledge = driver.state.deadlines.filter((d) => d.key === 'acknowledge');
    expect(acknowledge.map((d) => [d.status, d.startDate])).toEqual([
      ['cancelled', '2026-03-02'],
      ['running', '2026-03-04'],
    ]);
    expect(await driver.run(handler, { type: 'accept', procedure: 'normal' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    await driver.ok(hrHandler, { type: 'accept', procedure: 'normal' });
  });

  it('lets the new unit object when it was re-routed to on the day of the first routing', async () => {
    const driver = await transferred();
    await driver.ok(handler, { type: 'object', reasonDocumentId: 'r1' });
    await driver.ok(registrar, {
      type: 'decideObjection',
      decision: 'rerouted',
      unitId: 'hr',
      unitName: '人社局',
    });
    await driver.ok(actors.hrHandler, { type: 'object', reasonDocumentId: 'r2' });
    expect(driver.state.objection).toMatchObject({ status: 'pending', unitId: 'hr' });
  });

  it('refuses an objection after the window’s last day even before its expiry was processed', async () => {
    const driver = await transferred();
    driver.today = '2026-03-10'; // D3 ended on 9 Mar; the alarm has not fired yet
    expect(driver.deadline('object')?.status).toBe('running');
    expect(await driver.run(handler, { type: 'object', reasonDocumentId: 'late' })).toEqual({
      refusal: expect.objectContaining({ code: 'deadline_passed' }),
    });
  });

  it('upholds: the unit keeps the case; the objection window lapsing leaves the transfer standing', async () => {
    const upheld = await transferred();
    await upheld.ok(handler, { type: 'object', reasonDocumentId: 'doc-r' });
    await upheld.ok(supervisor, { type: 'decideObjection', decision: 'upheld' });
    expect(upheld.state).toMatchObject({ status: 'transferred', handlingUnitId: 'housing' });

    const lapsed = await transferred();
    const fired = await lapsed.fireNextAlarm(); // the 1-day warning of D3
    expect(fired.map((e) => e.type)).toEqual(['deadline-warning']);
    expect((await lapsed.fireNextAlarm()).map((e) => e.type)).toEqual(['deadline-lapsed']);
    expect(lapsed.state).toMatchObject({ status: 'transferred', handlingUnitId: 'housing' });
    expect(lapsed.deadline('object')?.status).toBe('lapsed');
    expect(await lapsed.run(handler, { type: 'object', reasonDocumentId: 'late' })).toEqual({
      refusal: expect.objectContaining({
        code: 'deadline_passed',
        message: expect.stringContaining('2026-03-09'),
      }),
    });
  });
});

describe('acceptance and procedure', () => {
  it('starts D5 for a complaint, the 60 d service norm for a suggestion', async () => {
    const complaint = await accepted();
    // 60 d from Mon 2 Mar is Fri 1 May, Labour Day (1–5 May): due Wed 6 May.
    expect(complaint.deadline('handle')).toMatchObject({ kind: 'statutory', dueDate: '2026-05-06' });
    expect(complaint.deadline('acknowledge')?.status).toBe('met');
    expect(complaint.deadline('object')?.status).toBe('met');

    const suggestion = await new CaseDriver().register({ category: 'suggestion' });
    await suggestion.ok(registrar, route);
    await suggestion.ok(handler, { type: 'accept', procedure: 'normal' });
    expect(suggestion.deadline('handle')).toBeUndefined();
    expect(suggestion.deadline('handle-service-norm')).toMatchObject({
      kind: 'service-norm',
      status: 'running',
    });
  });

  it('runs the simplified procedure in 10 working days and switches to normal from the acceptance date', async () => {
    const driver = await accepted('simplified');
    expect(driver.deadline('handle')).toBeUndefined();
    expect(driver.deadline('handle-simplified')).toMatchObject({
      startDate: '2026-03-02',
      dueDate: '2026-03-16',
    });
    driver.today = '2026-03-10';
    await driver.ok(handler, { type: 'setProcedure', procedure: 'normal' });
    expect(driver.deadline('handle-simplified')?.status).toBe('cancelled');
    // 60 d from the acceptance on 2 Mar, not from the switch on 10 Mar.
    expect(driver.deadline('handle')).toMatchObject({ startDate: '2026-03-02', dueDate: '2026-05-06' });
  });

  it('keeps the simplified procedure for first-time petitions', async () => {
    const driver = await new CaseDriver().register({
      flags: { firstTime: false, repeatOf: 'XF-2026-000000' },
    });
    await driver.ok(registrar, route);
    expect(await driver.run(handler, { type: 'accept', procedure: 'simplified' })).toEqual({
      refusal: expect.objectContaining({ field: 'procedure' }),
    });
  });
});

describe('extensions (D6)', () => {
  it('recomputes D5 from its original start with every grant, up to the cap', async () => {
    const driver = await accepted();
    const original = driver.deadline('handle')!.dueDate;
    await driver.ok(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'doc-x' });
    expect(await driver.run(handler, { type: 'approveExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    const approved = await driver.ok(head, { type: 'approveExtension', extensionId: 'ext-1' });
    expect(approved.map((e) => e.type)).toEqual([
      'extension-approved',
      'petitioner-notified',
      'deadline-extended',
    ]);
    expect(driver.deadline('handle')).toMatchObject({ extensionDays: 20, startDate: '2026-03-02' });
    expect(driver.deadline('handle')!.dueDate > original).toBe(true);
    expect(
      await driver.run(handler, { type: 'requestExtension', days: 11, reasonDocumentId: 'doc-y' }),
    ).toEqual({
      refusal: expect.objectContaining({ field: 'days', message: expect.stringContaining('from 1 to 10') }),
    });
    await driver.ok(handler, { type: 'requestExtension', days: 10, reasonDocumentId: 'doc-y' });
    await driver.ok(head, { type: 'refuseExtension', extensionId: 'ext-2' });
    expect(driver.state.extensions.map((x) => x.status)).toEqual(['approved', 'refused']);
  });

  it('warns again before the new due date of an extended deadline', async () => {
    const driver = await accepted();
    const fired: string[] = [];
    // Both warnings of the original D5 fire …
    while (fired.length < 2) {
      const events = await driver.fireNextAlarm();
      fired.push(...events.filter((e) => 'key' in e && e.key === 'handle').map((e) => e.type));
    }
    expect(fired).toEqual(['deadline-warning', 'deadline-warning']);
    await driver.ok(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'x' });
    await driver.ok(head, { type: 'approveExtension', extensionId: 'ext-1' });
    // … and again before the extended one, then supervision.
    const after = [];
    while (driver.deadline('handle')?.status === 'running') after.push(...(await driver.fireNextAlarm()));
    expect(after.filter((e) => 'key' in e && e.key === 'handle').map((e) => e.type)).toEqual([
      'deadline-warning',
      'deadline-warning',
      'deadline-overdue',
      'supervision-notice',
    ]);
  });

  it('is decided by someone other than the requester, and not after D5 expired', async () => {
    const driver = await accepted();
    await driver.ok(head, { type: 'requestExtension', days: 5, reasonDocumentId: 'doc-x' });
    expect(await driver.run(head, { type: 'approveExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({
        code: 'not_responsible',
        message: expect.stringContaining('requester'),
      }),
    });
    expect(await driver.run(head, { type: 'approveExtension', extensionId: 'ext-9' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_found' }),
    });
    while (driver.deadline('handle')?.status === 'running') await driver.fireNextAlarm();
    expect(driver.deadline('handle')).toMatchObject({ status: 'overdue' });
    expect(driver.events.filter((e) => e.type === 'supervision-notice')).toHaveLength(1);
  });

  it('asks the assigning bureau for an assigned matter in Shandong (Art 42 ¶2)', async () => {
    const driver = await new CaseDriver('shandong-2015').register();
    await driver.ok(registrar, { ...route, mode: 'assign', reportDays: 30 });
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    await driver.ok(handler, { type: 'requestExtension', days: 10, reasonDocumentId: 'doc-x' });
    expect(await driver.run(head, { type: 'approveExtension', extensionId: 'ext-1' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    await driver.ok(supervisor, { type: 'approveExtension', extensionId: 'ext-1' });
  });
});

describe('reply, withdrawal, case owner', () => {
  it('replies, meeting D5 and starting the review window, which lapsing closes the case', async () => {
    const driver = await accepted();
    expect(
      await driver.run(handler, {
        type: 'reply',
        outcome: 'supported',
        opinionDocumentId: 'd',
        deliveredOn: '2026-03-01',
      }),
    ).toEqual({
      refusal: expect.objectContaining({ field: 'deliveredOn' }),
    });
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'd' });
    expect(driver.deadline('handle')?.status).toBe('met');
    expect(driver.deadline('request-review')).toMatchObject({ status: 'running', policy: 'lapse-and-close' });
    let fired = await driver.fireNextAlarm();
    while (driver.state.status !== 'closed') fired = await driver.fireNextAlarm();
    // The lapse closes the case; whatever still ran (an overdue return visit, say) is cancelled with it.
    expect(fired.map((e) => e.type).slice(0, 2)).toEqual(['deadline-lapsed', 'closed']);
    expect(driver.state.closure).toMatchObject({ reason: 'window-lapsed', deadlineKey: 'request-review' });
  });

  it('withdraws from any open status, by whoever holds the case', async () => {
    const driver = await accepted();
    expect(await driver.run(registrar, { type: 'withdraw', reasonDocumentId: 'w' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(driver.state).toMatchObject({ status: 'closed', closure: { reason: 'withdrawn' } });
    expect(driver.state.deadlines.filter((d) => d.status === 'running')).toEqual([]);
  });

  it('names a case-owning leader, who is then named on warnings and supervision notices', async () => {
    const driver = await accepted();
    await driver.ok(head, {
      type: 'setCaseOwner',
      leader: 'county-leader',
      handler: 'handler',
      targetDate: '2026-04-30',
      taskDocumentId: 't',
    });
    expect(driver.state.caseOwner).toMatchObject({ leader: 'county-leader', setBy: 'unit-head' });
    const warnings = [];
    while (driver.deadline('handle')?.status === 'running') warnings.push(...(await driver.fireNextAlarm()));
    const lastWarning = warnings.filter((e) => e.type === 'deadline-warning').pop();
    expect(lastWarning).toMatchObject({ daysBefore: 1, caseOwningLeader: 'county-leader' });
    expect(warnings.find((e) => e.type === 'supervision-notice')).toMatchObject({
      unitId: 'housing',
      caseOwningLeader: 'county-leader',
    });
  });
});

it('folding the recorded events from scratch gives the same case (the read model’s projection)', async () => {
  const driver = await accepted();
  await driver.ok(handler, { type: 'requestExtension', days: 20, reasonDocumentId: 'x' });
  await driver.ok(head, { type: 'approveExtension', extensionId: 'ext-1' });
  await driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
  expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
});
