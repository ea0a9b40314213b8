import type { EvaluationSubject, SatisfactionGrade } from './aftercare';
import type { HigherApplication } from './state';
import type { PriorityLevel } from './priority';
import type { SupervisionGround, SupervisionKind } from './supervision';
import type { CaseOwnerWorkKind } from './case-owner';
import type { AgreementRecord, MeasureRecord, StoppedPetitioning } from './resolution';
import type {
  DiversionTarget,
  HigherOutcome,
  NotAcceptedReason,
  Outcome,
  Procedure,
  Role,
  RoutingMode,
} from './vocabulary';

/** Who performs a transition, as authenticated by the API: staff, or the petitioner by the query code. */
export interface Actor {
  login: string;
  unitId: string;
  roles: ActorRole[];
}

/** Staff roles, and the petitioner acting through the public endpoint (no account, no unit). */
export type ActorRole = Role | 'petitioner';
export const PETITIONER_ACTOR: Actor = { login: 'petitioner', unitId: 'public', roles: ['petitioner'] };

/**
 * What staff ask of a case. Payloads carry codes, ids and dates only; free text (reasons, opinions,
 * notices) is stored in PostgreSQL first and referred to by document id.
 */
export type CaseCommandBody =
  | { type: 'route'; unitId: string; unitName: string; mode: RoutingMode; reportDays?: number }
  /** 转出: to the petition bureau of another area (resolved by the API, with that area's office). */
  | {
      type: 'transferOut';
      bureauUnitId: string;
      bureauName: string;
      officeUnitId?: string;
      noteDocumentId?: string;
    }
  | { type: 'divert'; to: DiversionTarget; noticeDocumentId: string }
  | { type: 'notAccept'; reason: NotAcceptedReason; noticeDocumentId: string }
  | { type: 'object'; reasonDocumentId: string }
  | {
      type: 'decideObjection';
      decision: 'upheld' | 'rerouted';
      unitId?: string;
      unitName?: string;
      noteDocumentId?: string;
    }
  /** The written notice of the acceptance (受理告知书); required where the rule set makes acceptance a notified decision. */
  | { type: 'accept'; procedure: Procedure; noticeDocumentId?: string }
  | { type: 'setProcedure'; procedure: Procedure }
  | { type: 'setCaseOwner'; leader: string; handler: string; targetDate: string; taskDocumentId: string }
  | { type: 'requestExtension'; days: number; reasonDocumentId: string }
  | { type: 'approveExtension'; extensionId: string }
  | { type: 'refuseExtension'; extensionId: string; reasonDocumentId?: string }
  /** `carryOutDays`: the period the opinion sets to carry it out (supported only; rule sets 1.4.0 on). */
  | {
      type: 'reply';
      outcome: Outcome;
      opinionDocumentId: string;
      deliveredOn?: string;
      carryOutDays?: number;
    }
  | { type: 'withdraw'; reasonDocumentId: string }
  /**
   * Recorded by the review body (the unit above the handling unit), which the API resolves. The API always
   * sends the petitioner's application; commands of histories recorded before it was required have none.
   */
  | {
      type: 'requestReview';
      bodyUnitId: string;
      bodyName: string;
      receivedOn?: string;
      application?: HigherApplication;
    }
  | { type: 'acceptReviewRequest' }
  /** 不予受理: the review body refuses the request, with its written reasons (Shandong Art 43). */
  | { type: 'refuseReviewRequest'; reasonDocumentId: string }
  | { type: 'reviewOpinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn?: string }
  /** Recorded by the re-examination body (the unit above the review body). */
  | {
      type: 'requestReexamination';
      bodyUnitId: string;
      bodyName: string;
      receivedOn?: string;
      application?: HigherApplication;
    }
  | { type: 'acceptReexaminationRequest' }
  /** 不予受理: the re-examination body refuses the request, with its written reasons (Shandong Art 44). */
  | { type: 'refuseReexaminationRequest'; reasonDocumentId: string }
  | { type: 'openHearing'; openedOn?: string }
  | { type: 'closeHearing'; hearingId: string; closedOn?: string }
  | { type: 'reexaminationOpinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn?: string }
  /** The supervision ladder: the unit's feedback, and the joint-conference office's acts. */
  | { type: 'supervisionFeedback'; itemId: string; reportDocumentId: string; targetDate: string }
  | { type: 'listSupervision'; itemId: string; correctBy: string; noteDocumentId: string }
  | {
      type: 'instructSupervision';
      itemId: string;
      unitId: string;
      unitName: string;
      instructionDocumentId: string;
    }
  | {
      type: 'settleObjection';
      decision: 'upheld' | 'rerouted';
      unitId?: string;
      unitName?: string;
      noteDocumentId: string;
    }
  | {
      type: 'recordReturnVisit';
      reached: boolean;
      satisfaction?: SatisfactionGrade;
      noteDocumentId: string;
      visitedOn?: string;
      /** A second visit answering an open follow-up (跟踪回访); absent: the return visit due after the reply. */
      followUpId?: string;
    }
  | { type: 'evaluate'; subject: EvaluationSubject; grade: SatisfactionGrade }
  /** 核查 (上海 Art 42 (二)): the check's conclusion, approved by the petition office on `approvedOn`. */
  | {
      type: 'closeOnVerification';
      checkingUnitId: string;
      checkingUnitName: string;
      conclusionDocumentId: string;
      approvedOn?: string;
    }
  /** 浙江 Art 25 (1): an agreement reached with the parties concerned and carried out. */
  | {
      type: 'closeOnAgreement';
      agreementDocumentId: string;
      agreedOn: string;
      carriedOutOn: string;
      noteDocumentId?: string;
    }
  /** 关注级别 (S5) and the 重大、紧急 flag (Art 25); an absent flag keeps the case's current one. */
  | { type: 'setPriority'; level: PriorityLevel; majorUrgent?: boolean; reasonDocumentId: string }
  /**
   * A manual 督办 or 交办 (Art 40) on an open case, by the petition bureau or the joint-conference office; `issuer`:
   * a 督办 received from a higher bureau, which the bureau records (S33). A 督办 names its Art 40 ground.
   */
  | {
      type: 'supervise';
      kind: SupervisionKind;
      ground?: SupervisionGround;
      noteDocumentId: string;
      issuer?: { name: string; reference?: string };
    }
  /** One of the four 包 (四定四包) done by the case-owning leader on `doneOn`. */
  | { type: 'recordCaseOwnerWork'; kind: CaseOwnerWorkKind; doneOn: string; noteDocumentId: string }
  /** How the matter ended (S12–S16): 三到位一处理 (Art 27), an agreement (Art 33), 息诉罢访; each part once. */
  | {
      type: 'recordResolution';
      measures?: (Omit<MeasureRecord, 'on'> & { on?: string })[];
      agreement?: AgreementRecord;
      stoppedPetitioning?: StoppedPetitioning;
    }
  /** The supported opinion was carried out (Art 32 ¶2): meets the rule set's carry-out deadline. */
  | { type: 'recordCarriedOut'; carriedOutOn: string; reportDocumentId: string }
  /** 跟踪回访: the unit closes a follow-up with a note of what it did. */
  | { type: 'closeFollowUp'; followUpId: string; noteDocumentId: string; closedOn?: string }
  /** 并案: merge this case into the one it repeats (the API checks that one: open, the bureau's own, not merged). */
  | { type: 'merge'; intoCaseId: string; reasonDocumentId: string }
  /** Undo a merge while the surviving case is open (the API checks it): the case reopens where it stood. */
  | { type: 'unmerge'; reasonDocumentId: string };

export type CommandType = CaseCommandBody['type'];

export type CaseCommand = CaseCommandBody & {
  actor: Actor;
  /** Id of the API request (the Update id): a retry with the same id finds its earlier effect. */
  requestId?: string;
  /** When the API sent it (ISO instant): the command's time, whichever workflow task applies it (see commandTime). */
  requestedAt?: string;
};

export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;
