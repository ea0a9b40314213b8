import type { Pool } from 'pg';
import { type CaseState, initialCaseState } from '../../case';
import { writeCase } from '../case-write';
import { foldWithLadder } from '../ladder-projection';
import { inTransaction } from '../transaction';
import { HEAD_COLUMNS, lockHead, type StoredHead } from './head';
import { allStoredEvents } from './stored-events';
import { writerOf } from './writer';

/**
 * Folds a case's stored events again and rewrites all that is derived from them: the row's fold and
 * columns, the supervision items, the notifications (none twice), the report row. For `verify --fix` when a
 * read model drifted from its own audit trail; the audit trail itself is never changed.
 */
export async function reprojectCase(pool: Pool, petitionId: string): Promise<CaseState> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      const head = await lockHead(client, petitionId);
      const events = await allStoredEvents(client, petitionId);
      const derived = foldWithLadder(petitionId, initialCaseState(), events);
      await writeCase(client, petitionId, { events: [], ...derived, ...writerOf(head) });
      return derived.state;
    });
  } finally {
    client.release();
  }
}

/**
 * Writes the derived rows (the report row among them) of cases that have a fold but no report row yet:
 * cases recorded before the reports existed. A no-op afterwards.
 */
export async function backfillReportFacts(pool: Pool): Promise<number> {
  const { rows } = await pool.query<StoredHead & { id: string }>(
    `SELECT p.id, ${HEAD_COLUMNS} FROM petitions p
      WHERE p.case_state IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_cases r WHERE r.petition_id = p.id)`,
  );
  for (const row of rows) {
    const state = row.case_state!;
    const { items } = foldWithLadder(row.id, state, []);
    await writeCase(pool, row.id, { state, events: [], notifications: [], items, ...writerOf(row) });
  }
  return rows.length;
}
