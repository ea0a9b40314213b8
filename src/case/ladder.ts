import type { CasePolicy } from '../rules/case-policy';
import { shanghaiDateAt } from '../rules/dates';
import type { Alarm } from './alarms';
import type { CaseEventBody } from './events';
import type { CaseState } from './state';
import { activeItems, endOfDay, escalationAt, hasOwnFeedbackDate } from './supervision';

/**
 * The rungs of the supervision ladder that time alone climbs, each at most once per item:
 * - an unanswered notice goes to the office when its deadline is still unmet the rule set's days after expiry
 *   (15 d by default) — `escalation`;
 * - an answered notice goes to the office when the unit's own target date passes with the deadline still
 *   unmet — `target`;
 * - a listed case (挂牌督办) not corrected by its date goes on the office's overdue list — `listing`.
 * The underlying deadline met (late) ends the item, and with it every rung still to come.
 */
export function ladderAlarms(state: CaseState, policy: CasePolicy): Alarm[] {
  const alarms: Alarm[] = [];
  for (const item of activeItems(state)) {
    if (hasOwnFeedbackDate(item) && item.level === 'notice' && item.status === 'open') {
      // A manual item unanswered by its own feedback date goes to the office (feedback-overdue).
      alarms.push({ at: endOfDay(item.feedbackDue), key: item.id, kind: 'escalation' });
    }
    const overdue = state.deadlines.find((d) => d.key === item.deadlineKey && d.status === 'overdue');
    if (item.level === 'notice' && overdue) {
      const daysAfter = policy.deadlines.find((rule) => rule.key === item.deadlineKey)?.escalateAfterDays;
      if (item.status === 'open' && daysAfter !== undefined) {
        alarms.push({ at: escalationAt(overdue, daysAfter), key: item.id, kind: 'escalation' });
      }
      if (item.status === 'answered' && item.feedback) {
        alarms.push({ at: endOfDay(item.feedback.targetDate), key: item.id, kind: 'target' });
      }
    }
    if (item.level === 'listed' && item.listing && !item.listing.overdueOn) {
      alarms.push({ at: endOfDay(item.listing.correctBy), key: item.id, kind: 'listing' });
    }
  }
  return alarms;
}

export function ladderStillDue(state: CaseState, alarm: Alarm, policy: CasePolicy): boolean {
  return ladderAlarms(state, policy).some(
    (due) => due.key === alarm.key && due.kind === alarm.kind && due.at === alarm.at,
  );
}

/** The rung an alarm of the ladder climbs (the caller checked it is still due). */
export function ladderDue(state: CaseState, alarm: Alarm, today: string): CaseEventBody[] {
  const item = activeItems(state).find((candidate) => candidate.id === alarm.key);
  if (!item) return [];
  if (alarm.kind === 'listing') {
    return [{ type: 'listing-overdue', itemId: item.id, correctBy: item.listing?.correctBy ?? today }];
  }
  return [
    {
      type: 'escalated',
      key: item.deadlineKey,
      to: 'joint-conference-office',
      itemId: item.id,
      reason:
        alarm.kind === 'target' ? 'target-missed' : hasOwnFeedbackDate(item) ? 'feedback-overdue' : 'overdue',
      escalatedOn: today,
      ...(item.unitId ? { unitId: item.unitId } : {}),
    },
  ];
}

/** A line that names what the case's timer waits for, as the Web UI shows it on the timer (its summary). */
export function describeAlarm(state: CaseState, alarm: Alarm): string {
  // Every alarm falls at 00:00 Asia/Shanghai: name the day that ends then (its last millisecond's date).
  const on = shanghaiDateAt(alarm.at - 1);
  const deadline = state.deadlines.find((d) => d.key === alarm.key && d.status === 'running');
  switch (alarm.kind) {
    case 'warning':
      return `${alarm.key}: ${alarm.daysBefore} d warning, due ${deadline?.dueDate ?? '?'}`;
    case 'due':
      return `${alarm.key} due ${deadline?.dueDate ?? on}`;
    case 'escalation':
      return `${alarm.key}: unanswered supervision goes to the office after ${on}`;
    case 'target':
      return `${alarm.key}: feedback target date ${on}`;
    case 'listing':
      return `${alarm.key}: listed case to be corrected by ${on}`;
  }
}
