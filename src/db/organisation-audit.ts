import type { Pool, PoolClient } from 'pg';

/** One change an admin made to a unit or user, as the audit keeps it. */
export interface AuditEntry {
  login: string;
  requestId: string;
  entity: 'unit' | 'user';
  entityId: string;
  action: 'create' | 'update' | 'deactivate';
  before: unknown;
  after: unknown;
}

/** Written on the change's own transaction: the change and its audit row commit together or not at all. */
export async function insertAuditEntries(client: PoolClient, entries: AuditEntry[]): Promise<void> {
  for (const e of entries) {
    await client.query(
      `INSERT INTO organisation_audit (login, request_id, entity, entity_id, action, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        e.login,
        e.requestId,
        e.entity,
        e.entityId,
        e.action,
        e.before === null ? null : JSON.stringify(e.before),
        JSON.stringify(e.after),
      ],
    );
  }
}

/** The audit rows of one unit or user, oldest first. */
export async function auditOf(pool: Pool, entity: 'unit' | 'user', entityId: string) {
  const { rows } = await pool.query<AuditEntry & { at: Date }>(
    `SELECT at, login, request_id AS "requestId", entity, entity_id AS "entityId", action, before, after
       FROM organisation_audit WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
    [entity, entityId],
  );
  return rows;
}

/** The ids of a region and every region below it. */
export async function regionsUnder(pool: Pool, regionId: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH RECURSIVE covered AS (
        SELECT id FROM regions WHERE id = $1
        UNION ALL SELECT r.id FROM regions r JOIN covered c ON r.parent_id = c.id
      ) SELECT id FROM covered`,
    [regionId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The audit rows about the units of some regions and the users of those units (where they are now), newest
 * first, below a keyset id.
 */
export async function listAudit(
  pool: Pool,
  options: { regions: string[]; entity?: 'unit' | 'user'; entityId?: string; before?: string; limit: number },
) {
  const { rows } = await pool.query<AuditEntry & { id: string; at: Date }>(
    `SELECT a.id::text AS id, a.at, a.login, a.request_id AS "requestId", a.entity, a.entity_id AS "entityId",
            a.action, a.before, a.after
       FROM organisation_audit a
       LEFT JOIN users s ON a.entity = 'user' AND s.login = a.entity_id
       JOIN units n ON n.id = CASE WHEN a.entity = 'unit' THEN a.entity_id ELSE s.unit_id END
      WHERE n.region_id = ANY($1)
        AND ($2::text IS NULL OR a.entity = $2) AND ($3::text IS NULL OR a.entity_id = $3)
        AND ($4::bigint IS NULL OR a.id < $4)
      ORDER BY a.id DESC LIMIT $5`,
    [
      options.regions,
      options.entity ?? null,
      options.entityId ?? null,
      options.before ?? null,
      options.limit,
    ],
  );
  return rows;
}
