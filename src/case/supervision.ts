import { endOfShanghaiDayMs, instantMs } from '../rules/dates';
import type { CaseDeadline, CaseState } from './state';

/** The rungs of the supervision ladder, in order: 督办通知, 报联席办, 挂牌督办. */
export const SUPERVISION_LEVELS = ['notice', 'office', 'listed'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

/** Why a case went up to the joint-conference office (联席办). */
export const ESCALATION_REASONS = [
  'overdue', // the deadline stayed unmet for the rule set's days after expiry (15 d by default)
  'feedback-overdue', // the unit did not answer the supervision notice in time
  'target-missed', // the unit answered, but its own target date passed with the deadline still unmet
  'objection-unsettled', // an objection to a routing stayed unsettled (10 wd by default)
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * One climb of the supervision ladder for one deadline of a case: the notice to the unit that must act,
 * its written feedback, the escalation to the office, the office's listing and instructions. `open` waits
 * for feedback (or for the office), `answered` has feedback, `resolved` the deadline was met (late), and
 * `closed` the case or the deadline ended without it.
 */
export interface SupervisionItem {
  id: string;
  deadlineKey: string;
  /** The unit that must act on the deadline. */
  unitId?: string;
  level: SupervisionLevel;
  status: 'open' | 'answered' | 'resolved' | 'closed';
  noticeOn?: string;
  feedback?: { on: string; by: string; reportDocumentId: string; targetDate: string };
  escalation?: { on: string; reason: EscalationReason };
  listing?: { on: string; by: string; correctBy: string; noteDocumentId: string; overdueOn?: string };
  instructions: Array<{ on: string; by: string; unitId: string; instructionDocumentId: string }>;
  endedOn?: string;
}

export function itemsOf(state: CaseState): SupervisionItem[] {
  return state.supervision ?? [];
}

/** Items still on the ladder: waiting for feedback, for the office, or for the deadline to be met. */
export function activeItems(state: CaseState): SupervisionItem[] {
  return itemsOf(state).filter((item) => item.status === 'open' || item.status === 'answered');
}

/** Notices still waiting for the unit's written feedback (the feedback deadline runs for them). */
export function awaitingFeedback(state: CaseState): SupervisionItem[] {
  return itemsOf(state).filter((item) => item.status === 'open' && item.level === 'notice');
}

export function activeItemFor(state: CaseState, deadlineKey: string): SupervisionItem | undefined {
  return activeItems(state).find((item) => item.deadlineKey === deadlineKey);
}

/** The next item id for a deadline: its key and a running number, e.g. `handle-1`. */
export function nextItemId(state: CaseState, deadlineKey: string): string {
  return `${deadlineKey}-${itemsOf(state).filter((item) => item.deadlineKey === deadlineKey).length + 1}`;
}

/** The highest rung any active item stands on: what the Web UI's `SupervisionLevel` shows. */
export function supervisionLevel(state: CaseState): SupervisionLevel | 'none' {
  const levels = activeItems(state).map((item) => SUPERVISION_LEVELS.indexOf(item.level));
  return levels.length === 0 ? 'none' : SUPERVISION_LEVELS[Math.max(...levels)]!;
}

/** The end of a day (24:00 Asia/Shanghai): a date set by a person (a target, a correction) ends then. */
export function endOfDay(date: string): number {
  return endOfShanghaiDayMs(date);
}

/** When an unanswered notice goes to the office: the rule set's days after the deadline passed. */
export function escalationAt(deadline: CaseDeadline, daysAfter: number): number {
  return instantMs(deadline.dueAt) + daysAfter * 86_400_000;
}
