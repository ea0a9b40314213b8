import type { Pool } from 'pg';

/** Relations staff record between two cases (关联): one matter raised twice, or matters that bear on each other. */
export const LINK_RELATIONS = ['same-matter', 'related'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export interface CaseLink {
  caseId: string;
  relation: LinkRelation;
  linkedBy: string;
  linkedAt: string;
}

/** A link is stored once per pair (the smaller id first); the audit keeps each link and unlink as asked. */
const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]);

/** Links two cases and audits it, in one transaction; false when they were linked already (nothing written). */
export async function linkCases(
  pool: Pool,
  id: string,
  other: string,
  relation: LinkRelation,
  actor: string,
) {
  return inTransaction(pool, async (query) => {
    const [a, b] = pair(id, other);
    const inserted = await query(
      `INSERT INTO case_links (petition_id, linked_id, relation, linked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [a, b, relation, actor],
    );
    if (inserted === 0) return false;
    await query(
      `INSERT INTO case_link_audit (petition_id, linked_id, relation, action, actor) VALUES ($1, $2, $3, 'linked', $4)`,
      [id, other, relation, actor],
    );
    return true;
  });
}

/** Removes a link and audits it; false when there was none. */
export async function unlinkCases(pool: Pool, id: string, other: string, actor: string) {
  return inTransaction(pool, async (query, rows) => {
    const [a, b] = pair(id, other);
    const removed = await rows<{ relation: string }>(
      'DELETE FROM case_links WHERE petition_id = $1 AND linked_id = $2 RETURNING relation',
      [a, b],
    );
    if (removed.length === 0) return false;
    await query(
      `INSERT INTO case_link_audit (petition_id, linked_id, relation, action, actor) VALUES ($1, $2, $3, 'unlinked', $4)`,
      [id, other, removed[0]!.relation, actor],
    );
    return true;
  });
}

/** The cases linked to this one, either way round. */
export async function linksOf(pool: Pool, id: string): Promise<CaseLink[]> {
  const { rows } = await pool.query<CaseLink>(
    `SELECT CASE WHEN petition_id = $1 THEN linked_id ELSE petition_id END AS "caseId", relation,
            linked_by AS "linkedBy", linked_at AS "linkedAt"
       FROM case_links WHERE petition_id = $1 OR linked_id = $1 ORDER BY linked_at`,
    [id],
  );
  return rows.map((row) => ({ ...row, linkedAt: new Date(row.linkedAt).toISOString() }));
}

/** The audit of this case's links: who linked or unlinked which case, when. */
export async function linkAuditOf(pool: Pool, id: string) {
  const { rows } = await pool.query<{
    caseId: string;
    relation: string;
    action: 'linked' | 'unlinked';
    actor: string;
    at: string;
  }>(
    `SELECT CASE WHEN petition_id = $1 THEN linked_id ELSE petition_id END AS "caseId", relation, action, actor, at
       FROM case_link_audit WHERE petition_id = $1 OR linked_id = $1 ORDER BY at, id`,
    [id],
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}

type Query = (text: string, values: unknown[]) => Promise<number>;
type Rows = <R>(text: string, values: unknown[]) => Promise<R[]>;

async function inTransaction<T>(pool: Pool, work: (query: Query, rows: Rows) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(
      async (text, values) => (await client.query(text, values)).rowCount ?? 0,
      async <R>(text: string, values: unknown[]) => (await client.query(text, values)).rows as R[],
    );
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
