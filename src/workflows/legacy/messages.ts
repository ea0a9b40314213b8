import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Category, Channel, Domain, Outcome, Role } from '../../case/vocabulary';

type PetitionStatus = 'registered' | 'transferred' | 'accepted' | 'replied' | 'closed';

/**
 * FROZEN: the pre-release petition workflow's contract (the walking skeleton), kept only so that the histories
 * it recorded replay forever. New cases run `petitionCaseWorkflow`. Do not change.
 *
 * The petition workflow's public contract, shared by the workflow and its clients (API, tests).
 * Payloads carry codes, ids and dates only: names, contacts and free text stay in PostgreSQL,
 * so nothing personal is ever written to Temporal history.
 */

export const PETITION_WORKFLOW_TYPE = 'petitionWorkflow';

export function petitionWorkflowId(petitionId: string): string {
  return `petition-${petitionId}`;
}

/** Who performs a transition, as authenticated by the API. */
export interface Actor {
  login: string;
  unitId: string;
  roles: Role[];
}

export interface PetitionWorkflowInput {
  petitionId: string;
  ruleSetId: string;
  channel: Channel;
  category: Category;
  domain: Domain;
  /** Date the petition bureau received it (YYYY-MM-DD, Asia/Shanghai); D1 runs from here. */
  receivedOn: string;
  /** The petition bureau that registered it. */
  bureauUnitId: string;
  registeredBy: Actor;
}

export interface RouteCommand {
  actor: Actor;
  /** The handling unit (承办单位) with authority. */
  unitId: string;
  /** Its name, for the Web UI's details line (unit names are not personal data). */
  unitName?: string;
}

export interface AcknowledgeCommand {
  actor: Actor;
}

export interface ReplyCommand {
  actor: Actor;
  outcome: Outcome;
  /** The written opinion (信访处理意见书), stored in PostgreSQL. */
  opinionDocumentId: string;
  /** Date the petitioner received the reply (YYYY-MM-DD); D7 runs from here. Defaults to today. */
  deliveredOn?: string;
}

export type DeadlineKey = string;

export type DeadlineStatus = 'running' | 'met' | 'overdue' | 'lapsed';

export interface DeadlineWarning {
  daysBefore: number;
  at: string;
  notify: string[];
}

/** One time limit of the case, as computed by the rule set when it started. */
export interface CaseDeadline {
  key: DeadlineKey;
  status: DeadlineStatus;
  startDate: string;
  dueDate: string;
  dueAt: string;
  provisional: boolean;
  calendarVersion: string;
  ruleSetVersion: string;
  explanation: string[];
  kind: 'statutory' | 'service-norm';
  closesWindow: boolean;
  supervision: boolean;
  warnings: DeadlineWarning[];
  /** Instant the deadline started, so warnings that were already past then are not sent late. */
  startedAt: string;
  metAt?: string;
  firedWarnings: number[];
  supervisionNoticeAt?: string;
}

/** What readers (API, read model) are shown of a deadline. */
export type DeadlineView = Pick<
  CaseDeadline,
  'key' | 'status' | 'startDate' | 'dueDate' | 'dueAt' | 'provisional' | 'calendarVersion' | 'explanation'
>;

export function deadlineView(d: DeadlineView): DeadlineView {
  return {
    key: d.key,
    status: d.status,
    startDate: d.startDate,
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    provisional: d.provisional,
    calendarVersion: d.calendarVersion,
    explanation: d.explanation,
  };
}

export interface PetitionState extends Omit<PetitionWorkflowInput, 'registeredBy'> {
  status: PetitionStatus;
  handlingUnitId?: string;
  handlingUnitName?: string;
  outcome?: Outcome;
  opinionDocumentId?: string;
  deadlines: CaseDeadline[];
  overdue: boolean;
  nextDeadline?: { key: DeadlineKey; dueAt: string };
  closedReason?: string;
  /** Sequence number of the newest event; the read model is current when it has this one. */
  lastSequence: number;
}

/**
 * Sent together with the start (Update-with-Start): completes once the registration and its first
 * deadline (D1) are recorded, so the registering request can answer with the due date.
 */
export const registrationUpdate = defineUpdate<PetitionState>('awaitRegistration');
export const routeUpdate = defineUpdate<PetitionState, [RouteCommand]>('route');
export const acknowledgeUpdate = defineUpdate<PetitionState, [AcknowledgeCommand]>('acknowledge');
export const replyUpdate = defineUpdate<PetitionState, [ReplyCommand]>('reply');
export const stateQuery = defineQuery<PetitionState>('state');

/** Failure types a rejected Update carries, so clients can map them to HTTP statuses. */
export const TRANSITION_NOT_ALLOWED = 'TransitionNotAllowed';
export const NOT_RESPONSIBLE = 'NotResponsible';
export const INVALID_ARGUMENT = 'InvalidArgument';
