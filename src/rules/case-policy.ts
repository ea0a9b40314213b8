import type { CaseTrigger, Category, ExpiryPolicy, Procedure } from './case-vocabulary';
import type { DeadlineParty, RuleSet } from './rule-set-schema';

/**
 * What the case engine needs of a rule set to start and stop deadlines: a compact table, fetched once when
 * a case starts and kept with it (in its workflow history), so a later release of the rule set never
 * changes a running case.
 */
export interface CaseDeadlinePolicy {
  key: string;
  startsAt: CaseTrigger;
  stopsAt: CaseTrigger[];
  actor: DeadlineParty;
  policy: ExpiryPolicy;
  categories?: Category[];
  procedure?: Procedure;
  /** Upper bound of a length set per case (D4 report-assigned), when the case may set it. */
  maxLengthDays?: number;
  /** Hearing time is not counted (the re-examination, Art 36 ¶2). */
  pausable?: true;
  /** Calendar days after expiry at which a supervised deadline still unmet goes to the office (联席办). */
  escalateAfterDays?: number;
  /** Closing the case leaves it running (carrying out a supported opinion); absent: closing cancels it. */
  outlivesClosure?: true;
}

/** The deadlines the supervision ladder and the after-care (回访, 满意度评价) run under. */
export interface LadderPolicy {
  feedbackDeadline: string;
  objectionDeadline: string;
  returnVisitDeadline: string;
  evaluationDeadline: string;
  dissatisfiedFlagsFollowUp: boolean;
  remindReviewRightWhileOpen: boolean;
  /** The follow-up's deadline (跟踪回访); absent from policies pinned before 1.4.0 / 1.5.0: a flag only. */
  followUpDeadline?: string;
}

/** How far ahead (calendar days after the day it is set) a date that staff set may lie. */
export interface DateLimits {
  feedbackTargetDays: number;
  listingCorrectByDays: number;
  caseOwnerTargetDays: number;
}

/** The limits of the rule sets' first versions with them (1.3.0), for cases pinned before. */
export const DEFAULT_DATE_LIMITS: DateLimits = {
  feedbackTargetDays: 30,
  listingCorrectByDays: 30,
  caseOwnerTargetDays: 90,
};

export interface CasePolicy {
  ruleSetId: string;
  ruleSetVersion: string;
  deadlines: CaseDeadlinePolicy[];
  extension: {
    appliesTo: string[];
    capDays: number;
    multipleGrants: boolean;
    approverRole: DeadlineParty;
    assignedMatterApproverRole?: DeadlineParty;
    requestBeforeDue: boolean;
    /** Review-chain deadlines their body may extend (Beijing Art 50 ¶4); absent: the first instance only. */
    reviewChainDeadlines?: string[];
  };
  /** The deadline of the simplified procedure, when the rule set has one. */
  simplifiedDeadline?: string;
  /** Absent from policies pinned before the supervision ladder (they never climb it). */
  ladder?: LadderPolicy;
  /** Absent from policies pinned before rule sets 1.3.0: such a case takes no limit until it adopts one. */
  dateLimits?: DateLimits;
  /**
   * Each ladder item goes to the office once: an objection already there (its unit's target date missed) is not
   * escalated a second time when it stays unsettled. No rule set sets it: the workflow shell adopts it
   * (`patched('ladder-once-per-item')`), so histories recorded before keep the decisions they recorded.
   */
  escalatesOncePerItem?: true;
  /** The acceptance is a decision notified in writing (2005 Art 21–22); absent from the policies before it. */
  acceptanceNoticeRequired?: true;
  /** Closures a provincial text adds (上海 Art 42 (二) 核查, 浙江 Art 25 (1)); absent: the national ones only. */
  closures?: { verification?: true; agreementCarriedOut?: true };
  /** Absent from policies pinned before rule sets 1.4.0, and where the text keeps the national chain. */
  reviewChain?: { finalOpinion: 'review'; citation: string }; /**
   * A manual 督办 / 交办's feedback period (calendar days). Absent from policies pinned before national-2022 1.4.0:
   * such a case takes its version's feedback target limit (dateLimits, else DEFAULT_DATE_LIMITS), the 30 d the
   * 2005 text and Shandong / Shanghai set for written feedback.
   */
  manualSupervision?: { feedbackDays: number; citation: string };
}

export function casePolicyOf(ruleSet: RuleSet): CasePolicy {
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    deadlines: ruleSet.deadlines.map((rule) => ({
      key: rule.key,
      startsAt: rule.startsAt,
      stopsAt: [...rule.stopsAt],
      actor: rule.actor,
      policy: rule.expiry.policy,
      ...(rule.appliesTo?.categories ? { categories: [...rule.appliesTo.categories] } : {}),
      ...(rule.appliesTo?.procedure ? { procedure: rule.appliesTo.procedure } : {}),
      ...(rule.perCaseLength ? { maxLengthDays: rule.perCaseLength.maxDays } : {}),
      ...(rule.pausable ? { pausable: true as const } : {}),
      ...(rule.expiry.policy === 'supervise' && rule.expiry.escalations[0]
        ? { escalateAfterDays: rule.expiry.escalations[0].daysAfter }
        : {}),
      ...(rule.outlivesClosure ? { outlivesClosure: true as const } : {}),
    })),
    extension: {
      appliesTo: [...ruleSet.extension.appliesTo],
      capDays: ruleSet.extension.capDays,
      multipleGrants: ruleSet.extension.multipleGrants,
      approverRole: ruleSet.extension.approverRole,
      ...(ruleSet.extension.assignedMatterApproverRole
        ? { assignedMatterApproverRole: ruleSet.extension.assignedMatterApproverRole }
        : {}),
      requestBeforeDue: ruleSet.extension.requestBeforeDue,
      ...(ruleSet.extension.reviewChainDeadlines
        ? { reviewChainDeadlines: [...ruleSet.extension.reviewChainDeadlines] }
        : {}),
    },
    ...(ruleSet.simplifiedProcedure ? { simplifiedDeadline: ruleSet.simplifiedProcedure.deadline } : {}),
    ...(ruleSet.dateLimits
      ? {
          dateLimits: {
            feedbackTargetDays: ruleSet.dateLimits.feedbackTargetDays,
            listingCorrectByDays: ruleSet.dateLimits.listingCorrectByDays,
            caseOwnerTargetDays: ruleSet.dateLimits.caseOwnerTargetDays,
          },
        }
      : {}),
    ...(ruleSet.acceptance?.writtenNoticeRequired ? { acceptanceNoticeRequired: true as const } : {}),
    ...(ruleSet.closures?.verification || ruleSet.closures?.agreementCarriedOut
      ? {
          closures: {
            ...(ruleSet.closures.verification ? { verification: true as const } : {}),
            ...(ruleSet.closures.agreementCarriedOut ? { agreementCarriedOut: true as const } : {}),
          },
        }
      : {}),
    ...(ruleSet.reviewChain ? { reviewChain: { ...ruleSet.reviewChain } } : {}),
    ...(ruleSet.supervision.manual ? { manualSupervision: { ...ruleSet.supervision.manual } } : {}),
    ladder: {
      feedbackDeadline: ruleSet.supervision.feedbackDeadline,
      objectionDeadline: ruleSet.escalation.objectionDeadline,
      returnVisitDeadline: ruleSet.returnVisit.deadline,
      evaluationDeadline: ruleSet.evaluation.deadline,
      dissatisfiedFlagsFollowUp: ruleSet.returnVisit.dissatisfiedFlagsFollowUp,
      remindReviewRightWhileOpen: ruleSet.returnVisit.remindReviewRightWhileOpen,
      ...(ruleSet.returnVisit.followUp ? { followUpDeadline: ruleSet.returnVisit.followUp.deadline } : {}),
    },
  };
}
