import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { PetitionRowMissingError, recordCaseEvents } from '../db/case-events';
import { type CasePolicy, casePolicyOf, getRuleSet, RulesError } from '../rules';
import type { CaseEvent } from '../workflows/case';
import { computeDeadlines, type ComputeDeadlinesInput } from './compute-deadline';

/**
 * Activities of the petition workflow: the only place its I/O and rule evaluation happen. They run as local
 * activities: rule results are recorded in history (a replay never recomputes a date, and a later calendar
 * or rule-set release cannot change a running case); read-model writes are idempotent and superseding.
 */
export function createActivities(pool: Pool) {
  return {
    /** The rule set's deadline table, pinned for the whole life of the case. */
    async loadCasePolicy(ruleSetId: string): Promise<CasePolicy> {
      return rulesCall(() => casePolicyOf(getRuleSet(ruleSetId)));
    },

    async computeDeadlines(input: ComputeDeadlinesInput) {
      return rulesCall(() => computeDeadlines(input));
    },

    /**
     * Appends events to the audit trail and folds them into the read model; idempotent. `fence` and
     * `attemptAt` place the writing workflow task in history (see recordCaseEvents).
     */
    async recordCaseEvents(input: {
      petitionId: string;
      events: CaseEvent[];
      fence: number;
      attemptAt?: string;
    }): Promise<void> {
      try {
        await recordCaseEvents(pool, input.petitionId, input.events, input.fence, input.attemptAt);
      } catch (err) {
        // Waiting cannot bring a removed registration back: fail the case visibly instead.
        if (err instanceof PetitionRowMissingError) {
          throw ApplicationFailure.nonRetryable(err.message, 'petition_row_missing');
        }
        throw err;
      }
    },
  };
}

export type PetitionActivities = ReturnType<typeof createActivities>;

function rulesCall<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    // A rule that cannot be applied will not start working on retry.
    if (err instanceof RulesError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}
