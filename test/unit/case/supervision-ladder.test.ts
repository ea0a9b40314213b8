import { toShanghaiDate } from '../../../src/rules/dates';
import { type CaseEvent, supervisionLevel } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, handler, supervisor, office, petitioner } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

/** The ladder's events as "date type item reason", the way the case file lists them. */
function rungs(events: CaseEvent[]): string[] {
  const ladder = [
    'supervision-notice',
    'escalated',
    'supervision-feedback',
    'supervision-listed',
    'listing-overdue',
  ];
  return events
    .filter((e) => ladder.includes(e.type))
    .map((e) =>
      [toShanghaiDate(e.at), e.type, 'itemId' in e ? e.itemId : '', 'reason' in e ? e.reason : '']
        .filter(Boolean)
        .join(' '),
    );
}

/** A complaint accepted on Mon 2 Mar 2026: D5 (60 d) ends Wed 6 May (1 May falls in the Labour Day holiday). */
async function accepted(ruleSetId = 'national-2022'): Promise<CaseDriver> {
  const driver = await new CaseDriver(ruleSetId, '2026-03-02').register();
  await driver.ok(registrar, route);
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

describe('the supervision ladder (hand-worked on the 2026 calendar)', () => {
  it('climbs notice → office → listing → overdue list, each rung once with its date', async () => {
    const driver = await accepted();
    expect(driver.deadline('handle')?.dueDate).toBe('2026-05-06');
    const levels: string[] = [supervisionLevel(driver.state)];
    // D5 passes at 24:00 on 6 May: the notice, and feedback due in 5 working days — 8, 9 (the make-up
    // Saturday), 11, 12, 13 May.
    await driver.passUntil('2026-05-07');
    levels.push(supervisionLevel(driver.state));
    expect(driver.deadline('supervision-feedback')).toMatchObject({
      status: 'running',
      dueDate: '2026-05-13',
    });
    // No feedback by 13 May: the office on the 14th.
    await driver.passUntil('2026-05-20');
    levels.push(supervisionLevel(driver.state));
    await driver.ok(office, {
      type: 'listSupervision',
      itemId: 'handle-1',
      correctBy: '2026-05-29',
      noteDocumentId: 'l',
    });
    levels.push(supervisionLevel(driver.state));
    await driver.passUntil('2026-07-31');
    expect(rungs(driver.events)).toEqual([
      '2026-05-07 supervision-notice handle-1',
      '2026-05-14 escalated handle-1 feedback-overdue',
      '2026-05-20 supervision-listed handle-1',
      '2026-05-30 listing-overdue handle-1',
    ]);
    expect(levels).toEqual(['none', 'notice', 'office', 'listed']);
    expect(driver.state.supervision?.[0]).toMatchObject({
      level: 'listed',
      status: 'open',
      noticeOn: '2026-05-07',
      escalation: { on: '2026-05-14', reason: 'feedback-overdue' },
      listing: { correctBy: '2026-05-29', overdueOn: '2026-05-29', by: 'jco' },
    });
    // The reply, late, ends the ladder; the record keeps every rung.
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.state.supervision?.[0]).toMatchObject({ status: 'resolved', endedOn: '2026-07-31' });
    expect(supervisionLevel(driver.state)).toBe('none');
  });

  it('stops when the unit answers in time, and climbs again only if its own target date passes', async () => {
    const driver = await accepted();
    await driver.passUntil('2026-05-11');
    await driver.ok(handler, {
      type: 'supervisionFeedback',
      itemId: 'handle-1',
      reportDocumentId: 'f',
      targetDate: '2026-05-25',
    });
    expect(driver.deadline('supervision-feedback')).toMatchObject({ status: 'met', late: false });
    // Neither the feedback deadline (13 May) nor 15 d overdue (22 May) escalates an answered notice.
    await driver.passUntil('2026-05-25');
    expect(rungs(driver.events)).toEqual([
      '2026-05-07 supervision-notice handle-1',
      '2026-05-11 supervision-feedback handle-1',
    ]);
    // The promise broken: the office, once.
    await driver.passUntil('2026-06-30');
    expect(rungs(driver.events).slice(2)).toEqual(['2026-05-26 escalated handle-1 target-missed']);
  });

  it('stops when the deadline is met late: no feedback due, no escalation', async () => {
    const driver = await accepted();
    await driver.passUntil('2026-05-08');
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.deadline('handle')).toMatchObject({ status: 'met', late: true });
    expect(driver.deadline('supervision-feedback')?.status).toBe('cancelled');
    expect(driver.state.supervision?.[0]).toMatchObject({ status: 'resolved', endedOn: '2026-05-08' });
    // Past 15 d overdue (22 May); the return visit of the reply is due only on 25 May.
    await driver.passUntil('2026-05-24');
    expect(rungs(driver.events)).toEqual(['2026-05-07 supervision-notice handle-1']);
  });

  it('goes to the office 15 d after expiry when the feedback period is longer (Shandong: 30 d)', async () => {
    const driver = await accepted('shandong-2015');
    const due = driver.deadline('handle')!.dueDate;
    await driver.passUntil('2026-06-30');
    const ladder = rungs(driver.events);
    expect(due).toBe('2026-05-06');
    expect(driver.deadline('supervision-feedback')?.dueDate).toBe('2026-06-08'); // 6 Jun is a Saturday
    // 15 d after 24:00 on 6 May: 00:00 on 22 May.
    expect(ladder).toEqual([
      '2026-05-07 supervision-notice handle-1',
      '2026-05-22 escalated handle-1 overdue',
    ]);
  });

  it('sends an objection still unsettled after 10 working days to the office, which settles it', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    await driver.ok(registrar, route);
    driver.today = '2026-03-03';
    await driver.ok(handler, { type: 'object', reasonDocumentId: 'r' });
    // 10 working days from Tue 3 Mar: 17 Mar; the bureau's own 5 wd (10 Mar) brings a notice first.
    expect(driver.deadline('settle-objection')?.dueDate).toBe('2026-03-17');
    await driver.passUntil('2026-03-19');
    // (D2, still running for the unit that objected, passes on 17 Mar too: its own notice, acknowledge-1.)
    expect(rungs(driver.events).filter((rung) => rung.includes('objection'))).toEqual([
      '2026-03-11 supervision-notice decide-objection-1',
      '2026-03-18 escalated decide-objection-1 objection-unsettled',
    ]);
    expect(driver.state.supervision?.[0]).toMatchObject({ level: 'office', unitId: 'bureau' });
    // Only the office settles the dispute.
    expect(
      await driver.run(supervisor, { type: 'settleObjection', decision: 'upheld', noteDocumentId: 'n' }),
    ).toEqual({ refusal: expect.objectContaining({ code: 'not_responsible' }) });
    await driver.ok(office, {
      type: 'settleObjection',
      decision: 'rerouted',
      unitId: 'hr',
      unitName: '人社局',
      noteDocumentId: 'n',
    });
    expect(driver.state).toMatchObject({ status: 'transferred', handlingUnitId: 'hr' });
    expect(driver.events.find((e) => e.type === 'objection-decided')).toMatchObject({
      by: 'joint-conference-office',
    });
    expect(driver.state.supervision?.[0]?.status).toBe('resolved');
    expect(supervisionLevel(driver.state)).toBe('none');
  });

  it('sends an objection to the office once: its target date missed, it is not escalated again unsettled', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    await driver.ok(registrar, route);
    driver.today = '2026-03-03';
    await driver.ok(handler, { type: 'object', reasonDocumentId: 'r' });
    await driver.passUntil('2026-03-11');
    // The bureau answers the notice and promises a decision by 12 Mar; it does not keep it.
    await driver.ok(supervisor, {
      type: 'supervisionFeedback',
      itemId: 'decide-objection-1',
      reportDocumentId: 'f',
      targetDate: '2026-03-12',
    });
    await driver.passUntil('2026-03-31');
    expect(rungs(driver.events).filter((rung) => rung.includes('objection'))).toEqual([
      '2026-03-11 supervision-notice decide-objection-1',
      '2026-03-11 supervision-feedback decide-objection-1',
      '2026-03-13 escalated decide-objection-1 target-missed',
    ]);
    // The settling deadline still passes (17 Mar), and the office settles the objection from where it stands.
    expect(driver.deadline('settle-objection')?.status).toBe('overdue');
    expect(driver.state.supervision?.[0]).toMatchObject({
      level: 'office',
      escalation: { reason: 'target-missed' },
    });
    await driver.ok(office, { type: 'settleObjection', decision: 'upheld', noteDocumentId: 'n' });
    expect(driver.state.status).toBe('transferred');
  });

  it('gives a notice issued while another waits its own feedback period', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    await driver.ok(registrar, route);
    driver.today = '2026-03-03';
    await driver.ok(handler, { type: 'object', reasonDocumentId: 'r' });
    await driver.passUntil('2026-03-31');
    // decide-objection-1: notice 11 Mar, feedback due 18 Mar; acknowledge-1: notice 18 Mar, its own feedback
    // counted from then (19, 20, 23, 24, 25 Mar), not the first one's.
    expect(rungs(driver.events)).toEqual([
      '2026-03-11 supervision-notice decide-objection-1',
      '2026-03-18 supervision-notice acknowledge-1',
      '2026-03-18 escalated decide-objection-1 objection-unsettled',
      '2026-03-26 escalated acknowledge-1 feedback-overdue',
    ]);
  });

  it('refuses ladder acts out of turn: listing before the office, feedback twice, unknown items', async () => {
    const driver = await accepted();
    await driver.passUntil('2026-05-07');
    const list = {
      type: 'listSupervision',
      itemId: 'handle-1',
      correctBy: '2026-06-30',
      noteDocumentId: 'l',
    } as const;
    expect(await driver.run(office, list)).toEqual({
      refusal: expect.objectContaining({
        code: 'transition_not_allowed',
        message: expect.stringContaining('not reached the office'),
      }),
    });
    const feedback = {
      type: 'supervisionFeedback',
      itemId: 'handle-1',
      reportDocumentId: 'f',
      targetDate: '2026-05-20',
    } as const;
    expect(await driver.run(handler, { ...feedback, targetDate: '2026-05-01' })).toEqual({
      refusal: expect.objectContaining({ field: 'targetDate' }),
    });
    await driver.ok(handler, feedback);
    expect(await driver.run(handler, feedback)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    expect(await driver.run(handler, { ...feedback, itemId: 'handle-7' })).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    expect(await driver.run(actors.hrHandler, feedback)).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
  });
});

describe('after the reply: return visit (回访) and evaluation (满意度评价)', () => {
  async function replied(): Promise<CaseDriver> {
    const driver = await accepted();
    driver.today = '2026-04-01';
    await driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
    return driver;
  }

  it('schedules the return visit 15 d after delivery; a dissatisfied petitioner is flagged and reminded', async () => {
    const driver = await replied();
    expect(driver.deadline('return-visit')).toMatchObject({ status: 'running', dueDate: '2026-04-16' });
    driver.today = '2026-04-10';
    expect(
      await driver.run(handler, { type: 'recordReturnVisit', reached: true, noteDocumentId: 'v' }),
    ).toEqual({ refusal: expect.objectContaining({ field: 'satisfaction' }) });
    await driver.ok(handler, {
      type: 'recordReturnVisit',
      reached: true,
      satisfaction: 'dissatisfied',
      noteDocumentId: 'v',
    });
    expect(driver.deadline('return-visit')?.status).toBe('met');
    expect(driver.state.followUp).toEqual({ since: '2026-04-10' });
    expect(driver.state.returnVisits?.[0]).toMatchObject({ reviewRightReminded: true, by: 'handler' });
    expect(
      await driver.run(handler, { type: 'recordReturnVisit', reached: false, noteDocumentId: 'v' }),
    ).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });

  it('supervises a return visit not made in time, like any deadline', async () => {
    const driver = await replied();
    await driver.passUntil('2026-04-17');
    expect(rungs(driver.events)).toEqual(['2026-04-17 supervision-notice return-visit-1']);
    expect(driver.state.supervision?.[0]).toMatchObject({ unitId: 'housing', deadlineKey: 'return-visit' });
  });

  it('lets the petitioner evaluate within 15 d, and answers 422 with the last day after', async () => {
    const driver = await accepted();
    // The acceptance notice of 2 Mar: its window ends on 17 Mar.
    expect(driver.deadline('evaluation')?.dueDate).toBe('2026-03-17');
    driver.today = '2026-03-10';
    await driver.ok(petitioner, {
      type: 'evaluate',
      subject: 'acceptance-notice',
      grade: 'basically-satisfied',
    });
    expect(driver.deadline('evaluation')?.status).toBe('met');
    expect(
      await driver.run(petitioner, { type: 'evaluate', subject: 'written-reply', grade: 'satisfied' }),
    ).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    driver.today = '2026-04-01';
    await driver.ok(handler, { type: 'reply', outcome: 'explained', opinionDocumentId: 'o' });
    await driver.passUntil('2026-04-17');
    expect(
      await driver.run(petitioner, { type: 'evaluate', subject: 'written-reply', grade: 'satisfied' }),
    ).toEqual({
      refusal: expect.objectContaining({
        code: 'deadline_passed',
        message: expect.stringContaining('2026-04-16'),
      }),
    });
    expect(driver.state.evaluations).toEqual([
      {
        subject: 'acceptance-notice',
        invitedOn: '2026-03-02',
        grade: 'basically-satisfied',
        evaluatedOn: '2026-03-10',
      },
      { subject: 'written-reply', invitedOn: '2026-04-01' },
    ]);
  });

  it('carries an unused acceptance evaluation into the reply’s window (one window at a time)', async () => {
    const driver = await accepted();
    driver.today = '2026-03-09';
    await driver.ok(handler, { type: 'reply', outcome: 'supported', opinionDocumentId: 'o' });
    expect(driver.state.deadlines.filter((d) => d.key === 'evaluation').map((d) => d.status)).toEqual([
      'cancelled',
      'running',
    ]);
    driver.today = '2026-03-20';
    await driver.ok(petitioner, { type: 'evaluate', subject: 'acceptance-notice', grade: 'satisfied' });
    expect(driver.deadline('evaluation')?.status).toBe('running');
    await driver.ok(petitioner, { type: 'evaluate', subject: 'written-reply', grade: 'dissatisfied' });
    expect(driver.deadline('evaluation')?.status).toBe('met');
  });
});
