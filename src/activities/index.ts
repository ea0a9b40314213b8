import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { recordEvents } from '../db/event-store';
import { type DeadlineResult, dueDate, getRuleSet, RulesError } from '../rules';
import type { ComputeDeadlineInput, RecordEventsInput } from './types';

/**
 * Activities of the petition workflow: the only place its I/O and rule evaluation happen.
 * Deadlines are computed here, not in workflow code, so the date that started a timer is kept
 * in history and a later calendar or rule-set release cannot change a replay.
 */
export function createActivities(pool: Pool) {
  return {
    async computeDeadline(input: ComputeDeadlineInput): Promise<DeadlineResult> {
      try {
        const ruleSet = getRuleSet(input.ruleSetId);
        return dueDate(ruleSet, input.key as Parameters<typeof dueDate>[1], input.startDate, {
          extensionDays: input.extensionDays,
          pausedDays: input.pausedDays,
        });
      } catch (err) {
        // A rule that cannot be applied will not start working on retry.
        if (err instanceof RulesError) throw ApplicationFailure.nonRetryable(err.message, err.code);
        throw err;
      }
    },

    async recordPetitionEvents(input: RecordEventsInput): Promise<void> {
      await recordEvents(pool, input);
    },
  };
}
