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

export interface CaseRelations {
  /** The cases linked to this one, either way round. */
  related: CaseLink[];
  /** The audit of this case's links: who linked or unlinked which case, when. */
  history: Array<{
    caseId: string;
    relation: string;
    action: 'linked' | 'unlinked';
    actor: string;
    at: string;
  }>;
  /** The cases merged (并案) into this one and not unmerged. */
  mergedIds: string[];
}

/**
 * A case's links, their audit and the cases merged into it, in one query: every command answers with the case's
 * detail, so each query here is paid on every Update (bench: three separate ones cost the hot path).
 */
export async function relationsOf(pool: Pool, id: string): Promise<CaseRelations> {
  const other = `CASE WHEN petition_id = $1 THEN linked_id ELSE petition_id END`;
  const { rows } = await pool.query<CaseRelations>(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('caseId', ${other}, 'relation', relation,
                 'linkedBy', linked_by, 'linkedAt', linked_at) ORDER BY linked_at), '[]')
          FROM case_links WHERE petition_id = $1 OR linked_id = $1) AS related,
       (SELECT coalesce(json_agg(json_build_object('caseId', ${other}, 'relation', relation, 'action', action,
                 'actor', actor, 'at', at) ORDER BY at, id), '[]')
          FROM case_link_audit WHERE petition_id = $1 OR linked_id = $1) AS history,
       (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM petitions
          WHERE closed_reason = 'merged' AND case_state -> 'merge' ->> 'intoCaseId' = $1) AS "mergedIds"`,
    [id],
  );
  const row = rows[0]!;
  return {
    related: row.related.map((link) => ({ ...link, linkedAt: new Date(link.linkedAt).toISOString() })),
    history: row.history.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
    mergedIds: row.mergedIds,
  };
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
