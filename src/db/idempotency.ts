import type { Pool } from 'pg';

export interface IdempotencyRequest {
  login: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'replay'; statusCode: number; body: unknown }
  | { state: 'in-progress' }
  | { state: 'mismatch' };

/**
 * A claim older than this whose request never finished (process crash, lost connection) may be
 * taken over by a retry; longer than any request can take (Temporal calls time out at 30 s).
 */
const CLAIM_LEASE_SECONDS = 120;

/** Claims a key for a request, or reports what happened to the earlier request with that key. */
export async function claimIdempotencyKey(pool: Pool, req: IdempotencyRequest): Promise<IdempotencyClaim> {
  const inserted = await pool.query(
    `INSERT INTO idempotency_keys (login, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (login, key) DO UPDATE SET created_at = now()
       WHERE idempotency_keys.status_code IS NULL
         AND idempotency_keys.request_hash = EXCLUDED.request_hash
         AND idempotency_keys.created_at < now() - make_interval(secs => $6)`,
    [req.login, req.key, req.method, req.path, req.requestHash, CLAIM_LEASE_SECONDS],
  );
  if (inserted.rowCount === 1) return { state: 'claimed' };
  const { rows } = await pool.query(
    `SELECT method, path, request_hash AS "requestHash", status_code AS "statusCode", response_body AS body
       FROM idempotency_keys WHERE login = $1 AND key = $2`,
    [req.login, req.key],
  );
  const earlier = rows[0] as
    | { method: string; path: string; requestHash: string; statusCode: number | null; body: unknown }
    | undefined;
  if (!earlier) return claimIdempotencyKey(pool, req); // released meanwhile: claim again
  if (earlier.method !== req.method || earlier.path !== req.path || earlier.requestHash !== req.requestHash) {
    return { state: 'mismatch' };
  }
  if (earlier.statusCode === null) return { state: 'in-progress' };
  return { state: 'replay', statusCode: earlier.statusCode, body: earlier.body };
}

export async function completeIdempotencyKey(
  pool: Pool,
  login: string,
  key: string,
  statusCode: number,
  body: unknown,
): Promise<void> {
  await pool.query(
    'UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE login = $1 AND key = $2',
    [login, key, statusCode, JSON.stringify(body)],
  );
}

/** Forgets a claim whose request failed in a way worth retrying, so the retry can run. */
export async function releaseIdempotencyKey(pool: Pool, login: string, key: string): Promise<void> {
  await pool.query('DELETE FROM idempotency_keys WHERE login = $1 AND key = $2 AND status_code IS NULL', [
    login,
    key,
  ]);
}
