import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { type DocumentSweep, sweepDocuments } from '../db/documents';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '../db/idempotency';
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

/**
 * A retry under an Idempotency-Key may come back until its key expires, and must find the documents its first
 * attempt wrote (it derives the same ids and writes nothing twice): the grace period outlives the key by an
 * hour, enough for the retry's own request to end.
 */
export const MIN_DOCUMENT_GRACE_HOURS = IDEMPOTENCY_KEY_TTL_HOURS + 1;
export const DEFAULT_DOCUMENT_GRACE_HOURS = 48;
const DOCUMENTS_PER_ROUND = 1000;

/**
 * Documents written for a command that never applied (refused after a lost answer, 5xx, a timeout, a crash
 * between the document and the command): nothing references them. Removed once older than the grace period;
 * a document any event or case names is kept (see sweepDocuments for where references are looked for).
 */
export async function reconcileDocuments(
  pool: Pool,
  options: { now?: Date; graceHours?: number; limit?: number } = {},
): Promise<DocumentSweep> {
  const graceHours = options.graceHours ?? DEFAULT_DOCUMENT_GRACE_HOURS;
  if (!(graceHours >= MIN_DOCUMENT_GRACE_HOURS)) {
    throw new RangeError(
      `the document grace period must be at least ${MIN_DOCUMENT_GRACE_HOURS} h, got ${graceHours}`,
    );
  }
  const now = options.now ?? new Date();
  const createdBefore = new Date(now.getTime() - graceHours * 3_600_000);
  return sweepDocuments(pool, createdBefore, options.limit ?? DOCUMENTS_PER_ROUND);
}

/** Runs the reconciler now and then in a long-running process; a failed round is logged and tried again. */
export function scheduleReconciler(
  deps: ReconcilerDeps,
  logger: Logger,
  options: { everyMs?: number; documentGraceHours?: number } = {},
): () => void {
  const timer = setInterval(() => {
    reconcileUnstarted(deps).then(
      (r) => {
        if (r.finished.length + r.removed.length + r.failed.length > 0) {
          logger.warn(r, 'reconciled registrations whose workflow never started');
        }
      },
      (err: unknown) => logger.warn({ err }, 'reconciler round failed'),
    );
    reconcileDocuments(deps.pool, { graceHours: options.documentGraceHours }).then(
      (r) => {
        if (r.removed.length > 0) {
          logger.info(
            // The first ids only: a backlog's first round could remove a thousand.
            { removed: r.removed.length, documents: r.removed.slice(0, 50), referenced: r.referenced },
            'removed documents no command referenced',
          );
        }
      },
      (err: unknown) => logger.warn({ err }, 'document reconciler round failed'),
    );
  }, options.everyMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
