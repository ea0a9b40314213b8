import type { CaseTrigger } from '../rules/case-vocabulary';
import type { EvaluationSubject, FollowUpCause, SatisfactionGrade } from './aftercare';
import type { CaseDeadline, CaseFlags, CaseState, HigherApplication } from './state';
import type { EscalationReason, SupervisionGround, SupervisionKind, SupervisionSource } from './supervision';
import type { PriorityLevel } from './priority';
import type { CaseOwnerWorkKind } from './case-owner';
import type { AgreementRecord, MeasureRecord, StoppedPetitioning } from './resolution';
import type {
  CaseStatus,
  ClosureReason,
  DiversionTarget,
  HigherOutcome,
  NotAcceptedReason,
  Outcome,
  Procedure,
  RoutingMode,
} from './vocabulary';

/**
 * What happened in a case. The workflow emits these, the read model stores them as the audit trail
 * (append-only, one row each) and folds them into the same state with `evolve`.
 */
export type CaseEventBody =
  | ({ type: 'registered'; group?: CaseState['group']; flags: CaseFlags } & Pick<
      CaseState,
      | 'petitionId'
      | 'ruleSetId'
      | 'channel'
      | 'category'
      | 'domain'
      | 'receivedOn'
      | 'bureauUnitId'
      | 'officeUnitId'
      | 'receivedBy'
    >)
  /**
   * 转出: the bureau sends the petition to the bureau of the area its responsible unit lies in; the case
   * goes on there (its bureau and joint-conference office become the receiving area's).
   */
  | {
      type: 'transferred-out';
      fromUnitId: string;
      toUnitId: string;
      toName: string;
      /** The receiving area's joint-conference office; absent when it has none. */
      officeUnitId?: string;
      transferredOn: string;
      noteDocumentId?: string;
    }
  | {
      type: 'routed';
      unitId: string;
      unitName: string;
      mode: RoutingMode;
      routedOn: string;
      reportDays?: number;
    }
  | { type: 'objection-raised'; unitId: string; reasonDocumentId: string; raisedOn: string }
  | {
      type: 'objection-decided';
      decision: 'upheld' | 'rerouted';
      decidedOn: string;
      unitId?: string;
      unitName?: string;
      noteDocumentId?: string;
      /** Settled by the joint-conference office (Art 24) rather than the bureau. */
      by?: 'joint-conference-office';
    }
  | { type: 'diverted'; to: DiversionTarget; noticeDocumentId: string }
  | {
      type: 'not-accepted';
      by: 'bureau' | 'unit';
      reason: NotAcceptedReason;
      noticeDocumentId?: string;
      linkedCaseId?: string;
    }
  | { type: 'accepted'; procedure: Procedure; acceptedOn: string; noticeDocumentId?: string }
  | { type: 'procedure-changed'; procedure: Procedure; acceptedOn: string }
  | {
      type: 'case-owner-set';
      leader: string;
      handler: string;
      targetDate: string;
      taskDocumentId: string;
      setOn: string;
    }
  | {
      type: 'extension-requested';
      extensionId: string;
      deadlineKey: string;
      days: number;
      reasonDocumentId: string;
      requestedOn: string;
    }
  | { type: 'extension-approved'; extensionId: string; decidedOn: string }
  | { type: 'extension-refused'; extensionId: string; decidedOn: string; reasonDocumentId?: string }
  /** The petitioner is told (告知): of an extension and its reason (Art 34). */
  | { type: 'petitioner-notified'; about: 'extension'; extensionId: string; reasonDocumentId: string }
  | {
      type: 'replied';
      outcome: Outcome;
      opinionDocumentId: string;
      deliveredOn: string;
      /** The period set for carrying out a supported opinion, instead of the rule set's default. */
      carryOutDays?: number;
    }
  | { type: 'withdrawn'; reasonDocumentId: string; withdrawnOn: string }
  | { type: 'closed'; reason: ClosureReason; closedOn: string; deadlineKey?: string }
  | ({ type: 'deadline-started' } & DeadlineDates &
      Pick<CaseDeadline, 'responsible' | 'policy' | 'kind' | 'startDate' | 'ruleSetVersion'>)
  | ({ type: 'deadline-extended' } & DeadlineDates)
  | ({
      type: 'deadline-recomputed';
      previousDueAt: string;
      /** Set when a re-plan recomputed it under a rule-set version the case adopted (a transitional provision). */
      ruleSetVersion?: string;
    } & DeadlineDates)
  | { type: 'deadline-met'; key: string; late: boolean; by: CaseTrigger }
  | { type: 'deadline-cancelled'; key: string }
  | {
      type: 'deadline-warning';
      key: string;
      daysBefore: number;
      dueAt: string;
      notify: string[];
      caseOwningLeader?: string;
    }
  | { type: 'deadline-overdue'; key: string; dueAt: string }
  /** 督办: the petition bureau's automatic supervision notice to the unit that must act. */
  | {
      type: 'supervision-notice';
      key: string;
      unitId?: string;
      caseOwningLeader?: string;
      /** The ladder item it opens. */
      itemId?: string;
      noticeOn?: string;
    }
  | { type: 'deadline-lapsed'; key: string; dueAt: string }
  | {
      type: 'escalated';
      key: string;
      to: 'joint-conference-office';
      itemId?: string;
      reason?: EscalationReason;
      escalatedOn?: string;
      unitId?: string;
    }
  /** The supervised unit's written feedback (督办反馈): what it did and its target date. */
  | {
      type: 'supervision-feedback';
      itemId: string;
      reportDocumentId: string;
      targetDate: string;
      submittedOn: string;
    }
  /** 挂牌督办: the office lists the case with a date to correct by. */
  | {
      type: 'supervision-listed';
      itemId: string;
      correctBy: string;
      noteDocumentId: string;
      listedOn: string;
    }
  | {
      type: 'supervision-instructed';
      itemId: string;
      unitId: string;
      unitName: string;
      instructionDocumentId: string;
      instructedOn: string;
    }
  /** A listed case still not corrected by its date: it goes on the office's overdue list. */
  | { type: 'listing-overdue'; itemId: string; correctBy: string }
  | {
      type: 'return-visit-recorded';
      visitedOn: string;
      reached: boolean;
      satisfaction?: SatisfactionGrade;
      noteDocumentId: string;
      followUp: boolean;
      reviewRightReminded: boolean;
      /** A second visit answering this follow-up (跟踪回访); absent: the return visit due after the reply. */
      followUpId?: string;
    }
  | { type: 'evaluated'; subject: EvaluationSubject; grade: SatisfactionGrade; evaluatedOn: string }
  /** Someone asked Temporal to cancel the workflow: refused, recorded, and the case goes on. */
  | { type: 'cancellation-requested' }
  | {
      type: 'review-requested' | 'reexamination-requested';
      bodyUnitId: string;
      bodyName: string;
      requestedOn: string;
      /** The body first decides whether to accept the request (Shandong Art 43–44). */
      acceptanceRequired: boolean;
      /** The petitioner's application; absent in events recorded before it was required. */
      application?: HigherApplication;
    }
  | { type: 'review-request-accepted'; acceptedOn: string }
  | { type: 'review-opinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn: string }
  | { type: 'reexamination-request-accepted'; acceptedOn: string }
  | { type: 'hearing-opened'; hearingId: string; openedOn: string }
  | { type: 'hearing-closed'; hearingId: string; closedOn: string; days: number }
  | { type: 'reexamination-opinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn: string }
  /** The deadline's clock stands still (a hearing); it moves on with a `deadline-extended`. */
  | { type: 'deadline-paused'; key: string }
  /** 核查 completed and approved by the petition office (上海 Art 42 (二)); a `closed` follows. */
  | {
      type: 'verification-approved';
      checkingUnitId: string;
      checkingUnitName: string;
      conclusionDocumentId: string;
      approvedOn: string;
    }
  /** An agreement with the parties concerned, carried out (浙江 Art 25 (1)); a `closed` follows. */
  | {
      type: 'agreement-carried-out';
      agreementDocumentId: string;
      agreedOn: string;
      carriedOutOn: string;
      noteDocumentId?: string;
    }
  /**
   * A released rule-set version's transitional provision applies to running cases: the case adopts it (its
   * policy from now on; its open deadlines are recomputed with it, each a `deadline-recomputed`).
   */
  | { type: 'rule-set-adopted'; ruleSetVersion: string; previousVersion: string; citation: string }
  /**
   * 不予受理 (Shandong Art 43–44): the body refuses the request with written reasons; the opinion below stands
   * and the petitioner's window runs on to its original end.
   */
  | {
      type: 'review-request-refused' | 'reexamination-request-refused';
      refusedOn: string;
      reasonDocumentId: string;
    }
  /** The bureau set the case's priority (S5) and the 重大、紧急 flag (Art 25); the previous values, if any. */
  | {
      type: 'priority-set';
      level: PriorityLevel;
      majorUrgent: boolean;
      reasonDocumentId: string;
      setOn: string;
      previousLevel?: PriorityLevel;
      previousMajorUrgent?: boolean;
    }
  /** A manual 督办 / 交办 opens a ladder item for the unit holding the case, with its own feedback date. */
  | {
      type: 'supervision-opened';
      itemId: string;
      source: Exclude<SupervisionSource, 'automatic'>;
      kind: SupervisionKind;
      ground?: SupervisionGround;
      unitId: string;
      noteDocumentId: string;
      openedOn: string;
      feedbackDue: string;
      issuer?: { name: string; reference?: string };
    }
  /** One of the four 包 done under the case-owning leader named then (四定四包). */
  | {
      type: 'case-owner-work-recorded';
      kind: CaseOwnerWorkKind;
      doneOn: string;
      noteDocumentId: string;
      leader: string;
      recordedOn: string;
    }
  /** Parts of how the matter ended (S12–S16), recorded on `recordedOn`. */
  | {
      type: 'resolution-recorded';
      recordedOn: string;
      measures?: MeasureRecord[];
      agreement?: AgreementRecord;
      stoppedPetitioning?: StoppedPetitioning;
    }
  /** The supported opinion was carried out on `carriedOutOn` (Art 32 ¶2), with the unit's report. */
  | { type: 'opinion-carried-out'; carriedOutOn: string; reportDocumentId: string; recordedOn: string }
  /** 跟踪回访: a dissatisfied return visit or evaluation opened a follow-up (rule sets with a follow-up deadline). */
  | { type: 'follow-up-opened'; followUpId: string; openedOn: string; cause: FollowUpCause }
  /** The unit closed the follow-up: with its note, or by a second visit the petitioner was satisfied with. */
  | {
      type: 'follow-up-closed';
      followUpId: string;
      closedOn: string;
      closedWith: 'note' | 'second-visit';
      noteDocumentId: string;
    }
  /** 并案: merged into the case it repeats; a `closed` (reason `merged`) follows. */
  | { type: 'merged'; intoCaseId: string; reasonDocumentId: string; mergedOn: string }
  /** The merge undone: the case reopens in the status it had, its cancelled deadlines start again. */
  | {
      type: 'unmerged';
      fromCaseId: string;
      reasonDocumentId: string;
      unmergedOn: string;
      reopenedStatus: CaseStatus;
      /** The deadlines the merge cancelled, started again. */
      deadlineKeys: string[];
    };

/** The dates the rule set computed for a deadline. */
export type DeadlineDates = Pick<
  CaseDeadline,
  | 'key'
  | 'dueDate'
  | 'dueAt'
  | 'extensionDays'
  | 'lengthDays'
  | 'pausedDays'
  | 'provisional'
  | 'calendarVersion'
  | 'warnings'
>;

export type CaseEventType = CaseEventBody['type'];

/** An event as recorded: its place in the case, when (workflow clock), who, and which request caused it. */
export type CaseEvent = CaseEventBody & {
  sequence: number;
  at: string;
  actor?: string;
  /** The API request (update id) that caused it, so a retried request can find its own effect. */
  requestId?: string;
};

export type EventOf<T extends CaseEventType> = Extract<CaseEventBody, { type: T }>;
