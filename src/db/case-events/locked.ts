import { isDeepStrictEqual } from 'node:util';
import type { PoolClient } from 'pg';
import { type CaseEvent, type CaseState, fold, initialCaseState } from '../../case';
import { eventRow, writeCase } from '../case-write';
import { inTransaction } from '../transaction';
import { appending } from './appending';
import { lockHead, type StoredHead } from './head';
import { allStoredEvents, storedEvents, supersede } from './stored-events';
import { isOlder, type Writer, writerOf } from './writer';

/**
 * The path for a batch that does not simply follow the stored events (a retry, a redo, a row changed since
 * it was read): under the row's lock, it writes what history holds.
 */
export async function recordLocked(
  client: PoolClient,
  petitionId: string,
  events: CaseEvent[],
  writer: Writer,
): Promise<void> {
  await inTransaction(client, async () => {
    const head = await lockHead(client, petitionId);
    const start = await startingPoint(client, petitionId, head, events, writer);
    if (start === 'late') return;
    const fresh = events.filter((e) => e.sequence > start.after);
    if (fresh.length > 0)
      await writeCase(client, petitionId, appending(petitionId, head, fresh, writer, start.base));
  });
}

/**
 * Where the batch's own events begin, and the fold they go on: after the stored events, when those the batch
 * repeats are the same (a retry). When they differ, the newer writer's stand: the stored ones are moved aside
 * from the first that differs (a redo supersedes its failed task's events), or, when the batch's writer is the
 * older, the batch is `late` (a timed-out task, or a lost attempt of the same one: history holds the other's).
 */
async function startingPoint(
  client: PoolClient,
  petitionId: string,
  head: StoredHead,
  events: CaseEvent[],
  writer: Writer,
): Promise<{ after: number; base: CaseState } | 'late'> {
  const afterStored = { after: head.last_sequence, base: head.case_state ?? initialCaseState() };
  const overlap = events.filter((e) => e.sequence <= head.last_sequence);
  if (overlap.length === 0) return afterStored;
  const stored = await storedEvents(client, petitionId, overlap[0]!.sequence);
  const differing = overlap.find((e) => !isDeepStrictEqual(eventRow(e), stored.get(e.sequence)));
  if (!differing) return afterStored;
  if (isOlder(writer, writerOf(head))) return 'late';
  await supersede(client, petitionId, differing.sequence);
  return {
    after: differing.sequence - 1,
    base: fold(initialCaseState(), await allStoredEvents(client, petitionId)),
  };
}
