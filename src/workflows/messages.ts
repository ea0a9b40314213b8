import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  type Actor,
  type CaseCommand,
  type CaseRegistration,
  type CaseState,
  COMMAND_TYPES,
  type CommandType,
  type Refusal,
  type ReplanMove,
  type TransitionResult,
} from '../case';

/**
 * The petition workflow's public contract, shared by the workflow and its clients (API, tests).
 * Payloads carry codes, ids and dates only: names, contacts and free text stay in PostgreSQL,
 * so nothing personal is ever written to Temporal history.
 */

/** The case engine's workflow type. */
export const PETITION_WORKFLOW_TYPE = 'petitionCaseWorkflow';

export function petitionWorkflowId(petitionId: string): string {
  return `petition-${petitionId}`;
}

export interface PetitionWorkflowInput extends CaseRegistration {
  registeredBy: Actor;
}

/**
 * Sent together with the start (Update-with-Start) under a fixed id: completes once the registration and
 * its first deadline (D1) are in PostgreSQL, so the registering request can answer with the due date,
 * and a retried registration gets the same answer.
 */
export const registrationUpdate = defineUpdate<TransitionResult>('awaitRegistration');
export const REGISTRATION_UPDATE_ID = 'registration';

/** One Update per command of the transition table, named as the command. */
export const commandUpdates = Object.fromEntries(
  COMMAND_TYPES.map((type) => [type, defineUpdate<TransitionResult, [CaseCommand]>(type)]),
) as { [T in CommandType]: UpdateDefinition<TransitionResult, [CaseCommand]> };

/** A re-plan after the rules data changed (`calendar add-year`, `rules release` of a transitional version). */
export interface ReplanInput {
  /** A newer version of the case's rule set to adopt (its transitional provision); absent: a calendar change. */
  ruleSetVersion?: string;
  /** The transitional provision's citation, recorded with the adoption. */
  citation?: string;
  /** Who ran the change (recorded as the events' actor). */
  requestedBy?: string;
}

/** What a re-plan did: the version adopted (if any) and each deadline moved, before → after. */
export interface ReplanResult {
  sequence: number;
  adopted?: string;
  moves: Array<Omit<ReplanMove, 'event'>>;
}

export const replanUpdate = defineUpdate<ReplanResult, [ReplanInput]>('replan');

/** The case as the workflow holds it, for ops and tests; the API reads PostgreSQL. */
export const stateQuery = defineQuery<CaseState>('state');

/**
 * Failure types of a refused Update (ApplicationFailure.type): the refusal codes of the case core, and
 * `retry_later` while the case is still being registered.
 */
export type RefusalCode = Refusal['code'] | 'retry_later';
export const REFUSAL_CODES: readonly RefusalCode[] = [
  'retry_later',
  'transition_not_allowed',
  'not_responsible',
  'invalid_argument',
  'deadline_passed',
  'not_found',
];

export type { Actor, CaseCommand, CaseState, TransitionResult };
