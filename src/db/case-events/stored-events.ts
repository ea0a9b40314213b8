import type { Pool, PoolClient } from 'pg';
import { prepared } from '../prepared';
import { type CaseEvent, type CaseState, fold, initialCaseState } from '../../case';
import type { EventRow } from '../case-write';

const eventsFrom = prepared<[string, number]>(
  'events-from-sequence',
  `SELECT sequence, type, occurred_at AS at, actor, request_id AS "requestId", data
     FROM petition_events WHERE petition_id = $1 AND sequence >= $2 ORDER BY sequence`,
);

/** The stored events from `fromSequence` on, by sequence, as rows comparable with `eventRow`'s. */
export async function storedEvents(
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

/** All the events stored for a case, in order. */
export async function allStoredEvents(client: PoolClient, petitionId: string): Promise<CaseEvent[]> {
  return [...(await storedEvents(client, petitionId, 1)).values()].map(fromRow);
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

/** Moves the stored events from `fromSequence` on aside (never deleted: the audit trail keeps them). */
export async function supersede(client: PoolClient, petitionId: string, fromSequence: number): Promise<void> {
  // The runtime role may not delete events; this function (the schema owner's) moves them aside.
  await client.query('SELECT supersede_petition_events($1, $2)', [petitionId, fromSequence]);
}

/** The fold of the events stored for a case: what its read model must equal. */
export async function foldStoredEvents(pool: Pool, petitionId: string): Promise<CaseState> {
  const client = await pool.connect();
  try {
    return fold(initialCaseState(), await allStoredEvents(client, petitionId));
  } finally {
    client.release();
  }
}
