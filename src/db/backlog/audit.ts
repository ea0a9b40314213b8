import type { PoolClient } from 'pg';

/** One change to the register (积案台账), written on the change's own transaction. */
export interface BacklogAuditEntry {
  login: string;
  requestId: string;
  entity: 'campaign' | 'entry';
  entityId: string;
  action: 'create' | 'progress' | 'retarget' | 'outcome';
  before: unknown;
  after: unknown;
}

export async function insertBacklogAudit(client: PoolClient, e: BacklogAuditEntry): Promise<void> {
  await client.query(
    `INSERT INTO backlog_audit (login, request_id, entity, entity_id, action, before, after)
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

/** The audit of one campaign or entry, oldest first. */
export async function backlogAuditOf(db: PoolClient | import('pg').Pool, entity: string, entityId: string) {
  const { rows } = await db.query(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, login, request_id AS "requestId",
            action, before, after
       FROM backlog_audit WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
    [entity, entityId],
  );
  return rows as Array<{
    at: string;
    login: string;
    requestId: string;
    action: string;
    before: unknown;
    after: unknown;
  }>;
}
