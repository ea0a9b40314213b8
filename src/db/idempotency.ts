import type { Pool, PoolClient } from 'pg';

export interface IdempotencyRequest {
  login: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  /** Identifies the request holding the claim; only it may complete the claim. */
  ownerToken: string;
}

export type IdempotencyClaim =
  { state: 'claimed' } | { state: 'replay'; statusCode: number; body: unknown } | { state: 'mismatch' };

/**
 * Claims a key for a request, or reports the earlier request's answer. A claim whose request has not
 * answered yet (still running, crashed, or failed in a way worth retrying) is taken over at once: every
 * side effect of a request is keyed by the same key (update id, document ids, the registration's petition
 * id), so running it again does nothing twice and answers like the first run would have.
 */
export async function claimIdempotencyKey(pool: Pool, req: IdempotencyRequest): Promise<IdempotencyClaim> {
  const claimed = await pool.query(
    `INSERT INTO idempotency_keys (login, key, method, path, request_hash, owner_token) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (login, key) DO UPDATE SET owner_token = EXCLUDED.owner_token, created_at = now()
       WHERE idempotency_keys.status_code IS NULL
         AND idempotency_keys.method = EXCLUDED.method
         AND idempotency_keys.path = EXCLUDED.path
         AND idempotency_keys.request_hash = EXCLUDED.request_hash`,
    [req.login, req.key, req.method, req.path, req.requestHash, req.ownerToken],
  );
  if (claimed.rowCount === 1) return { state: 'claimed' };
  const { rows } = await pool.query(
    `SELECT method, path, request_hash AS "requestHash", status_code AS "statusCode", response_body AS body
       FROM idempotency_keys WHERE login = $1 AND key = $2`,
    [req.login, req.key],
  );
  const earlier = rows[0] as
    | { method: string; path: string; requestHash: string; statusCode: number | null; body: unknown }
    | undefined;
  if (!earlier) return claimIdempotencyKey(pool, req);
  if (earlier.method !== req.method || earlier.path !== req.path || earlier.requestHash !== req.requestHash) {
    return { state: 'mismatch' };
  }
  if (earlier.statusCode === null) return claimIdempotencyKey(pool, req); // answered meanwhile? look again
  return { state: 'replay', statusCode: earlier.statusCode, body: earlier.body };
}

/** Stores the final answer, if the claim is still this request's (a retry may have taken it over). */
export async function completeIdempotencyKey(
  pool: Pool,
  claim: Pick<IdempotencyRequest, 'login' | 'key' | 'ownerToken'>,
  statusCode: number,
  body: unknown,
): Promise<void> {
  await pool.query(
    `UPDATE idempotency_keys SET status_code = $4, response_body = $5
      WHERE login = $1 AND key = $2 AND owner_token = $3 AND status_code IS NULL`,
    [claim.login, claim.key, claim.ownerToken, statusCode, JSON.stringify(body)],
  );
}

/**
 * The petition id a registration under this key reserved, locking the key's row for the transaction
 * that inserts the petition; undefined when the key has none yet.
 */
export async function lockRegistrationKey(
  client: PoolClient,
  login: string,
  key: string,
): Promise<string | null | undefined> {
  const { rows } = await client.query<{ petition_id: string | null }>(
    'SELECT petition_id FROM idempotency_keys WHERE login = $1 AND key = $2 FOR UPDATE',
    [login, key],
  );
  return rows[0] ? rows[0].petition_id : undefined;
}

export async function rememberRegistration(
  client: PoolClient,
  login: string,
  key: string,
  petitionId: string,
) {
  await client.query('UPDATE idempotency_keys SET petition_id = $3 WHERE login = $1 AND key = $2', [
    login,
    key,
    petitionId,
  ]);
}
