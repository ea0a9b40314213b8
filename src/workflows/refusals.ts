import { ApplicationFailure } from '@temporalio/workflow';
import { CaseRefusal, type Refusal } from '../case';

/** A refusal as an Update's failure (its type is the refusal's code; the API maps it to an HTTP status). */
export function refuse(refusal: Refusal | { code: 'retry_later'; message: string; field?: string }): never {
  throw ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: refusal.field ? [{ field: refusal.field }] : [],
    nonRetryable: true,
  });
}

/** A refusal of the case becomes the Update's failure; anything else is a bug and fails the workflow task. */
export function asFailure(err: unknown): never {
  if (err instanceof CaseRefusal) refuse(err.refusal);
  throw err;
}

/** Runs a synchronous check (an Update's validator), its refusal mapped. */
export function checked(check: () => void): void {
  try {
    check();
  } catch (err) {
    asFailure(err);
  }
}
