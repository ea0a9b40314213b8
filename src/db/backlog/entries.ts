import type { Pool, PoolClient } from 'pg';

export const BACKLOG_OUTCOMES = ['open', 'resolved', 'stopped-petitioning'] as const;
export type BacklogOutcome = (typeof BACKLOG_OUTCOMES)[number];

export interface EntryRow {
  id: string;
  campaignId: string | null;
  title: string;
  ownerUnitId: string;
  unitId: string;
  unitName: string;
  leader: string;
  cause: string;
  measures: string;
  targetDate: string;
  registeredOn: string;
  outcome: BacklogOutcome;
  outcomeOn: string | null;
  createdBy: string;
  createdAt: string;
  caseIds: string[];
}

export interface ProgressRow {
  id: string;
  notedOn: string;
  note: string;
  author: string;
  createdAt: string;
}

const COLUMNS = `e.id, e.campaign_id AS "campaignId", e.title, e.owner_unit_id AS "ownerUnitId", e.unit_id AS "unitId",
  u.name AS "unitName", e.leader, e.cause, e.measures, to_char(e.target_date, 'YYYY-MM-DD') AS "targetDate",
  to_char(e.registered_on, 'YYYY-MM-DD') AS "registeredOn", e.outcome, to_char(e.outcome_on, 'YYYY-MM-DD') AS "outcomeOn",
  e.created_by AS "createdBy", to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  ARRAY(SELECT petition_id FROM backlog_entry_cases ec WHERE ec.entry_id = e.id ORDER BY position) AS "caseIds"`;

export interface NewEntry {
  id: string;
  campaignId: string | null;
  title: string;
  ownerUnitId: string;
  unitId: string;
  leader: string;
  cause: string;
  measures: string;
  targetDate: string;
  registeredOn: string;
  caseIds: string[];
  createdBy: string;
  requestId: string;
}

/** Inserts the entry and its cases, or finds the one this request created before (a retry). */
export async function insertEntry(
  client: PoolClient,
  e: NewEntry,
): Promise<{ id: string; created: boolean }> {
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO backlog_entries (id, campaign_id, title, owner_unit_id, unit_id, leader, cause, measures, target_date,
                                  registered_on, created_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (request_id) DO NOTHING RETURNING id`,
    [
      e.id,
      e.campaignId,
      e.title,
      e.ownerUnitId,
      e.unitId,
      e.leader,
      e.cause,
      e.measures,
      e.targetDate,
      e.registeredOn,
      e.createdBy,
      e.requestId,
    ],
  );
  if (!inserted.rows[0]) {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM backlog_entries WHERE request_id = $1',
      [e.requestId],
    );
    return { id: rows[0]!.id, created: false };
  }
  await client.query(
    `INSERT INTO backlog_entry_cases (entry_id, petition_id, position)
     SELECT $1, id, ord FROM unnest($2::text[]) WITH ORDINALITY AS t(id, ord)`,
    [e.id, e.caseIds],
  );
  return { id: e.id, created: true };
}

export async function findEntry(
  db: Pool | PoolClient,
  id: string,
  forUpdate = false,
): Promise<EntryRow | undefined> {
  const { rows } = await db.query<EntryRow>(
    `SELECT ${COLUMNS} FROM backlog_entries e JOIN units u ON u.id = e.unit_id WHERE e.id = $1
     ${forUpdate ? 'FOR UPDATE OF e' : ''}`,
    [id],
  );
  return rows[0];
}

/** Entries kept by, or to be worked off by, a unit in `unitIds`; newest first. */
export async function listEntries(
  pool: Pool,
  unitIds: string[],
  filter: { campaignId?: string; outcome?: BacklogOutcome },
): Promise<EntryRow[]> {
  const { rows } = await pool.query<EntryRow>(
    `SELECT ${COLUMNS} FROM backlog_entries e JOIN units u ON u.id = e.unit_id
      WHERE (e.owner_unit_id = ANY($1::text[]) OR e.unit_id = ANY($1::text[]))
        AND ($2::text IS NULL OR e.campaign_id = $2) AND ($3::text IS NULL OR e.outcome = $3)
      ORDER BY e.registered_on DESC, e.id LIMIT 500`,
    [unitIds, filter.campaignId ?? null, filter.outcome ?? null],
  );
  return rows;
}

export async function entriesOfCampaign(pool: Pool, campaignId: string): Promise<EntryRow[]> {
  const { rows } = await pool.query<EntryRow>(
    `SELECT ${COLUMNS} FROM backlog_entries e JOIN units u ON u.id = e.unit_id WHERE e.campaign_id = $1
      ORDER BY e.registered_on, e.id`,
    [campaignId],
  );
  return rows;
}

export async function progressOf(db: Pool | PoolClient, entryId: string): Promise<ProgressRow[]> {
  const { rows } = await db.query<ProgressRow>(
    `SELECT id::text, to_char(noted_on, 'YYYY-MM-DD') AS "notedOn", note, author,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
       FROM backlog_progress WHERE entry_id = $1 ORDER BY noted_on, id`,
    [entryId],
  );
  return rows;
}

/** A progress note; a retried request adds none. */
export async function insertProgress(
  client: PoolClient,
  p: { entryId: string; notedOn: string; note: string; author: string; requestId: string },
): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO backlog_progress (entry_id, noted_on, note, author, request_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (request_id) DO NOTHING`,
    [p.entryId, p.notedOn, p.note, p.author, p.requestId],
  );
  return rowCount === 1;
}

export async function setTargetDate(client: PoolClient, entryId: string, targetDate: string): Promise<void> {
  await client.query('UPDATE backlog_entries SET target_date = $2 WHERE id = $1', [entryId, targetDate]);
}

export async function setOutcome(
  client: PoolClient,
  entryId: string,
  outcome: Exclude<BacklogOutcome, 'open'>,
  on: string,
): Promise<void> {
  await client.query('UPDATE backlog_entries SET outcome = $2, outcome_on = $3 WHERE id = $1', [
    entryId,
    outcome,
    on,
  ]);
}
