import type {
  DiversionTarget,
  HigherOutcome,
  NotAcceptedReason,
  Outcome,
  Procedure,
  Role,
  RoutingMode,
} from './vocabulary';

/** Who performs a transition, as authenticated by the API. */
export interface Actor {
  login: string;
  unitId: string;
  roles: Role[];
}

/**
 * What staff ask of a case. Payloads carry codes, ids and dates only; free text (reasons, opinions,
 * notices) is stored in PostgreSQL first and referred to by document id.
 */
export type CaseCommandBody =
  | { type: 'route'; unitId: string; unitName: string; mode: RoutingMode; reportDays?: number }
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
  | { type: 'accept'; procedure: Procedure }
  | { type: 'setProcedure'; procedure: Procedure }
  | { type: 'setCaseOwner'; leader: string; handler: string; targetDate: string; taskDocumentId: string }
  | { type: 'requestExtension'; days: number; reasonDocumentId: string }
  | { type: 'approveExtension'; extensionId: string }
  | { type: 'refuseExtension'; extensionId: string; reasonDocumentId?: string }
  | { type: 'reply'; outcome: Outcome; opinionDocumentId: string; deliveredOn?: string }
  | { type: 'withdraw'; reasonDocumentId: string }
  /** Recorded by the review body (the unit above the handling unit), which the API resolves. */
  | { type: 'requestReview'; bodyUnitId: string; bodyName: string; receivedOn?: string }
  | { type: 'acceptReviewRequest' }
  | { type: 'reviewOpinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn?: string }
  /** Recorded by the re-examination body (the unit above the review body). */
  | { type: 'requestReexamination'; bodyUnitId: string; bodyName: string; receivedOn?: string }
  | { type: 'acceptReexaminationRequest' }
  | { type: 'openHearing'; openedOn?: string }
  | { type: 'closeHearing'; hearingId: string; closedOn?: string }
  | { type: 'reexaminationOpinion'; outcome: HigherOutcome; opinionDocumentId: string; deliveredOn?: string };

export type CommandType = CaseCommandBody['type'];

export type CaseCommand = CaseCommandBody & {
  actor: Actor;
  /** Id of the API request (the Update id): a retry with the same id finds its earlier effect. */
  requestId?: string;
};

export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;
