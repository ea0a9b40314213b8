import type { DiversionTarget, NotAcceptedReason, Outcome, Procedure, Role, RoutingMode } from './vocabulary';

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
  | { type: 'withdraw'; reasonDocumentId: string };

export type CommandType = CaseCommandBody['type'];

export type CaseCommand = CaseCommandBody & {
  actor: Actor;
  /** Id of the API request (the Update id): a retry with the same id finds its earlier effect. */
  requestId?: string;
};

export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;
