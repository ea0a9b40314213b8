import { toShanghaiDate } from '../../../src/rules/dates';
import { casePolicyOf, getRuleSet } from '../../../src/rules';
import { type CaseEvent, supervisionLevel } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, handler, supervisor, office } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const supervise = {
  type: 'supervise',
  kind: 'supervise',
  ground: 'delaying',
  noteDocumentId: 'n',
} as const;

/** The ladder's events as "date type item reason". */
function rungs(events: CaseEvent[]): string[] {
  const ladder = [
    'supervision-opened',
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

/** A complaint accepted on Mon 2 Mar 2026 (D5 ends 6 May): nothing overdue for two months. */
async function accepted(driver = new CaseDriver('national-2022', '2026-03-02')): Promise<CaseDriver> {
  await driver.register();
  await driver.ok(registrar, route);
  await driver.ok(handler, { type: 'accept', procedure: 'normal' });
  return driver;
}

describe('manual 督办 (Art 40) on a case that is not overdue', () => {
  it('opens an item for the unit holding the case, feedback due the rule set’s 30 d later', async () => {
    const driver = await accepted();
    driver.today = '2026-03-10';
    await driver.ok(supervisor, supervise);
    expect(driver.state.supervision).toEqual([
      {
        id: 'manual-1',
        deadlineKey: 'manual',
        unitId: 'housing',
        level: 'notice',
        status: 'open',
        noticeOn: '2026-03-10',
        instructions: [],
        source: 'manual',
        kind: 'supervise',
        ground: 'delaying',
        noteDocumentId: 'n',
        feedbackDue: '2026-04-09',
      },
    ]);
    expect(driver.policy.manualSupervision?.feedbackDays).toBe(30);
    expect(supervisionLevel(driver.state)).toBe('notice');
    // Its own date: the shared feedback deadline (5 wd, for automatic notices) does not start.
    expect(driver.deadline('supervision-feedback')).toBeUndefined();
  });

  it('ends when the unit answers in writing: nothing climbs afterwards', async () => {
    const driver = await accepted();
    driver.today = '2026-03-10';
    await driver.ok(supervisor, supervise);
    driver.today = '2026-03-20';
    await driver.ok(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-1',
      reportDocumentId: 'r',
      targetDate: '2026-04-10',
    });
    expect(driver.state.supervision?.[0]).toMatchObject({ status: 'resolved', endedOn: '2026-03-20' });
    expect(supervisionLevel(driver.state)).toBe('none');
    await driver.passUntil('2026-04-30');
    expect(rungs(driver.events)).toEqual([
      '2026-03-10 supervision-opened manual-1',
      '2026-03-20 supervision-feedback manual-1',
    ]);
  });

  it('goes to the office when unanswered by its date, may be listed, each rung once; a late answer ends it', async () => {
    const driver = await accepted();
    driver.today = '2026-03-10';
    await driver.ok(supervisor, supervise);
    await driver.passUntil('2026-04-15');
    await driver.ok(office, {
      type: 'listSupervision',
      itemId: 'manual-1',
      correctBy: '2026-04-20',
      noteDocumentId: 'l',
    });
    await driver.passUntil('2026-04-28');
    expect(supervisionLevel(driver.state)).toBe('listed');
    await driver.ok(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-1',
      reportDocumentId: 'r',
      targetDate: '2026-05-05',
    });
    await driver.passUntil('2026-05-05');
    expect(rungs(driver.events)).toEqual([
      '2026-03-10 supervision-opened manual-1',
      '2026-04-10 escalated manual-1 feedback-overdue',
      '2026-04-15 supervision-listed manual-1',
      '2026-04-21 listing-overdue manual-1',
      '2026-04-28 supervision-feedback manual-1',
    ]);
    expect(driver.state.supervision?.[0]).toMatchObject({
      level: 'listed',
      status: 'resolved',
      endedOn: '2026-04-28',
      escalation: { on: '2026-04-10', reason: 'feedback-overdue' },
    });
  });

  it('closes with the case', async () => {
    const driver = await accepted();
    await driver.ok(supervisor, supervise);
    await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    expect(driver.state.supervision?.[0]).toMatchObject({ status: 'closed', endedOn: '2026-03-02' });
    await driver.passUntil('2026-05-30');
    expect(driver.events.filter((e) => e.type === 'escalated')).toEqual([]);
  });

  it('leaves the automatic ladder as it was: a manual answer meets nothing of the shared feedback deadline', async () => {
    const driver = await accepted();
    // D5 passes on 6 May: the automatic notice, feedback due in 5 working days (13 May).
    await driver.passUntil('2026-05-07');
    await driver.ok(supervisor, supervise);
    await driver.ok(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-1',
      reportDocumentId: 'r',
      targetDate: '2026-05-20',
    });
    expect(driver.deadline('supervision-feedback')).toMatchObject({
      status: 'running',
      dueDate: '2026-05-13',
    });
    await driver.passUntil('2026-05-14');
    expect(rungs(driver.events)).toEqual([
      '2026-05-07 supervision-opened manual-1',
      '2026-05-07 supervision-feedback manual-1',
      '2026-05-14 escalated handle-1 feedback-overdue',
    ]);
  });
});

describe('a manual item beside an automatic notice', () => {
  it('keeps its own feedback date: the shared feedback deadline neither counts it nor escalates it', async () => {
    const driver = await accepted();
    driver.today = '2026-05-05';
    await driver.ok(supervisor, supervise);
    // D5 passes on 6 May: the automatic notice; its feedback (5 wd) is due 13 May, the manual one 4 June.
    await driver.passUntil('2026-05-14');
    expect(rungs(driver.events)).toEqual([
      '2026-05-05 supervision-opened manual-1',
      '2026-05-14 escalated handle-1 feedback-overdue',
    ]);
    expect(driver.state.supervision?.find((i) => i.id === 'manual-1')).toMatchObject({
      level: 'notice',
      status: 'open',
      feedbackDue: '2026-06-04',
    });
  });

  it('its answer meets nothing of the shared feedback deadline left overdue by an escalated notice', async () => {
    const driver = await accepted();
    await driver.passUntil('2026-05-14');
    expect(driver.deadline('supervision-feedback')).toMatchObject({ status: 'overdue' });
    await driver.ok(supervisor, supervise);
    await driver.ok(handler, {
      type: 'supervisionFeedback',
      itemId: 'manual-1',
      reportDocumentId: 'r',
      targetDate: '2026-05-30',
    });
    expect(driver.deadline('supervision-feedback')).toMatchObject({ status: 'overdue' });
    expect(driver.events.filter((e) => e.type === 'deadline-met')).not.toContainEqual(
      expect.objectContaining({ key: 'supervision-feedback' }),
    );
  });
});

describe('交办 and the sources of an item (S33)', () => {
  it('the office’s is joint-conference; the bureau’s from a higher bureau names the issuer', async () => {
    const driver = await accepted();
    await driver.ok(office, { type: 'supervise', kind: 'assign', noteDocumentId: 'a' });
    await driver.ok(supervisor, {
      ...supervise,
      issuer: { name: '省信访局', reference: '省信督〔2026〕12号' },
    });
    expect(driver.state.supervision?.map((i) => [i.id, i.source, i.kind, i.ground, i.issuer])).toEqual([
      ['manual-1', 'joint-conference', 'assign', undefined, undefined],
      [
        'manual-2',
        'higher-bureau',
        'supervise',
        'delaying',
        { name: '省信访局', reference: '省信督〔2026〕12号' },
      ],
    ]);
  });

  it('the office may supervise the bureau while it holds the case; the bureau cannot supervise itself', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    const refused = await driver.run(supervisor, supervise);
    expect(refused).toMatchObject({ refusal: { code: 'transition_not_allowed' } });
    await driver.ok(office, supervise);
    expect(driver.state.supervision?.[0]).toMatchObject({ unitId: 'bureau', source: 'joint-conference' });
  });
});

describe('refusals change nothing', () => {
  it.each([
    ['a closed case', 'transition_not_allowed', undefined],
    ['a 督办 without its ground', 'invalid_argument', { ground: undefined }],
    ['an unknown ground', 'invalid_argument', { ground: 'lazy' }],
    ['an unknown kind', 'invalid_argument', { kind: 'inspect' }],
  ])('%s', async (what, code, change) => {
    const driver = await accepted();
    if (!change) await driver.ok(handler, { type: 'withdraw', reasonDocumentId: 'w' });
    const before = driver.state;
    const command = { ...supervise, ...(change ?? {}) } as unknown as typeof supervise;
    expect(await driver.run(supervisor, command)).toMatchObject({ refusal: { code } });
    expect(driver.state).toBe(before);
  });

  it('the office records no 督办 “from a higher bureau”; a registrar may not supervise', async () => {
    const driver = await accepted();
    expect(await driver.run(office, { ...supervise, issuer: { name: '省信访局' } })).toMatchObject({
      refusal: { code: 'invalid_argument', field: 'from' },
    });
    expect(await driver.run(registrar, supervise)).toMatchObject({ refusal: { code: 'not_responsible' } });
    expect(driver.state.supervision ?? []).toEqual([]);
  });
});

describe('the feedback period comes from the pinned rule set', () => {
  it('national-2022 1.4.0 and the provinces’ 1.5.0 carry it, with their citation; 1.3.0 does not', () => {
    expect(casePolicyOf(getRuleSet('national-2022', '1.3.0')).manualSupervision).toBeUndefined();
    expect(casePolicyOf(getRuleSet('national-2022', '1.4.0')).manualSupervision?.feedbackDays).toBe(30);
    expect(casePolicyOf(getRuleSet('shandong-2015', '1.5.0')).manualSupervision?.citation).toMatch(/Art 59/);
    expect(casePolicyOf(getRuleSet('henan-2012', '1.5.0')).manualSupervision?.feedbackDays).toBe(30);
  });

  it('a case pinned before takes its version’s feedback limit, else the 30 d default', async () => {
    const pinned13 = await accepted(
      new CaseDriver('national-2022', '2026-03-02', ({ manualSupervision: _m, ...p }) => ({
        ...p,
        dateLimits: { ...p.dateLimits!, feedbackTargetDays: 20 },
      })),
    );
    await pinned13.ok(supervisor, supervise);
    expect(pinned13.state.supervision?.[0]?.feedbackDue).toBe('2026-03-22');
    const pinned12 = await accepted(
      new CaseDriver('national-2022', '2026-03-02', ({ manualSupervision: _m, dateLimits: _d, ...p }) => p),
    );
    await pinned12.ok(supervisor, supervise);
    expect(pinned12.state.supervision?.[0]?.feedbackDue).toBe('2026-04-01');
  });
});
