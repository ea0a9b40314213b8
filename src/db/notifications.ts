import type { Pool } from 'pg';

export interface NotificationRow {
  id: string;
  petitionId: string;
  sequence: number;
  kind: string;
  payload: { text: string; event: string; key?: string; itemId?: string; dueDate?: string };
  createdAt: string;
  readAt: string | null;
}

const COLUMNS = `id::text, petition_id AS "petitionId", sequence, kind, payload,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "readAt"`;

/** A user's inbox, newest first; keyset-paged by id. */
export async function inbox(
  pool: Pool,
  login: string,
  options: { unreadOnly: boolean; before?: string; limit: number },
): Promise<{ items: NotificationRow[]; unread: number }> {
  const params: unknown[] = [login];
  let where = 'recipient = $1';
  if (options.unreadOnly) where += ' AND read_at IS NULL';
  if (options.before) {
    params.push(options.before);
    where += ` AND id < $${params.length}`;
  }
  const [page, unread] = await Promise.all([
    pool.query<NotificationRow>(
      // By the column, not the text `id` of the select list (which would put 999 before 1000).
      `SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY notifications.id DESC LIMIT ${options.limit}`,
      params,
    ),
    pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE recipient = $1 AND read_at IS NULL',
      [login],
    ),
  ]);
  return { items: page.rows, unread: unread.rows[0]?.n ?? 0 };
}

/** Marks one of the user's notifications read (again: no change); false when it is not theirs. */
export async function markRead(pool: Pool, login: string, id: string): Promise<NotificationRow | undefined> {
  const { rows } = await pool.query<NotificationRow>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient = $2
     RETURNING ${COLUMNS}`,
    [id, login],
  );
  return rows[0];
}
