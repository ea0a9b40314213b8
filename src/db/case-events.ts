import type { Pool } from 'pg';
import {
  type CaseEvent,
  type CaseState,
  fold,
  initialCaseState,
  isOverdue,
  nextDeadline,
} from '../workflows/case';

/**
 * Appends a batch of case events to the audit trail and folds them into the read model, in one
 * transaction. The activity sends only the new events (deltas); the fold is the workflow's own `evolve`,
 * so the projection equals the workflow's state. Idempotent: events already folded are skipped.
 */
export async function recordCaseEvents(pool: Pool, petitionId: string, events: CaseEvent[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ case_state: CaseState | null; last_sequence: number }>(
      'SELECT case_state, last_sequence FROM petitions WHERE id = $1 FOR UPDATE',
      [petitionId],
    );
    const current = rows[0];
    if (!current) throw new Error(`petition ${petitionId} has no row to record events in`);
    const fresh = events.filter((e) => e.sequence > current.last_sequence);
    if (fresh.length > 0) {
      const state = fold(current.case_state ?? initialCaseState(), fresh);
      await client.query(
        `INSERT INTO petition_events (petition_id, sequence, type, occurred_at, actor, request_id, data)
         SELECT $1, e.sequence, e.type, e.at, e.actor, e."requestId", e.data
           FROM jsonb_to_recordset($2::jsonb)
             AS e(sequence int, type text, at timestamptz, actor text, "requestId" text, data jsonb)
         ON CONFLICT (petition_id, sequence) DO NOTHING`,
        [petitionId, JSON.stringify(fresh.map(toRow))],
      );
      const next = nextDeadline(state);
      await client.query(
        `UPDATE petitions
            SET case_state = $2, status = $3, handling_unit_id = $4, outcome = $5, overdue = $6,
                next_deadline_key = $7, next_deadline_at = $8, closed_reason = $9, procedure = $10,
                routing_mode = $11, last_sequence = $12, updated_at = now()
          WHERE id = $1`,
        [
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
        ],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** An event as a row: the envelope in columns, the body in `data`. */
function toRow(event: CaseEvent) {
  const { sequence, type, at, actor, requestId, ...data } = event;
  return { sequence, type, at, actor: actor ?? null, requestId: requestId ?? null, data };
}
