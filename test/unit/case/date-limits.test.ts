import type { CaseCommandBody } from '../../../src/case';
import { describeAlarm, ladderAlarms } from '../../../src/case';
import { addDays, endOfShanghaiDayMs, toDayNumber } from '../../../src/rules/dates';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, supervisor, handler, office } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

/**
 * Probe findings F1 and F2: a date staff set ahead is bounded by the rule set (30 d for a supervised unit's
 * target date and a listed case's correction date, 90 d for a case-owning leader's target), so a unit cannot
 * postpone its own escalation and a typo (2206 for 2026) cannot reach a timer.
 */
async function withNotice(driver: CaseDriver, atOffice = false): Promise<CaseDriver> {
  await driver.register();
  await driver.ok(registrar, route);
  const on = driver.today;
  await driver.apply([
    { type: 'supervision-notice', key: 'route', unitId: 'housing', itemId: 'route-1', noticeOn: on },
  ]);
  if (atOffice) {
    await driver.apply([
      { type: 'escalated', key: 'route', to: 'joint-conference-office', itemId: 'route-1', escalatedOn: on },
    ]);
  }
  return driver;
}

const feedback = (targetDate: string): CaseCommandBody => ({
  type: 'supervisionFeedback',
  itemId: 'route-1',
  reportDocumentId: 'f',
  targetDate,
});
const listing = (correctBy: string): CaseCommandBody => ({
  type: 'listSupervision',
  itemId: 'route-1',
  correctBy,
  noteDocumentId: 'l',
});
const caseOwner = (targetDate: string): CaseCommandBody => ({
  type: 'setCaseOwner',
  leader: 'leader',
  handler: 'handler',
  targetDate,
  taskDocumentId: 't',
});
const refusedOn = (field: string, latest: string) => ({
  refusal: expect.objectContaining({
    code: 'invalid_argument',
    field,
    message: expect.stringContaining(`must be ${latest} or earlier`),
  }),
});

describe('dates set ahead, within the rule set’s limits', () => {
  it('a supervised unit’s target date: up to 30 days ahead; later, or in the past, is refused', async () => {
    const driver = await withNotice(new CaseDriver('national-2022', '2026-12-30'));
    const latest = addDays(driver.today, driver.policy.dateLimits!.feedbackTargetDays);
    expect(driver.policy.dateLimits!.feedbackTargetDays).toBe(30);
    for (const far of [addDays(latest, 1), '2150-01-01', '2199-12-31']) {
      expect(await driver.run(handler, feedback(far))).toEqual(refusedOn('targetDate', latest));
    }
    expect(await driver.run(handler, feedback(addDays(driver.today, -1)))).toEqual({
      refusal: expect.objectContaining({ field: 'targetDate' }),
    });
    await driver.ok(handler, feedback(latest));
  });

  it('a listed case’s date to correct by: from tomorrow to 30 days ahead', async () => {
    const driver = await withNotice(new CaseDriver('national-2022', '2027-02-05'), true);
    const latest = addDays(driver.today, 30);
    expect(await driver.run(office, listing(addDays(latest, 1)))).toEqual(refusedOn('correctBy', latest));
    expect(await driver.run(office, listing(driver.today))).toEqual({
      refusal: expect.objectContaining({ field: 'correctBy' }),
    });
    await driver.ok(office, listing(latest));
  });

  it('a case-owning leader’s target date: up to 90 days ahead', async () => {
    const driver = await new CaseDriver('national-2022', '2026-11-30').register();
    const latest = addDays(driver.today, 90);
    expect(await driver.run(supervisor, caseOwner(addDays(latest, 1)))).toEqual(
      refusedOn('targetDate', latest),
    );
    await driver.ok(supervisor, caseOwner(latest));
  });

  it('every provincial rule set inherits the limits', () => {
    for (const id of ['beijing-2006', 'shanghai-2012', 'henan-2012', 'shandong-2015', 'zhejiang-2016']) {
      expect(new CaseDriver(id).policy.dateLimits).toEqual({
        feedbackTargetDays: 30,
        listingCorrectByDays: 30,
        caseOwnerTargetDays: 90,
      });
    }
  });
});

describe('a case pinned before the limits', () => {
  const pinnedBefore = (today: string) =>
    new CaseDriver('national-2022', today, ({ dateLimits: _limits, ...policy }) => policy);

  it('replays what it accepted then, refuses it in a new request, and adopts the limits', async () => {
    const driver = await withNotice(pinnedBefore('2026-12-04'));
    // A replayed Update runs without its validator: the far date it accepted then is accepted again.
    expect(await driver.replay(handler, feedback('2150-01-01'))).toEqual({ events: expect.any(Array) });
    const fresh = await withNotice(pinnedBefore('2026-12-04'));
    // A new request is validated with today's limits…
    expect(await fresh.run(handler, feedback('2150-01-01'))).toEqual(
      refusedOn('targetDate', addDays(fresh.today, 30)),
    );
    // …and once the case adopts them, executing it refuses it, too.
    fresh.adoptDateLimits();
    expect(await fresh.replay(handler, feedback('2150-01-01'))).toEqual(
      refusedOn('targetDate', addDays(fresh.today, 30)),
    );
  });

  it('arms its timer even for a date as far as 9999-12-31: the arithmetic is total', async () => {
    const driver = await withNotice(pinnedBefore('2026-12-04'));
    const dueAt = driver.state.deadlines.find((d) => d.key === 'route')!.dueAt;
    await driver.apply([{ type: 'deadline-overdue', key: 'route', dueAt }]);
    await driver.replay(handler, feedback('9999-12-31'));
    const target = ladderAlarms(driver.state, driver.policy).find((alarm) => alarm.kind === 'target');
    expect(target?.at).toBe(endOfShanghaiDayMs('9999-12-31'));
    expect(describeAlarm(driver.state, target!)).toBe('route-1: feedback target date 9999-12-31');
    expect(driver.nextAlarm()).toBeDefined();
  });
});

describe('date arithmetic is total over four-digit years', () => {
  it('counts days from 0001 to 9999 and ends a day at 24:00 in Beijing', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('0001-01-01')).toBe(-719_162);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('2199-12-31', 1)).toBe('2200-01-01');
    expect(endOfShanghaiDayMs('9999-12-31')).toBe(Date.UTC(9999, 11, 31, 16));
    // Past the last date 'YYYY-MM-DD' can write, the last date stands rather than a throw.
    expect(addDays('9999-12-31', 1)).toBe('9999-12-31');
  });
});
