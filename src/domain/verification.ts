import { isDeepStrictEqual } from 'node:util';
import { WorkflowNotFoundError } from '@temporalio/common';
import { foldStoredEvents, reprojectCase } from '../db/case-events';
import { findUnstarted } from '../db/petitions';
import type { CaseState } from '../case';
import { petitionWorkflowId, stateQuery } from '../workflows/messages';
import { reconcileUnstarted, type ReconcilerDeps, UNSTARTED_AFTER_SECONDS } from './reconciler';
import { withTemporalDeadline } from './temporal-calls';

/** How a case's read model stands to its workflow. */
export type Finding =
  | 'ok'
  /** The read model differed from the fold of its own stored events (fixable: folded again). */
  | 'projection-drift'
  /** The workflow has events PostgreSQL never got (or other ones): not repairable from PostgreSQL. */
  | 'events-missing'
  /** A row with events but no workflow (deleted from Temporal, or another namespace). */
  | 'workflow-missing';

export interface VerifyReport {
  checked: number;
  findings: Record<Finding, string[]>;
  unstarted: { finished: string[]; removed: string[]; waiting: string[]; failed: string[] };
  repaired: string[];
}

/**
 * Compares every case's read model with its workflow (the source of truth for transitions), and with the
 * fold of its own audit trail. With `fix`, a drifted projection is folded again from the stored events and
 * registrations whose workflow never started are finished or removed; events PostgreSQL never received
 * cannot be made up here and stay reported. Queries of closed cases need a worker running.
 */
export async function verifyCases(
  deps: ReconcilerDeps,
  options: { fix: boolean; only?: string[]; pageSize?: number; onProgress?: (checked: number) => void },
): Promise<VerifyReport> {
  const report: VerifyReport = {
    checked: 0,
    findings: { ok: [], 'projection-drift': [], 'events-missing': [], 'workflow-missing': [] },
    unstarted: { finished: [], removed: [], waiting: [], failed: [] },
    repaired: [],
  };
  let after = '';
  for (;;) {
    const { rows } = await deps.pool.query<{ id: string; case_state: CaseState }>(
      `SELECT id, case_state FROM petitions
        WHERE id > $1 AND last_sequence > 0 AND ($3::text[] IS NULL OR id = ANY($3))
        ORDER BY id LIMIT $2`,
      [after, options.pageSize ?? 200, options.only ?? null],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const finding = await verifyOne(deps, row.id, row.case_state);
      report.findings[finding].push(row.id);
      if (finding === 'projection-drift' && options.fix) {
        await reprojectCase(deps.pool, row.id);
        report.repaired.push(row.id);
      }
    }
    report.checked += rows.length;
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(report.checked);
  }
  // Registrations still without events: reported by age; finished or removed with --fix.
  report.unstarted = options.fix
    ? await reconcileUnstarted(deps, UNSTARTED_AFTER_SECONDS, options.only)
    : await listUnstarted(deps, options.only);
  return report;
}

async function verifyOne(deps: ReconcilerDeps, id: string, stored: CaseState): Promise<Finding> {
  let live: CaseState;
  try {
    live = await withTemporalDeadline(deps.client, () =>
      deps.client.workflow.getHandle(petitionWorkflowId(id)).query(stateQuery),
    );
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'workflow-missing';
    throw err;
  }
  if (isDeepStrictEqual(stored, live)) return 'ok';
  // The workflow may have moved on since the row was read (a write in flight): read the row again.
  const { rows } = await deps.pool.query<{ case_state: CaseState }>(
    'SELECT case_state FROM petitions WHERE id = $1',
    [id],
  );
  if (isDeepStrictEqual(rows[0]?.case_state, live)) return 'ok';
  const fold = await foldStoredEvents(deps.pool, id);
  return isDeepStrictEqual(fold, live) ? 'projection-drift' : 'events-missing';
}

async function listUnstarted(deps: ReconcilerDeps, only?: string[]): Promise<VerifyReport['unstarted']> {
  const rows = await findUnstarted(deps.pool, UNSTARTED_AFTER_SECONDS, 10_000, only);
  return { finished: [], removed: [], waiting: rows.map((r) => r.id), failed: [] };
}

/** Drift that remains after the run (what `verify` exits non-zero for). */
export function remainingDrift(report: VerifyReport, fixed: boolean): number {
  const f = report.findings;
  const unrepaired = fixed ? 0 : f['projection-drift'].length;
  const unstarted = report.unstarted.waiting.length + (fixed ? report.unstarted.failed.length : 0);
  return unrepaired + f['events-missing'].length + f['workflow-missing'].length + unstarted;
}
