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
 * Where a ladder item came from (S33): the automatic notice on a deadline's expiry, or a manual 督办 / 交办 by the
 * petition bureau, by the joint-conference office (联席会议交办件), or received from a higher bureau (上级交办件).
 * Absent: automatic (every item before manual supervision existed).
 */
export const SUPERVISION_SOURCES = ['automatic', 'manual', 'joint-conference', 'higher-bureau'] as const;
export type SupervisionSource = (typeof SUPERVISION_SOURCES)[number];

/**
 * 督办: supervise the unit's handling on an Art 40 ground; 交办: hand the matter down to the unit to handle and
 * report the result in writing (办结报告) by the feedback date (Art 22 ¶1 (三), Art 23 ¶1).
 */
export const SUPERVISION_KINDS = ['supervise', 'assign'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];

/** Art 40 ¶1: 推诿, 敷衍, 拖延, handling against the rules (违反规定受理、办理), 拒不执行信访处理意见. */
export const SUPERVISION_GROUNDS = [
  'shirking',
  'perfunctory',
  'delaying',
  'against-rules',
  'not-carrying-out',
] as const;
export type SupervisionGround = (typeof SUPERVISION_GROUNDS)[number];

/** The key manual items stand under in place of a deadline's: their ids are `manual-1`, `manual-2`, … */
export const MANUAL_ITEM_KEY = 'manual';

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
  /** Absent: automatic. The fields below are a manual item's (督办 / 交办 not tied to a deadline). */
  source?: SupervisionSource;
  kind?: SupervisionKind;
  ground?: SupervisionGround;
  /** The notice document (督办通知 / 交办函). */
  noteDocumentId?: string;
  /** The body that issued a 督办 received from a higher bureau, and its reference (文号). */
  issuer?: { name: string; reference?: string };
  /**
   * A manual item's own feedback date (the rule set's days after the notice): an item without it waits on the
   * case's shared feedback deadline instead. The unit's written feedback ends a manual item.
   */
  feedbackDue?: string;
}

export function itemsOf(state: CaseState): SupervisionItem[] {
  return state.supervision ?? [];
}

/** Items still on the ladder: waiting for feedback, for the office, or for the deadline to be met. */
export function activeItems(state: CaseState): SupervisionItem[] {
  return itemsOf(state).filter((item) => item.status === 'open' || item.status === 'answered');
}

/**
 * Notices still waiting for the unit's written feedback that the rule set's feedback deadline runs for; a manual
 * item waits on its own date (`feedbackDue`) instead.
 */
export function awaitingFeedback(state: CaseState): SupervisionItem[] {
  return itemsOf(state).filter(
    (item) => item.status === 'open' && item.level === 'notice' && !hasOwnFeedbackDate(item),
  );
}

/** A manual item: its feedback has its own date, and the feedback ends it. */
export function hasOwnFeedbackDate(item: SupervisionItem): item is SupervisionItem & { feedbackDue: string } {
  return item.feedbackDue !== undefined;
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
