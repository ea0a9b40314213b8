import { awaitedAction, type CaseDeadline, type CaseState } from '../../../src/case';
import { foldColumns } from '../../../src/db/case-write/fold';
import { actors, CaseDriver } from '../../support/case-engine';

const { registrar, handler } = actors;
const route = { type: 'route', unitId: 'housing', unitName: '住建局', mode: 'transfer' } as const;

/** The staff queue's columns (待办) of the fold, as the event writer writes them. */
const actionOf = (state: CaseState) => {
  const row = foldColumns({ state, events: [], notifications: [], items: [], fence: 1, attemptAt: null });
  return {
    unit: row.action_unit_id,
    key: row.action_deadline_key,
    dueAt: row.action_due_at,
    warnAt: row.action_warn_at,
    overdue: row.action_overdue,
  };
};

const NOTHING = { unit: null, key: null, dueAt: null, warnAt: null, overdue: null };

describe('the fold’s action columns (the unit the case waits for)', () => {
  it('a registered case waits for its bureau to route it (D1), warning from the earliest warning', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    // D1 is due 2026-03-17 and warns 5 and 1 days before: from 00:00 on the 12th.
    expect(actionOf(driver.state)).toEqual({
      unit: 'bureau',
      key: 'route',
      dueAt: '2026-03-18T00:00:00+08:00',
      warnAt: '2026-03-12T00:00:00+08:00',
      overdue: false,
    });
  });

  it('a routed case waits for the handling unit’s D2, not its objection window (which lapses, and the case goes on)', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    await driver.ok(registrar, route);
    // The objection window (D3, 5 working days) is due before D2 (15 days) but awaits nothing.
    expect(driver.deadline('object')!.dueDate < driver.deadline('acknowledge')!.dueDate).toBe(true);
    expect(actionOf(driver.state)).toMatchObject({
      unit: 'housing',
      key: 'acknowledge',
      dueAt: driver.deadline('acknowledge')!.dueAt,
      overdue: false,
    });
    await driver.ok(handler, { type: 'accept', procedure: 'normal' });
    // The petitioner's evaluation window (due earlier) is the petitioner's: the unit's D5 is awaited.
    expect(actionOf(driver.state)).toMatchObject({
      unit: 'housing',
      key: 'handle',
      dueAt: '2026-05-07T00:00:00+08:00',
    });
  });

  it('an overdue deadline is marked overdue, and a deadline of a unit not yet known is passed over', async () => {
    const driver = await new CaseDriver('national-2022', '2026-01-02').register();
    await driver.passUntil('2026-02-10');
    // The supervision feedback is the handling unit's, and there is none yet: the bureau's D1 is awaited.
    expect(driver.deadline('supervision-feedback')?.status).toBe('overdue');
    expect(actionOf(driver.state)).toMatchObject({ unit: 'bureau', key: 'route', overdue: true });
  });

  it('a closed case waits for nobody', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    expect(actionOf({ ...driver.state, status: 'closed' })).toEqual(NOTHING);
  });

  it('skips paused, met and the petitioner’s deadlines; ties go to the first; no warnings: no warnAt', async () => {
    const driver = await new CaseDriver('national-2022', '2026-03-02').register();
    await driver.ok(registrar, route);
    const base = driver.deadline('acknowledge')!;
    const deadline = (key: string, fields: Partial<CaseDeadline>): CaseDeadline => ({
      ...base,
      key,
      ...fields,
    });
    const state = (deadlines: CaseDeadline[]): CaseState => ({ ...driver.state, deadlines });
    const early = { dueDate: '2026-03-05', dueAt: '2026-03-06T00:00:00+08:00' };
    const late = { dueDate: '2026-03-20', dueAt: '2026-03-21T00:00:00+08:00' };
    expect(
      actionOf(
        state([
          deadline('paused', { ...early, status: 'paused' }),
          deadline('met', { ...early, status: 'met' }),
          deadline('theirs', { ...early, responsible: 'petitioner' }),
          deadline('first', { ...late, warnings: [] }),
          deadline('second', late),
        ]),
      ),
    ).toEqual({ unit: 'housing', key: 'first', dueAt: late.dueAt, warnAt: null, overdue: false });
    expect(awaitedAction(state([deadline('only-theirs', { responsible: 'petitioner' })]))).toBeUndefined();
    // The bureau's deadline goes to the bureau, the review body's to the body once there is one.
    expect(actionOf(state([deadline('b', { responsible: 'petition-bureau' })])).unit).toBe('bureau');
    expect(actionOf(state([deadline('r', { responsible: 'review-body' })]))).toEqual(NOTHING);
  });
});
