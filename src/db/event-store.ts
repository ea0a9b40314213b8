import type { Pool } from 'pg';
import type { RecordEventsInput } from '../activities/types';

/**
 * Writes a batch of workflow events and the projection they lead to, in one transaction.
 * Idempotent: an event already stored is skipped and an older projection never overwrites a newer
 * one, so an activity retry (or a replay) changes nothing.
 */
export async function recordEvents(
  pool: Pool,
  { petitionId, events, projection }: RecordEventsInput,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (events.length > 0) {
      await client.query(
        `INSERT INTO petition_events (petition_id, sequence, type, occurred_at, actor, data)
         SELECT $1, e.sequence, e.type, e.at, e.actor, e.data
           FROM jsonb_to_recordset($2::jsonb) AS e(sequence int, type text, at timestamptz, actor text, data jsonb)
         ON CONFLICT (petition_id, sequence) DO NOTHING`,
        [petitionId, JSON.stringify(events)],
      );
    }
    await client.query(
      `UPDATE petitions
          SET status = $2, handling_unit_id = $3, outcome = $4, overdue = $5,
              next_deadline_key = $6, next_deadline_at = $7, deadlines = $8, last_sequence = $9, updated_at = now()
        WHERE id = $1 AND last_sequence < $9`,
      [
        petitionId,
        projection.status,
        projection.handlingUnitId ?? null,
        projection.outcome ?? null,
        projection.overdue,
        projection.nextDeadlineKey ?? null,
        projection.nextDeadlineAt ?? null,
        JSON.stringify(projection.deadlines),
        projection.lastSequence,
      ],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
