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
}

/** An invitation to evaluate, and the petitioner's grade once given. */
export interface Evaluation {
  subject: EvaluationSubject;
  invitedOn: string;
  grade?: SatisfactionGrade;
  evaluatedOn?: string;
}
