/** After the reply: the return visit (回访) by the handling unit and the petitioner's evaluation (满意度评价). */

export const SATISFACTION_GRADES = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type SatisfactionGrade = (typeof SATISFACTION_GRADES)[number];

/** What the petitioner may evaluate: the acceptance notice (受理告知) and each written reply. */
export const EVALUATION_SUBJECTS = ['acceptance-notice', 'written-reply'] as const;
export type EvaluationSubject = (typeof EVALUATION_SUBJECTS)[number];

export interface ReturnVisit {
  visitedOn: string;
  by: string;
  reached: boolean;
  satisfaction?: SatisfactionGrade;
  noteDocumentId: string;
  /** A dissatisfied petitioner: the case is flagged for follow-up. */
  followUp: boolean;
  /** The petitioner was reminded of the right to a review (复查) while its window was open. */
  reviewRightReminded: boolean;
  /** A second visit answering this follow-up (跟踪回访). */
  followUpId?: string;
}

/** An invitation to evaluate, and the petitioner's grade once given. */
export interface Evaluation {
  subject: EvaluationSubject;
  invitedOn: string;
  grade?: SatisfactionGrade;
  evaluatedOn?: string;
}

/** What opened a follow-up: a dissatisfied return visit, or a dissatisfied evaluation of a subject. */
export type FollowUpCause = { kind: 'return-visit' } | { kind: 'evaluation'; subject: EvaluationSubject };

/**
 * 跟踪回访: where the pinned rule set has a follow-up deadline, a dissatisfied return visit or evaluation opens
 * one; the unit closes it with a note, or with a second return visit the petitioner is satisfied with. One is
 * open at a time: a further dissatisfaction while it is open joins it. A case that closes first ends it
 * `cancelled` (nobody followed up).
 */
export interface FollowUp {
  id: string;
  openedOn: string;
  cause: FollowUpCause;
  status: 'open' | 'closed' | 'cancelled';
  closedOn?: string;
  closedBy?: string;
  /** `note`: the unit's closing note; `second-visit`: a return visit linked to it, satisfied or basically. */
  closedWith?: 'note' | 'second-visit';
  noteDocumentId?: string;
}

/** Grades that count as satisfied (满意率 counts both): a second visit with one of them closes the follow-up. */
export function isSatisfied(grade: SatisfactionGrade | undefined): boolean {
  return grade === 'satisfied' || grade === 'basically-satisfied';
}

export function openFollowUp(followUps: readonly FollowUp[] | undefined): FollowUp | undefined {
  return (followUps ?? []).find((f) => f.status === 'open');
}
