import { addDays, instantMs, startOfShanghaiDay } from '../rules/dates';
import type { BacklogTimings } from './timings';

/**
 * The backlog entry's ladder, decided without Temporal: what the entry's workflow holds (its target date,
 * the day it was set, the alarms fired) and the next alarm it waits for. Alarm keys carry the target date,
 * so a new target date plans a fresh ladder and what fired for the old one never fires again.
 */
export interface BacklogClockState {
  targetDate: string;
  /** The day the current target date was set: a warning already past then would only be noise. */
  plannedOn: string;
  fired: string[];
  open: boolean;
}

export type BacklogAlarmKind = 'warning' | 'supervision-notice' | 'escalation';

export interface BacklogAlarm {
  key: string;
  kind: BacklogAlarmKind;
  /** The day it fires on (00:00 Asia/Shanghai) and that instant in epoch milliseconds. */
  on: string;
  at: number;
  targetDate: string;
  daysBefore?: number;
}

export function startClock(targetDate: string, today: string): BacklogClockState {
  return { targetDate, plannedOn: today, fired: [], open: true };
}

/** Every alarm of the current target date, in the order they fire. */
export function plannedAlarms(state: BacklogClockState, timings: BacklogTimings): BacklogAlarm[] {
  const { targetDate } = state;
  const alarm = (kind: BacklogAlarmKind, on: string, suffix: string, daysBefore?: number): BacklogAlarm => ({
    key: `${kind}${suffix}@${targetDate}`,
    kind,
    on,
    at: instantMs(startOfShanghaiDay(on)),
    targetDate,
    ...(daysBefore !== undefined ? { daysBefore } : {}),
  });
  const passed = addDays(targetDate, 1); // 24:00 of the target date
  const warnings = [...new Set(timings.warningDaysBefore)]
    .filter((days) => days > 0)
    .map((days) => alarm('warning', addDays(targetDate, -days), `-${days}`, days))
    // A warning due before the target date was set would only be noise.
    .filter((w) => w.on >= state.plannedOn);
  return [
    ...warnings,
    alarm('supervision-notice', passed, ''),
    alarm('escalation', addDays(passed, timings.escalationDaysAfter), ''),
  ].sort((a, b) => a.at - b.at);
}

/** The next alarm to wait for: none once the entry is closed or the ladder has run to its end. */
export function nextAlarm(state: BacklogClockState, timings: BacklogTimings): BacklogAlarm | undefined {
  if (!state.open) return undefined;
  return plannedAlarms(state, timings).find((a) => !state.fired.includes(a.key));
}

export function alarmFired(state: BacklogClockState, alarm: BacklogAlarm): BacklogClockState {
  return state.fired.includes(alarm.key) ? state : { ...state, fired: [...state.fired, alarm.key] };
}

/** A new target date (re-planned from `today`); the same date again changes nothing. */
export function retarget(state: BacklogClockState, targetDate: string, today: string): BacklogClockState {
  if (!state.open || targetDate === state.targetDate) return state;
  return { ...state, targetDate, plannedOn: today };
}

/** Resolved (化解) or stopped petitioning (息诉罢访): the ladder ends and the workflow with it. */
export function closeClock(state: BacklogClockState): BacklogClockState {
  return { ...state, open: false };
}
