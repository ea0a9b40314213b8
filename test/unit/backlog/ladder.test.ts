import {
  alarmFired,
  type BacklogAlarm,
  closeClock,
  DEFAULT_BACKLOG_TIMINGS,
  nextAlarm,
  plannedAlarms,
  retarget,
  startClock,
} from '../../../src/backlog';
import { addDays, instantMs, startOfShanghaiDay } from '../../../src/rules/dates';
import { progressOf } from '../../../src/domain/backlog/progress';

/** The backlog entry's ladder, decided without Temporal (src/backlog): dates relative to a fixed day. */
const REGISTERED = '2027-02-26'; // the month before a target crossing the end of February
const TARGET = '2027-03-31';
const timings = DEFAULT_BACKLOG_TIMINGS;

/** Runs the ladder to its end: every alarm in the order it fires. */
function runToEnd(state = startClock(TARGET, REGISTERED)) {
  const fired: BacklogAlarm[] = [];
  for (let alarm = nextAlarm(state, timings); alarm; alarm = nextAlarm(state, timings)) {
    fired.push(alarm);
    state = alarmFired(state, alarm);
  }
  return fired;
}

describe('the timer plan of a target date', () => {
  it('warns 7 and 1 days before, gives the 督办 notice when the date has passed, then escalates', () => {
    const fired = runToEnd();
    expect(fired.map((a) => [a.kind, a.on])).toEqual([
      ['warning', addDays(TARGET, -7)],
      ['warning', addDays(TARGET, -1)],
      ['supervision-notice', addDays(TARGET, 1)],
      ['escalation', addDays(TARGET, 1 + timings.escalationDaysAfter)],
    ]);
    // Each at 00:00 Asia/Shanghai of its day.
    expect(fired[0]!.at).toBe(instantMs(startOfShanghaiDay(addDays(TARGET, -7))));
    expect(fired.every((a) => a.targetDate === TARGET)).toBe(true);
  });

  it('leaves out a warning that was already due when the date was set', () => {
    const late = startClock(TARGET, addDays(TARGET, -3));
    expect(plannedAlarms(late, timings).map((a) => a.kind)).toEqual([
      'warning',
      'supervision-notice',
      'escalation',
    ]);
    expect(plannedAlarms(late, timings)[0]!.daysBefore).toBe(1);
  });

  it('has nothing left once the ladder has run', () => {
    let state = startClock(TARGET, REGISTERED);
    for (const alarm of runToEnd()) state = alarmFired(state, alarm);
    expect(nextAlarm(state, timings)).toBeUndefined();
  });
});

describe('a new target date', () => {
  it('re-plans the warnings and the ladder from the day it was set', () => {
    let state = startClock(TARGET, REGISTERED);
    const first = nextAlarm(state, timings)!;
    state = alarmFired(state, first);
    const later = addDays(TARGET, 30);
    state = retarget(state, later, addDays(TARGET, -5));
    expect(state).toMatchObject({ targetDate: later, plannedOn: addDays(TARGET, -5) });
    expect(nextAlarm(state, timings)).toMatchObject({
      kind: 'warning',
      on: addDays(later, -7),
      targetDate: later,
    });
    // What fired for the old date never fires again, and nothing of the old date is left.
    expect(plannedAlarms(state, timings).every((a) => a.targetDate === later)).toBe(true);
  });

  it('plans a fresh ladder after a 督办 notice on the old date', () => {
    let state = startClock(TARGET, REGISTERED);
    for (const alarm of runToEnd().slice(0, 3)) state = alarmFired(state, alarm);
    const later = addDays(TARGET, 20);
    state = retarget(state, later, addDays(TARGET, 2));
    expect(runToEnd(state).map((a) => a.kind)).toEqual([
      'warning',
      'warning',
      'supervision-notice',
      'escalation',
    ]);
  });

  it('changes nothing when the date is the same', () => {
    const state = startClock(TARGET, REGISTERED);
    expect(retarget(state, TARGET, addDays(REGISTERED, 3))).toBe(state);
  });
});

describe('resolution', () => {
  it('ends the ladder: no alarm, and a new date is ignored', () => {
    const state = closeClock(startClock(TARGET, REGISTERED));
    expect(nextAlarm(state, timings)).toBeUndefined();
    expect(retarget(state, addDays(TARGET, 9), REGISTERED)).toBe(state);
  });
});

describe('a campaign’s 化解率', () => {
  const counts = { entries: 4, resolved: 3, stoppedPetitioning: 0, open: 1, overdue: 0 };

  it('is resolved ÷ entries, against its target', () => {
    expect(progressOf(counts, 70)).toMatchObject({
      resolutionRate: { numerator: 3, denominator: 4, rate: 75 },
      targetMet: true,
    });
    expect(progressOf(counts, 80).targetMet).toBe(false);
    expect(progressOf(counts, null).targetMet).toBeNull();
  });

  it('is "no data" without entries, never a division by zero', () => {
    const none = { entries: 0, resolved: 0, stoppedPetitioning: 0, open: 0, overdue: 0 };
    expect(progressOf(none, 90)).toMatchObject({
      resolutionRate: { numerator: 0, denominator: 0, rate: null },
      targetMet: null,
    });
  });
});
