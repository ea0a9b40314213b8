import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { deleteUnstartedPetition, findUnstarted } from '../db/petitions';
import type { PetitionWorkflowInput } from '../workflows/messages';
import { startCaseWorkflow } from './case-start';
import { workflowExists } from './temporal-calls';

export interface ReconcilerDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
}

export interface ReconcileResult {
  /** Under an Idempotency-Key: the caller was promised that a retry finishes it, so it is finished. */
  finished: string[];
  /** Without a key nobody can finish it, and its caller got an error: the row goes. */
  removed: string[];
  /** The workflow exists and has not written yet (its worker may be down): nothing to do here. */
  waiting: string[];
  failed: string[];
}

/** A registration older than this has surely ended its request (every Temporal call has a deadline). */
export const UNSTARTED_AFTER_SECONDS = 120;

/**
 * Registrations whose process died between the row's commit and the workflow's start: finished the way a
 * retry would finish them (the same start, the same update id), or removed when nobody can retry them.
 */
export async function reconcileUnstarted(
  deps: ReconcilerDeps,
  olderThanSeconds = UNSTARTED_AFTER_SECONDS,
  only?: string[],
): Promise<ReconcileResult> {
  const result: ReconcileResult = { finished: [], removed: [], waiting: [], failed: [] };
  for (const row of await findUnstarted(deps.pool, olderThanSeconds, 200, only)) {
    try {
      if (await workflowExists(deps.client, row.id)) {
        result.waiting.push(row.id);
      } else if (row.keyed && row.startInput) {
        await startCaseWorkflow(deps, row.startInput as PetitionWorkflowInput);
        result.finished.push(row.id);
      } else {
        await deleteUnstartedPetition(deps.pool, row.id);
        result.removed.push(row.id);
      }
    } catch {
      result.failed.push(row.id);
    }
  }
  return result;
}

/** Runs the reconciler now and then in a long-running process; a failed round is logged and tried again. */
export function scheduleReconciler(deps: ReconcilerDeps, logger: Logger, everyMs = 60_000): () => void {
  const timer = setInterval(() => {
    reconcileUnstarted(deps).then(
      (r) => {
        if (r.finished.length + r.removed.length + r.failed.length > 0) {
          logger.warn(r, 'reconciled registrations whose workflow never started');
        }
      },
      (err: unknown) => logger.warn({ err }, 'reconciler round failed'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
