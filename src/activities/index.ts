import { ApplicationFailure, log } from '@temporalio/activity';
import type { Pool } from 'pg';
import { PetitionRowMissingError, recordCaseEvents } from '../db/case-events';
import { loadStoredRulebook } from '../db/rulebook-load';
import { type CasePolicy, casePolicyOf, getRuleSet, RulesError, UnknownRuleSetError } from '../rules';
import { type CaseEvent, type ComputedDeadline, completeSettlement, type SettlementDraft } from '../case';
import { computeDeadlines, type ComputeDeadlinesInput } from './compute-deadline';

/**
 * Activities of the petition workflow: the only place its I/O and rule evaluation happen. They run as local
 * activities: rule results are recorded in history (a replay never recomputes a date, and a later calendar
 * or rule-set release cannot change a running case); read-model writes are idempotent and superseding.
 */
export function createActivities(pool: Pool) {
  return {
    /**
     * The rule set's deadline table, pinned for the whole life of the case: the latest version, or (a re-plan
     * onto a version with a transitional provision) the version named.
     */
    async loadCasePolicy(ruleSetId: string, version?: string): Promise<CasePolicy> {
      return rulesCallLoading(pool, () => casePolicyOf(getRuleSet(ruleSetId, version)));
    },

    async computeDeadlines(input: ComputeDeadlinesInput) {
      return rulesCallLoading(pool, () => computeDeadlines(input));
    },

    /** The store's rules data loaded into this process now (a re-plan must count with what was just added). */
    async refreshRulebook(): Promise<void> {
      // A release this build cannot load fails only the cases that ask for it (their policy cannot be loaded).
      const { refused } = await loadStoredRulebook(pool);
      if (refused.length > 0) log.warn('rule-set releases not loaded', { refused });
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
      await record(pool, input.petitionId, input.events, input.fence, input.attemptAt);
    },

    /**
     * A decision's deadlines computed and its events written, in one local activity (one activation of the
     * workflow instead of two). Returns only the computed dates, recorded in history: the workflow
     * completes the same draft with them to the very events written here.
     */
    async settleAndRecord(input: {
      petitionId: string;
      ruleSetId: string;
      ruleSetVersion?: string;
      draft: SettlementDraft;
      fence: number;
      attemptAt: string;
    }): Promise<ComputedDeadline[]> {
      const { petitionId, ruleSetId, ruleSetVersion, draft } = input;
      const results = await rulesCallLoading(pool, () =>
        computeDeadlines({ ruleSetId, ruleSetVersion, requests: draft.requests }),
      );
      await record(pool, petitionId, completeSettlement(draft, results), input.fence, input.attemptAt);
      return results;
    },
  };
}

async function record(
  pool: Pool,
  petitionId: string,
  events: CaseEvent[],
  fence: number,
  attemptAt?: string,
): Promise<void> {
  try {
    await recordCaseEvents(pool, petitionId, events, fence, attemptAt);
  } catch (err) {
    // Waiting cannot bring a removed registration back: fail the case visibly instead.
    if (err instanceof PetitionRowMissingError) {
      throw ApplicationFailure.nonRetryable(err.message, 'petition_row_missing');
    }
    throw err;
  }
}

export type PetitionActivities = ReturnType<typeof createActivities>;

/**
 * A rules call; a version this process has not loaded yet (released since its last refresh) loads the store
 * and tries once more before it is refused.
 */
async function rulesCallLoading<T>(pool: Pool, call: () => T): Promise<T> {
  try {
    return call();
  } catch (err) {
    if (!(err instanceof UnknownRuleSetError)) return rulesCall(call);
    await loadStoredRulebook(pool);
    return rulesCall(call);
  }
}

function rulesCall<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    // A rule that cannot be applied will not start working on retry.
    if (err instanceof RulesError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    throw err;
  }
}
