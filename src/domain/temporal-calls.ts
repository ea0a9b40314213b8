import {
  type Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { petitionWorkflowId, REFUSAL_CODES, type RefusalCode } from '../workflows/messages';
import { AppError, fieldError, forbidden } from './errors';

/** How long a request waits for Temporal; the workflow writes the read model before it answers. */
export const TEMPORAL_CALL_TIMEOUT_MS = 30_000;

/** Every Temporal call gets a deadline, so no request outlives what its client waits for. */
export function withTemporalDeadline<T>(client: Client, call: () => Promise<T>): Promise<T> {
  return client.withDeadline(Date.now() + TEMPORAL_CALL_TIMEOUT_MS, call);
}

/** Whether the case's workflow exists; any other failure to find out is thrown. */
export async function workflowExists(client: Client, petitionId: string): Promise<boolean> {
  try {
    await withTemporalDeadline(client, () =>
      client.workflow.getHandle(petitionWorkflowId(petitionId)).describe(),
    );
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export const updateTimedOut = () =>
  new AppError(
    503,
    'update_timeout',
    'The petition did not answer in time; retry with the same Idempotency-Key to learn the outcome',
  );

/** The refusal behind a failed Update, if the workflow refused it (rather than failing to answer). */
export function refusalOf(err: unknown): ApplicationFailure | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if ((REFUSAL_CODES as readonly (string | undefined)[]).includes(err.cause.type ?? undefined))
      return err.cause;
  }
  return undefined;
}

/** The API error for a refusal of the case core (or of the workflow shell). */
export function refusalError(code: RefusalCode, message: string, field?: string): AppError {
  switch (code) {
    case 'retry_later':
      return new AppError(503, 'registration_in_progress', message);
    case 'transition_not_allowed':
      return new AppError(409, 'transition_not_allowed', message);
    case 'not_responsible':
      return forbidden(message);
    case 'not_found':
      return new AppError(404, 'not_found', message);
    case 'deadline_passed':
      return new AppError(422, 'deadline_passed', message);
    case 'invalid_argument':
      return fieldError(field ?? 'body', message);
  }
}

/** Turns the workflow's refusals and Temporal's failures into API errors. */
export function toApiError(err: unknown, petitionId: string): unknown {
  const refusal = refusalOf(err);
  if (refusal) {
    const field = (refusal.details?.[0] as { field?: string } | undefined)?.field;
    return refusalError(refusal.type as RefusalCode, refusal.message, field);
  }
  if (err instanceof WorkflowNotFoundError) {
    return new AppError(409, 'transition_not_allowed', `Petition ${petitionId} is closed`);
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return updateTimedOut();
  // The workflow task carrying the Update failed or timed out (a worker overloaded or restarting): the Update
  // was not applied, and the same request may be sent again.
  if (updateTaskFailed(err)) {
    return new AppError(503, 'update_not_applied', 'The petition could not take the request now; retry it');
  }
  return err;
}

const FAILED_PRECONDITION = 9;
/**
 * The server's words for it: the task carrying the Update failed, or the workflow's task is failing (retried
 * after a worker, temporal-server or PostgreSQL restart) and no Update is admitted meanwhile.
 */
const UPDATE_NOT_ADMITTED =
  /workflow execution update due to (unexpected workflow task failure|workflow task in failed state)/i;

function updateTaskFailed(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  // An Update-with-Start carries the words in its message, its details saying only that it failed.
  return (
    isGrpcServiceError(grpc) &&
    grpc.code === FAILED_PRECONDITION &&
    [grpc.details, grpc.message].some((text) => UPDATE_NOT_ADMITTED.test(text ?? ''))
  );
}
