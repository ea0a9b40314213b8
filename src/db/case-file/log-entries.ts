import type { Pool } from 'pg';

export const LOG_ENTRY_KINDS = ['investigation', 'talk', 'site-visit', 'call', 'meeting', 'other'] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

export interface LogEntryRow {
  id: string;
  petitionId: string;
  kind: LogEntryKind;
  occurredOn: string;
  text: string;
  author: string;
  unitId: string;
  corrects: string | null;
  createdAt: string;
}

const COLUMNS = `id, petition_id AS "petitionId", kind, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn",
  body AS text, author, unit_id AS "unitId", corrects,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** Appends an entry; answers undefined when the entry it corrects already has a correction. */
export async function insertLogEntry(
  pool: Pool,
  entry: Omit<LogEntryRow, 'createdAt'>,
): Promise<LogEntryRow | undefined> {
  const { rows } = await pool.query<LogEntryRow>(
    `INSERT INTO case_log_entries (id, petition_id, kind, occurred_on, body, author, unit_id, corrects)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (corrects) WHERE corrects IS NOT NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      entry.id,
      entry.petitionId,
      entry.kind,
      entry.occurredOn,
      entry.text,
      entry.author,
      entry.unitId,
      entry.corrects,
    ],
  );
  return rows[0];
}

export async function findLogEntry(
  pool: Pool,
  petitionId: string,
  id: string,
): Promise<LogEntryRow | undefined> {
  const { rows } = await pool.query<LogEntryRow>(
    `SELECT ${COLUMNS} FROM case_log_entries WHERE petition_id = $1 AND id = $2`,
    [petitionId, id],
  );
  return rows[0];
}

/** The case's log in the order things happened (then the order they were written). */
/** The entries of these cases (a case and those merged into it), in the order things happened. */
export async function listLogEntries(pool: Pool, petitionIds: string[]): Promise<LogEntryRow[]> {
  const { rows } = await pool.query<LogEntryRow>(
    `SELECT ${COLUMNS} FROM case_log_entries WHERE petition_id = ANY($1::text[])
      ORDER BY occurred_on, created_at, id`,
    [petitionIds],
  );
  return rows;
}

/**
 * The case's current document of a kind (`reply-opinion`, …): the newest one the case's state names, so a
 * document a refused request wrote (and the reconciler will remove) is never chosen.
 */
export async function currentDocumentOfKind(
  pool: Pool,
  petitionId: string,
  kind: string,
): Promise<string | undefined> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT d.id FROM petition_documents d JOIN petitions p ON p.id = d.petition_id
      WHERE d.petition_id = $1 AND d.kind = $2
        AND strpos(coalesce(p.case_state::text, ''), to_jsonb(d.id)::text) > 0
      ORDER BY d.created_at DESC LIMIT 1`,
    [petitionId, kind],
  );
  return rows[0]?.id;
}
