import type { CasePolicy } from '../rules/case-policy';
import { instantMs } from '../rules/dates';
import type { CaseEventBody } from './events';
import { ladderAlarms, ladderDue, ladderStillDue } from './ladder';
import { type CaseDeadline, type CaseState, unitActingOn, warningAt } from './state';
import { isMerged } from './merge';
import { activeItemFor, awaitingFeedback, nextItemId } from './supervision';

/**
 * An instant at which the case has something to do: a deadline's warning or expiry (`key` is the deadline's),
 * or a rung of the supervision ladder (`key` is the ladder item's): an unanswered notice going to the office,
 * a feedback target date passing, a listed case's date to correct by passing.
 */
export interface Alarm {
  at: number;
  key: string;
  kind: 'warning' | 'due' | 'escalation' | 'target' | 'listing';
  daysBefore?: number;
}

/** The earliest alarm of the case; the workflow keeps one timer for it. */
export function nextAlarm(state: CaseState, policy: CasePolicy): Alarm | undefined {
  // A merged case only waits to be unmerged (closed cases end their workflow and never ask).
  if (isMerged(state)) return undefined;
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
  alarms.push(...ladderAlarms(state, policy));
  return alarms.sort((a, b) => a.at - b.at)[0];
}

export function deadlineStillDue(state: CaseState, alarm: Alarm): CaseDeadline | undefined {
  const deadline = state.deadlines.find((d) => d.key === alarm.key && d.status === 'running');
  if (!deadline) return undefined;
  if (alarm.kind === 'due') return instantMs(deadline.dueAt) === alarm.at ? deadline : undefined;
  return deadline.firedWarnings.includes(alarm.daysBefore ?? -1) ? undefined : deadline;
}

/**
 * What an alarm does. A warning warns; an expiry acts by the deadline's expiry policy: supervision notice
 * (督办), a window lapsing (and the case closing, or going on as it stands), or escalation to the office
 * (联席办). The ladder's own rungs are decided in `ladder.ts`.
 */
export function decideAlarm(
  state: CaseState,
  alarm: Alarm,
  today: string,
  policy: CasePolicy,
): CaseEventBody[] {
  if (alarm.kind !== 'warning' && alarm.kind !== 'due') {
    return ladderStillDue(state, alarm, policy) ? ladderDue(state, alarm, today) : [];
  }
  const deadline = deadlineStillDue(state, alarm);
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
          itemId: nextItemId(state, key),
          noticeOn: today,
        },
      ];
    case 'escalate':
      return [
        { type: 'deadline-overdue', key, dueAt },
        ...escalationsOnExpiry(state, deadline, today, policy),
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

/**
 * A deadline whose expiry goes straight to the office: the supervision feedback (the notices still waiting
 * for it go up), the settling of a routing objection (the objection goes up), or any other (its own item).
 */
function escalationsOnExpiry(
  state: CaseState,
  deadline: CaseDeadline,
  today: string,
  policy: CasePolicy,
): CaseEventBody[] {
  const up = (
    key: string,
    itemId: string,
    reason: 'feedback-overdue' | 'objection-unsettled' | 'overdue',
    unitId?: string,
  ) =>
    ({
      type: 'escalated',
      key,
      to: 'joint-conference-office',
      itemId,
      reason,
      escalatedOn: today,
      ...(unitId ? { unitId } : {}),
    }) as const;
  if (deadline.key === policy.ladder?.feedbackDeadline) {
    // Only the notices it was counted for: a later notice has its own period (see planFeedback).
    return awaitingFeedback(state)
      .filter((item) => (item.noticeOn ?? '') <= deadline.startDate)
      .map((item) => up(item.deadlineKey, item.id, 'feedback-overdue', item.unitId));
  }
  if (deadline.key === policy.ladder?.objectionDeadline) {
    const objectionKey = 'decide-objection';
    const existing = activeItemFor(state, objectionKey);
    // Already at the office (its target date missed): the office settles it from there, one rung per item.
    if (policy.escalatesOncePerItem && existing && existing.level !== 'notice') return [];
    return [
      up(
        objectionKey,
        existing?.id ?? nextItemId(state, objectionKey),
        'objection-unsettled',
        state.bureauUnitId,
      ),
    ];
  }
  return [up(deadline.key, nextItemId(state, deadline.key), 'overdue', unitActingOn(state, deadline))];
}
