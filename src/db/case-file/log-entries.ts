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
export async function listLogEntries(pool: Pool, petitionId: string): Promise<LogEntryRow[]> {
  const { rows } = await pool.query<LogEntryRow>(
    `SELECT ${COLUMNS} FROM case_log_entries WHERE petition_id = $1 ORDER BY occurred_on, created_at, id`,
    [petitionId],
  );
  return rows;
}

/** Whether a document (petition_documents) belongs to the case. */
export async function caseHasDocument(pool: Pool, petitionId: string, documentId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'SELECT 1 FROM petition_documents WHERE petition_id = $1 AND id = $2',
    [petitionId, documentId],
  );
  return (rowCount ?? 0) > 0;
}
