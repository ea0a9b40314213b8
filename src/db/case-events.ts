import { isDeepStrictEqual } from 'node:util';
import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';
import {
  type CaseEvent,
  type CaseState,
  fold,
  initialCaseState,
  isOverdue,
  nextDeadline,
} from '../workflows/case';
import { projectLadder } from './ladder-projection';
import { projectReportFacts } from './report-facts';

const lockForWriting = prepared<[string]>(
  'events-lock-petition',
  `SELECT case_state, last_sequence, record_fence, record_attempt_at FROM petitions WHERE id = $1 FOR UPDATE`,
);
const eventsFrom = prepared<[string, number]>(
  'events-from-sequence',
  `SELECT sequence, type, occurred_at AS at, actor, request_id AS "requestId", data
     FROM petition_events WHERE petition_id = $1 AND sequence >= $2 ORDER BY sequence`,
);
const appendEvents = prepared<[string, string]>(
  'events-append',
  `INSERT INTO petition_events (petition_id, sequence, type, occurred_at, actor, request_id, data)
   SELECT $1, e.sequence, e.type, e.at, e.actor, e."requestId", e.data
     FROM jsonb_to_recordset($2::jsonb)
       AS e(sequence int, type text, at timestamptz, actor text, "requestId" text, data jsonb)`,
);
/** petition id, fold (JSON), status, handling unit, outcome, overdue, next deadline key and time, closed reason,
 * procedure, routing mode, last sequence, fence, review unit, re-examination unit, attempt time. */
type ProjectionValues = [
  string,
  string,
  string,
  string | null,
  string | null,
  boolean,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
  number,
  string | null,
  string | null,
  string | null,
];
const updateProjection = prepared<ProjectionValues>(
  'events-update-projection',
  `UPDATE petitions
    SET case_state = $2, status = $3, handling_unit_id = $4, outcome = $5, overdue = $6,
        next_deadline_key = $7, next_deadline_at = $8, closed_reason = $9, procedure = $10,
        routing_mode = $11, last_sequence = $12, record_fence = $13, review_unit_id = $14,
        reexamination_unit_id = $15, record_attempt_at = $16, updated_at = now()
    WHERE id = $1`,
);

/**
 * Appends a batch of case events to the audit trail and folds them into the read model, in one
 * transaction. The workflow sends only new events (deltas); the fold is the workflow's own `evolve`, so the
 * projection equals the workflow's state.
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
    await client.query('BEGIN');
    const { rows } = await client.query<{
      case_state: CaseState | null;
      last_sequence: number;
      record_fence: number;
      record_attempt_at: Date | null;
    }>(lockForWriting(petitionId));
    const current = rows[0];
    if (!current) throw new PetitionRowMissingError(petitionId);
    const newest: Writer = {
      fence: current.record_fence,
      attemptAt: current.record_attempt_at?.toISOString() ?? null,
    };
    let base = current.case_state ?? initialCaseState();
    let after = current.last_sequence;
    const overlap = events.filter((e) => e.sequence <= after);
    if (overlap.length > 0) {
      const stored = await storedEvents(client, petitionId, overlap[0]!.sequence);
      const differing = overlap.find((e) => !isDeepStrictEqual(toRow(e), stored.get(e.sequence)));
      if (differing && isOlder(writer, newest)) {
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
    if (fresh.length > 0) {
      const state = fold(base, fresh);
      await append(client, petitionId, state, fresh, isOlder(writer, newest) ? newest : writer);
      await projectLadder(client, petitionId, base, fresh);
      await projectReportFacts(client, petitionId, state);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
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

type EventRow = ReturnType<typeof toRow>;

/** An event as a row: the envelope in columns, the body in `data`. */
function toRow(event: CaseEvent) {
  const { sequence, type, at, actor, requestId, ...data } = event;
  // The JSON round trip drops undefined fields, as jsonb does.
  return {
    sequence,
    type,
    at,
    actor: actor ?? null,
    requestId: requestId ?? null,
    data: JSON.parse(JSON.stringify(data)),
  };
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

async function append(
  client: PoolClient,
  petitionId: string,
  state: CaseState,
  events: CaseEvent[],
  writer: Writer,
): Promise<void> {
  await client.query(appendEvents(petitionId, JSON.stringify(events.map(toRow))));
  await writeProjection(client, petitionId, state, writer);
}

/** The row's fold and its copies for filters and lists. */
async function writeProjection(client: PoolClient, petitionId: string, state: CaseState, writer: Writer) {
  const next = nextDeadline(state);
  await client.query(
    updateProjection(
      petitionId,
      JSON.stringify(state),
      state.status,
      state.handlingUnitId ?? null,
      state.reply?.outcome ?? null,
      isOverdue(state),
      next?.key ?? null,
      next?.dueAt ?? null,
      state.closure?.reason ?? null,
      state.procedure ?? null,
      state.routing?.mode ?? null,
      state.lastSequence,
      writer.fence,
      state.review?.bodyUnitId ?? null,
      state.reexamination?.bodyUnitId ?? null,
      writer.attemptAt,
    ),
  );
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
    const { rows } = await client.query<{ record_fence: number; record_attempt_at: Date | null }>(
      'SELECT record_fence, record_attempt_at FROM petitions WHERE id = $1 FOR UPDATE',
      [petitionId],
    );
    if (!rows[0]) throw new PetitionRowMissingError(petitionId);
    const events = [...(await storedEvents(client, petitionId, 1)).values()].map(fromRow);
    const state = fold(initialCaseState(), events);
    await writeProjection(client, petitionId, state, {
      fence: rows[0].record_fence,
      attemptAt: rows[0].record_attempt_at?.toISOString() ?? null,
    });
    await projectLadder(client, petitionId, initialCaseState(), events);
    await projectReportFacts(client, petitionId, state);
    await client.query('COMMIT');
    return state;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
