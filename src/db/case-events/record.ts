import type { Pool, PoolClient } from 'pg';
import type { CaseEvent } from '../../case';
import { writeCase } from '../case-write';
import { appending } from './appending';
import { readHead } from './head';
import { recordLocked } from './locked';
import type { Writer } from './writer';

/**
 * Appends a batch of case events to the audit trail and folds them into the read model, atomically. The
 * workflow sends only new events (deltas); the fold is the workflow's own `evolve`, so the projection equals
 * the workflow's state.
 *
 * The usual batch follows the stored events directly: the row is read without a lock and written in one
 * statement that checks the row's version, two round trips in all. Anything else (a retry, a redo, a row
 * changed in between) takes the locked path.
 *
 * Idempotent, and faithful to history: events already stored are skipped when they are the same; when they
 * differ, the stored ones came from a workflow task that failed after writing them and was redone (with
 * another clock), so the redo's events supersede them — moved aside, never silently lost.
 */
export async function recordCaseEvents(
  pool: Pool,
  petitionId: string,
  events: CaseEvent[],
  fence: number,
  attemptAt?: string,
): Promise<void> {
  const writer: Writer = { fence, attemptAt: attemptAt ?? null };
  const client = await pool.connect();
  try {
    if (await appendUnlocked(client, petitionId, events, writer)) return;
    await recordLocked(client, petitionId, events, writer);
  } finally {
    client.release();
  }
}

/** The fast path: whether the batch followed the stored events and the row was still as read, so it is written. */
async function appendUnlocked(
  client: PoolClient,
  petitionId: string,
  events: CaseEvent[],
  writer: Writer,
): Promise<boolean> {
  const head = await readHead(client, petitionId);
  const follows = events.length > 0 && events[0]!.sequence === head.last_sequence + 1;
  if (!follows) return false;
  return writeCase(client, petitionId, appending(petitionId, head, events, writer), head.version);
}
