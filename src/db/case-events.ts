import { isDeepStrictEqual } from 'node:util';
import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';
import { type CaseEvent, type CaseState, fold, initialCaseState } from '../case';
import { type CaseWrite, eventRow, type EventRow, writeCase } from './case-write';
import { foldWithLadder } from './ladder-projection';

/** The row's version (`xmin`), its fold and the writer that wrote it last. */
interface StoredHead {
  version: string;
  case_state: CaseState | null;
  last_sequence: number;
  record_fence: number;
  record_attempt_at: Date | null;
}
const HEAD_COLUMNS = 'xmin::text AS version, case_state, last_sequence, record_fence, record_attempt_at';
const readHead = prepared<[string]>(
  'events-read-petition',
  `SELECT ${HEAD_COLUMNS} FROM petitions WHERE id = $1`,
);
const lockForWriting = prepared<[string]>(
  'events-lock-petition',
  `SELECT ${HEAD_COLUMNS} FROM petitions WHERE id = $1 FOR UPDATE`,
);
const eventsFrom = prepared<[string, number]>(
  'events-from-sequence',
  `SELECT sequence, type, occurred_at AS at, actor, request_id AS "requestId", data
     FROM petition_events WHERE petition_id = $1 AND sequence >= $2 ORDER BY sequence`,
);

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
    const { rows } = await client.query<StoredHead>(readHead(petitionId));
    const head = rows[0];
    if (!head) throw new PetitionRowMissingError(petitionId);
    const follows = events.length > 0 && events[0]!.sequence === head.last_sequence + 1;
    if (
      follows &&
      (await writeCase(client, petitionId, appending(petitionId, head, events, writer), head.version))
    ) {
      return;
    }
    await recordLocked(client, petitionId, events, writer);
  } finally {
    client.release();
  }
}

/** The write of `events` on top of `base` (the stored fold); the row keeps the newer of its writer and this. */
function appending(
  petitionId: string,
  head: StoredHead,
  events: CaseEvent[],
  writer: Writer,
  base = head.case_state ?? initialCaseState(),
): CaseWrite {
  const newest = writerOf(head);
  const kept = isOlder(writer, newest) ? newest : writer;
  return { events, ...foldWithLadder(petitionId, base, events), ...kept };
}

async function recordLocked(client: PoolClient, petitionId: string, events: CaseEvent[], writer: Writer) {
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<StoredHead>(lockForWriting(petitionId));
    const head = rows[0];
    if (!head) throw new PetitionRowMissingError(petitionId);
    let base = head.case_state ?? initialCaseState();
    let after = head.last_sequence;
    const overlap = events.filter((e) => e.sequence <= after);
    if (overlap.length > 0) {
      const stored = await storedEvents(client, petitionId, overlap[0]!.sequence);
      const differing = overlap.find((e) => !isDeepStrictEqual(eventRow(e), stored.get(e.sequence)));
      if (differing && isOlder(writer, writerOf(head))) {
        // A late write of a workflow task that timed out and was redone (or of an earlier attempt of the same
        // task, a lost speculative one): history holds the redo's events.
        await client.query('COMMIT');
        return;
      }
      if (differing) {
        await supersede(client, petitionId, differing.sequence);
        after = differing.sequence - 1;
        const kept = await storedEvents(client, petitionId, 1);
        base = fold(initialCaseState(), [...kept.values()].map(fromRow));
      }
    }
    const fresh = events.filter((e) => e.sequence > after);
    if (fresh.length > 0)
      await writeCase(client, petitionId, appending(petitionId, head, fresh, writer, base));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * A write's place in the workflow's history (`fence`: the history's length when its task ran) and, for
 * attempts of a task that share that place, when its attempt started (the workflow clock, ISO).
 */
interface Writer {
  fence: number;
  attemptAt: string | null;
}

function writerOf(head: StoredHead): Writer {
  return { fence: head.record_fence, attemptAt: head.record_attempt_at?.toISOString() ?? null };
}

/** Whether `a` wrote for an earlier workflow task (or an earlier attempt of the same one) than `b`. */
function isOlder(a: Writer, b: Writer): boolean {
  if (a.fence !== b.fence) return a.fence < b.fence;
  return (a.attemptAt ?? '') < (b.attemptAt ?? '');
}

/** The petition's row is gone (its registration was undone): waiting will not bring it back. */
export class PetitionRowMissingError extends Error {
  constructor(readonly petitionId: string) {
    super(`petition ${petitionId} has no row to record events in`);
  }
}

function fromRow(row: EventRow): CaseEvent {
  return {
    ...row.data,
    type: row.type,
    sequence: row.sequence,
    at: row.at,
    ...(row.actor ? { actor: row.actor } : {}),
    ...(row.requestId ? { requestId: row.requestId } : {}),
  } as CaseEvent;
}

async function storedEvents(
  client: PoolClient,
  petitionId: string,
  fromSequence: number,
): Promise<Map<number, EventRow>> {
  const { rows } = await client.query<{
    sequence: number;
    type: string;
    at: Date;
    actor: string | null;
    requestId: string | null;
    data: Record<string, unknown>;
  }>(eventsFrom(petitionId, fromSequence));
  return new Map(rows.map((r) => [r.sequence, { ...r, at: r.at.toISOString() } as EventRow]));
}

async function supersede(client: PoolClient, petitionId: string, fromSequence: number): Promise<void> {
  // The runtime role may not delete events; this function (the schema owner's) moves them aside.
  await client.query('SELECT supersede_petition_events($1, $2)', [petitionId, fromSequence]);
}

/** The fold of the events stored for a case: what its read model must equal. */
export async function foldStoredEvents(pool: Pool, petitionId: string): Promise<CaseState> {
  const client = await pool.connect();
  try {
    const events = [...(await storedEvents(client, petitionId, 1)).values()].map(fromRow);
    return fold(initialCaseState(), events);
  } finally {
    client.release();
  }
}

/**
 * Folds a case's stored events again and rewrites all that is derived from them: the row's fold and
 * columns, the supervision items, the notifications (none twice), the report row. For `verify --fix` when a
 * read model drifted from its own audit trail; the audit trail itself is never changed.
 */
export async function reprojectCase(pool: Pool, petitionId: string): Promise<CaseState> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<StoredHead>(lockForWriting(petitionId));
    if (!rows[0]) throw new PetitionRowMissingError(petitionId);
    const events = [...(await storedEvents(client, petitionId, 1)).values()].map(fromRow);
    const derived = foldWithLadder(petitionId, initialCaseState(), events);
    await writeCase(client, petitionId, { events: [], ...derived, ...writerOf(rows[0]) });
    await client.query('COMMIT');
    return derived.state;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
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
