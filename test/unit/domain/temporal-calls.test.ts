import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { AppError } from '../../../src/domain/errors';
import { toApiError } from '../../../src/domain/temporal-calls';

const refused = (type: string, field?: string) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type, message: `refused: ${type}`, details: field ? [{ field }] : [] }),
  );

describe('how Temporal’s answers become API errors', () => {
  it.each([
    ['transition_not_allowed', 409, 'transition_not_allowed'],
    ['not_responsible', 403, 'forbidden'],
    ['not_found', 404, 'not_found'],
    ['deadline_passed', 422, 'deadline_passed'],
    ['invalid_argument', 422, 'validation_failed'],
  ])('a refusal %s is %d %s', (type, status, code) => {
    const error = toApiError(refused(type, 'days'), 'XF-2026-000001') as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code]).toEqual([status, code]);
  });

  it('names the field of an invalid argument', () => {
    const error = toApiError(refused('invalid_argument', 'deliveredOn'), 'XF-2026-000001') as AppError;
    expect(error.details).toEqual({
      fields: [{ path: 'deliveredOn', message: 'refused: invalid_argument' }],
    });
  });

  it('answers a timed-out Update with 503 (retry with the same key), not 500', () => {
    const error = toApiError(
      new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'),
      'XF-2026-000001',
    ) as AppError;
    expect([error.status, error.code]).toEqual([503, 'update_timeout']);
  });

  it('answers an Update whose workflow task failed (an overloaded worker) with 503, to be retried', () => {
    const grpc = (code: number, details: string) =>
      Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
    const failedTask = grpc(
      9,
      'Unable to perform workflow execution update due to unexpected workflow task failure.',
    );
    const error = toApiError(
      new ServiceError('update failed', { cause: failedTask }),
      'XF-2026-000001',
    ) as AppError;
    expect([error.status, error.code]).toEqual([503, 'update_not_applied']);
    // While the workflow's task keeps failing (a restart of the worker, temporal-server or PostgreSQL), no
    // Update is admitted: as an Update, and as an Update-with-Start (whose details only say that it failed).
    const failingTask = grpc(
      9,
      'Unable to perform workflow execution update due to Workflow Task in failed state.',
    );
    const notAdmitted = toApiError(
      new ServiceError('Workflow Update failed', { cause: failingTask }),
      'XF-2026-000001',
    ) as AppError;
    expect([notAdmitted.status, notAdmitted.code]).toEqual([503, 'update_not_applied']);
    const withStart = Object.assign(grpc(9, 'Update-with-Start could not be executed.'), {
      message: 'Unable to perform workflow execution update due to Workflow Task in failed state.',
    });
    const startNotAdmitted = toApiError(withStart, 'XF-2026-000001') as AppError;
    expect([startNotAdmitted.status, startNotAdmitted.code]).toEqual([503, 'update_not_applied']);
    // Another failed precondition is not this: it is passed on (and answered 500).
    const other = grpc(9, 'Namespace is not active');
    expect(toApiError(other, 'XF-2026-000001')).toBe(other);
  });

  it('treats an ended workflow as a closed case, and passes anything else on', () => {
    const closed = toApiError(
      new WorkflowNotFoundError('gone', 'petition-x', undefined),
      'XF-2026-000001',
    ) as AppError;
    expect([closed.status, closed.code]).toEqual([409, 'transition_not_allowed']);
    const other = new Error('boom');
    expect(toApiError(other, 'XF-2026-000001')).toBe(other);
    const unknownFailure = new WorkflowUpdateFailedError(
      'failed',
      ApplicationFailure.create({ type: 'SomethingElse', message: 'x' }),
    );
    expect(toApiError(unknownFailure, 'XF-2026-000001')).toBe(unknownFailure);
  });
});
