import { addDays } from '../../../src/rules/dates';
import { computeDeadlines } from '../../../src/activities/compute-deadline';
import { activeItems, fold, initialCaseState, registeringUnitOf } from '../../../src/case';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, supervisor, handler, otherRegistrar } = actors;
const HOUSING = { unitId: 'housing', unitName: '住建局' };
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;
const transferOut = {
  type: 'transferOut',
  bureauUnitId: 'other-bureau',
  bureauName: '邻县信访局',
  officeUnitId: 'other-office',
  noteDocumentId: 'note-1',
} as const;

/** The due date the rule set gives a deadline of this key started on this date (never computed by hand). */
function dueDate(key: string, startDate: string, ruleSetId = 'national-2022'): string {
  return computeDeadlines({ ruleSetId, requests: [{ key, startDate }] })[0]!.dueDate;
}

describe('a petition received directly by a unit with authority (Art 23 ¶1–2)', () => {
  it('is registered with that unit as its handling unit, its D2 running from receipt and no D1', async () => {
    const driver = await new CaseDriver().register({ receivedBy: HOUSING });
    const types = driver.events.map((e) => e.type);
    expect(types).toEqual(['registered', 'deadline-started']);
    expect(driver.events[0]).toMatchObject({
      type: 'registered',
      receivedBy: HOUSING,
      bureauUnitId: 'bureau',
    });
    expect(driver.state).toMatchObject({
      status: 'transferred',
      bureauUnitId: 'bureau',
      handlingUnitId: 'housing',
      handlingUnitName: '住建局',
      receivedBy: HOUSING,
    });
    expect(driver.state.routing).toBeUndefined();
    expect(driver.deadline('route')).toBeUndefined();
    // Nobody transferred it to the unit: no objection window (D3, Art 23 ¶3).
    expect(driver.deadline('object')).toBeUndefined();
    expect(driver.deadline('acknowledge')).toMatchObject({
      status: 'running',
      responsible: 'handling-unit',
      startDate: driver.today,
      dueDate: dueDate('acknowledge', driver.today),
    });
    expect(registeringUnitOf(driver.state)).toBe('housing');
  });

  it('counts D2 from the day the unit received it, under the case’s rule set', async () => {
    const driver = new CaseDriver('zhejiang-2016', '2026-03-10');
    await driver.register({ receivedBy: HOUSING, receivedOn: '2026-03-06' });
    expect(driver.deadline('acknowledge')).toMatchObject({
      startDate: '2026-03-06',
      dueDate: dueDate('acknowledge', '2026-03-06', 'zhejiang-2016'),
    });
  });

  it('is accepted, diverted or not accepted by the unit, which cannot object to a routing nobody made', async () => {
    const driver = await new CaseDriver().register({ receivedBy: HOUSING });
    expect(await driver.run(handler, { type: 'object', reasonDocumentId: 'r' })).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    expect(await driver.run(registrar, route)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    expect(driver.deadline('acknowledge')).toMatchObject({ status: 'met', late: false });
    expect(driver.deadline('handle')?.status).toBe('running');

    const notAccepted = await new CaseDriver().register({ receivedBy: HOUSING });
    await notAccepted.ok(handler, { type: 'notAccept', reason: 'outside-remit', noticeDocumentId: 'n' });
    expect(notAccepted.state.notAccepted).toMatchObject({ by: 'unit' });
    expect(notAccepted.deadline('acknowledge')?.status).toBe('met');
  });

  it('registers a matter already final as not accepted by the unit, with no deadline', async () => {
    const driver = await new CaseDriver().register({
      receivedBy: HOUSING,
      flags: { firstTime: false, finalCaseId: 'XF-2025-000009' },
    });
    expect(driver.state.status).toBe('closed');
    expect(driver.state.notAccepted).toMatchObject({ by: 'unit', reason: 'final' });
    expect(driver.state.deadlines).toEqual([]);
  });

  it('registers exactly as before when no unit received it directly', async () => {
    const driver = await new CaseDriver().register();
    expect(driver.events[0]).not.toHaveProperty('receivedBy');
    expect(driver.state.status).toBe('registered');
    expect(driver.deadline('route')).toMatchObject({
      status: 'running',
      dueDate: dueDate('route', driver.today),
    });
    expect(driver.deadline('acknowledge')).toBeUndefined();
  });
});

describe('a transfer out of the area (转出) to the bureau of the responsible unit’s area', () => {
  it('meets the sender’s D1 and starts a fresh D1 for the receiving bureau from the transfer', async () => {
    const driver = new CaseDriver('national-2022', '2026-03-02');
    await driver.register();
    driver.today = '2026-03-09';
    const events = await driver.ok(registrar, transferOut);
    expect(events.map((e) => e.type)).toEqual(['transferred-out', 'deadline-met', 'deadline-started']);
    expect(events[0]).toMatchObject({
      fromUnitId: 'bureau',
      toUnitId: 'other-bureau',
      toName: '邻县信访局',
      officeUnitId: 'other-office',
      transferredOn: '2026-03-09',
      actor: 'registrar',
    });
    expect(events[1]).toMatchObject({ key: 'route', late: false, by: 'routed' });
    const routes = driver.state.deadlines.filter((d) => d.key === 'route');
    expect(routes.map((d) => d.status)).toEqual(['met', 'running']);
    expect(routes[1]).toMatchObject({
      startDate: '2026-03-09',
      dueDate: dueDate('route', '2026-03-09'),
      responsible: 'petition-bureau',
    });
    expect(driver.state).toMatchObject({
      status: 'registered',
      bureauUnitId: 'other-bureau',
      officeUnitId: 'other-office',
      transfers: [
        {
          fromUnitId: 'bureau',
          toUnitId: 'other-bureau',
          toName: '邻县信访局',
          on: '2026-03-09',
          noteDocumentId: 'note-1',
        },
      ],
    });
    // The sending desk met the petitioner: it keeps handing out the query code.
    expect(registeringUnitOf(driver.state)).toBe('bureau');
    expect(fold(initialCaseState(), driver.events)).toEqual(driver.state);
  });

  it('leaves the case to the receiving bureau, which routes it; the sender can no longer act', async () => {
    const driver = await new CaseDriver().register();
    await driver.ok(supervisor, {
      type: 'setCaseOwner',
      leader: 'supervisor',
      handler: 'registrar',
      targetDate: addDays(driver.today, 30),
      taskDocumentId: 't',
    });
    await driver.ok(registrar, { ...transferOut, officeUnitId: undefined });
    // The sender's case owner (包案) and office were the sender's area's.
    expect(driver.state.caseOwner).toBeUndefined();
    expect(driver.state.officeUnitId).toBeUndefined();
    expect(await driver.run(registrar, route)).toEqual({
      refusal: expect.objectContaining({ code: 'not_responsible' }),
    });
    expect(await driver.run(otherRegistrar, { ...transferOut, bureauUnitId: 'other-bureau' })).toEqual({
      refusal: expect.objectContaining({ code: 'invalid_argument', field: 'bureauId' }),
    });
    await driver.ok(otherRegistrar, { ...route, unitId: 'other-housing', unitName: '邻县住建局' });
    expect(driver.state).toMatchObject({ status: 'transferred', handlingUnitId: 'other-housing' });
    expect(driver.state.deadlines.filter((d) => d.key === 'route').map((d) => d.status)).toEqual([
      'met',
      'met',
    ]);
  });

  it('meets an overdue D1 late and resolves the sender’s supervision item', async () => {
    const driver = new CaseDriver('national-2022', '2026-03-02');
    await driver.register();
    const due = driver.deadline('route')!.dueDate;
    await driver.passUntil(due);
    await driver.fireNextAlarm();
    expect(driver.deadline('route')?.status).toBe('overdue');
    const events = await driver.ok(registrar, transferOut);
    expect(events.find((e) => e.type === 'deadline-met')).toMatchObject({ key: 'route', late: true });
    expect(driver.state.deadlines.filter((d) => d.key === 'route').pop()).toMatchObject({
      status: 'running',
      startDate: driver.today,
    });
    expect(activeItems(driver.state)).toEqual([]);
  });

  it('is allowed only while the bureau holds the case', async () => {
    const driver = await new CaseDriver().register();
    await driver.ok(registrar, route);
    expect(await driver.run(registrar, transferOut)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
    expect(await driver.run(handler, transferOut)).toEqual({
      refusal: expect.objectContaining({ code: 'transition_not_allowed' }),
    });
  });
});
