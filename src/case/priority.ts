import { accept, refuse, type RuleMap } from './decision';

/**
 * 关注级别 (S5): how closely the bureau follows a case — 一级关注, 二级关注 or 普通关注 — a reading of the
 * matter the bureau sets and changes with a reason, independent of the procedure.
 */
export const PRIORITY_LEVELS = ['first', 'second', 'ordinary'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

/** The case's priority as last set: level, the Art 25 flag (重大、紧急信访事项), its reason, who and when. */
export interface CasePriority {
  level: PriorityLevel;
  majorUrgent: boolean;
  reasonDocumentId: string;
  setBy: string;
  setOn: string;
  /** The day the case was first flagged major or urgent in its current run of the flag. */
  majorUrgentSince?: string;
}

export const PRIORITY_RULES = {
  setPriority(state, c, ctx) {
    // The API checks the level too; a command from elsewhere (a script, a retry of an old client) is refused here.
    if (!(PRIORITY_LEVELS as readonly string[]).includes(c.level)) {
      return refuse('invalid_argument', `must be one of ${PRIORITY_LEVELS.join(', ')}`, 'level');
    }
    if (!c.reasonDocumentId) return refuse('invalid_argument', 'a reason is required', 'reason');
    const current = state.priority;
    const majorUrgent = c.majorUrgent ?? current?.majorUrgent ?? false;
    if (current && current.level === c.level && current.majorUrgent === majorUrgent) {
      return refuse(
        'transition_not_allowed',
        `The case already has this priority (${c.level}${majorUrgent ? ', major or urgent' : ''})`,
      );
    }
    return accept({
      type: 'priority-set',
      level: c.level,
      majorUrgent,
      reasonDocumentId: c.reasonDocumentId,
      setOn: ctx.today,
      ...(current ? { previousLevel: current.level, previousMajorUrgent: current.majorUrgent } : {}),
    });
  },
} satisfies Partial<RuleMap>;
