import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Pool } from 'pg';
import { type CaseState, selectedForReplan } from '../../case';
import { runningCaseStates } from '../../db/rulebook';
import {
  petitionWorkflowId,
  type ReplanInput,
  type ReplanResult,
  replanUpdate,
} from '../../workflows/messages';

/** One deadline a re-plan moved, for the operator's report. */
export interface MovedDeadline {
  petitionId: string;
  key: string;
  dueBefore: string;
  dueAfter: string;
  /** False when only its record changed (now official, or counted under the new version) on the same date. */
  dateChanged: boolean;
}

export interface ReplanReport {
  /** Cases selected from the read model and asked to re-plan. */
  selected: number;
  /** Cases that recorded a change (an adoption or a moved deadline). */
  casesChanged: number;
  moved: MovedDeadline[];
  /** Cases whose workflow could not be asked (ended meanwhile, or failed): id and reason. */
  failed: Array<{ petitionId: string; reason: string }>;
}

/** How long one case may take to answer a re-plan (its events are in PostgreSQL when it answers). */
const REPLAN_TIMEOUT_MS = 60_000;
const REPLAN_CONCURRENCY = 8;

/**
 * Asks every running case the change touches (selected from the read model, as `rules impact` selects) to
 * re-plan, a few at a time, and collects what moved. A case already re-planned moves nothing again.
 */
export async function replanRunningCases(
  pool: Pool,
  client: Client,
  change: { ruleSetId?: string; ruleSetVersion?: string },
  input: ReplanInput,
): Promise<ReplanReport> {
  const candidates = (await runningCaseStates(pool, change.ruleSetId)).filter(({ caseState }) =>
    selectedForReplan(caseState as CaseState, change),
  );
  const report: ReplanReport = { selected: candidates.length, casesChanged: 0, moved: [], failed: [] };
  const results = new Map<string, ReplanResult | { failed: string }>();
  const queue = candidates.map((c) => c.petitionId);
  // A few cases at a time: each answers once its events are written; the order of the report is the case order.
  const worker = async () => {
    for (let petitionId = queue.shift(); petitionId; petitionId = queue.shift()) {
      results.set(petitionId, await replanOne(client, petitionId, input));
    }
  };
  await Promise.all(Array.from({ length: Math.min(REPLAN_CONCURRENCY, queue.length) }, worker));
  for (const { petitionId } of candidates) {
    const result = results.get(petitionId)!;
    if ('failed' in result) {
      report.failed.push({ petitionId, reason: result.failed });
      continue;
    }
    if (result.adopted || result.moves.length > 0) report.casesChanged++;
    for (const move of result.moves) {
      report.moved.push({
        petitionId,
        key: move.key,
        dueBefore: move.dueDateBefore,
        dueAfter: move.dueDateAfter,
        dateChanged: move.dateChanged,
      });
    }
  }
  return report;
}

async function replanOne(
  client: Client,
  petitionId: string,
  input: ReplanInput,
): Promise<ReplanResult | { failed: string }> {
  try {
    return await client.withDeadline(Date.now() + REPLAN_TIMEOUT_MS, () =>
      client.workflow
        .getHandle(petitionWorkflowId(petitionId))
        .executeUpdate(replanUpdate, { args: [input] }),
    );
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { failed: 'its workflow is not running' };
    if (err instanceof Error) return { failed: err.cause instanceof Error ? err.cause.message : err.message };
    return { failed: String(err) };
  }
}
