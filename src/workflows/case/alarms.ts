import { instantMs } from '../clock';
import type { CaseEventBody } from './events';
import { type CaseDeadline, type CaseState, unitActingOn, warningAt } from './state';

/** An instant at which the case has something to do for one deadline. */
export interface Alarm {
  at: number;
  key: string;
  kind: 'warning' | 'due';
  daysBefore?: number;
}

/** The earliest warning or expiry among the running deadlines; the workflow keeps one timer for it. */
export function nextAlarm(state: CaseState): Alarm | undefined {
  const alarms: Alarm[] = [];
  for (const deadline of state.deadlines) {
    if (deadline.status !== 'running') continue;
    for (const warning of deadline.warnings) {
      const at = instantMs(warningAt(deadline, warning));
      // A warning already past when the deadline started (or moved) would only be noise.
      if (deadline.firedWarnings.includes(warning.daysBefore) || at < instantMs(deadline.startedAt)) continue;
      alarms.push({ at, key: deadline.key, kind: 'warning', daysBefore: warning.daysBefore });
    }
    alarms.push({ at: instantMs(deadline.dueAt), key: deadline.key, kind: 'due' });
  }
  return alarms.sort((a, b) => a.at - b.at)[0];
}

/** Whether an alarm still applies to the case as it is now (it may have moved on meanwhile). */
export function alarmStillDue(state: CaseState, alarm: Alarm): CaseDeadline | undefined {
  const deadline = state.deadlines.find((d) => d.key === alarm.key && d.status === 'running');
  if (!deadline) return undefined;
  if (alarm.kind === 'due') return instantMs(deadline.dueAt) === alarm.at ? deadline : undefined;
  return deadline.firedWarnings.includes(alarm.daysBefore ?? -1) ? undefined : deadline;
}

/**
 * What a warning or an expiry does, by the deadline's expiry policy: supervision notice (督办), a
 * window lapsing (and the case closing, or going on as it stands), or escalation to the office (联席办).
 */
export function decideAlarm(state: CaseState, alarm: Alarm, today: string): CaseEventBody[] {
  const deadline = alarmStillDue(state, alarm);
  if (!deadline) return [];
  const leader = state.caseOwner?.leader;
  if (alarm.kind === 'warning') {
    const warning = deadline.warnings.find((w) => w.daysBefore === alarm.daysBefore);
    const notify = warning?.notify ?? [];
    return [
      {
        type: 'deadline-warning',
        key: deadline.key,
        daysBefore: alarm.daysBefore ?? 0,
        dueAt: deadline.dueAt,
        notify,
        ...(leader && notify.includes('case-owning-leader') ? { caseOwningLeader: leader } : {}),
      },
    ];
  }
  const { key, dueAt } = deadline;
  switch (deadline.policy) {
    case 'supervise':
      return [
        { type: 'deadline-overdue', key, dueAt },
        {
          type: 'supervision-notice',
          key,
          unitId: unitActingOn(state, deadline),
          ...(leader ? { caseOwningLeader: leader } : {}),
        },
      ];
    case 'escalate':
      return [
        { type: 'deadline-overdue', key, dueAt },
        { type: 'escalated', key, to: 'joint-conference-office' },
      ];
    case 'lapse-and-continue':
      return [{ type: 'deadline-lapsed', key, dueAt }];
    case 'lapse-and-close':
      return [
        { type: 'deadline-lapsed', key, dueAt },
        { type: 'closed', reason: 'window-lapsed', closedOn: today, deadlineKey: key },
      ];
  }
}
