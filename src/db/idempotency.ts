import type { Pool, PoolClient } from 'pg';
import { prepared } from './prepared';

export interface IdempotencyRequest {
  login: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  /** Identifies the request holding the claim; only it may complete the claim. */
  ownerToken: string;
}

/**
 * The earlier final answer: for a success, its status and the petition it concerned (the body is read
 * afresh, for the caller as they are now: no personal data is kept with the key); for a refusal, its error.
 */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'replay'; statusCode: number; petitionId: string | null; body: unknown }
  | { state: 'mismatch' };

/** How long a key is remembered: retries come within minutes; a day later the key is free again. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

const deleteExpiredKey = prepared<[string, string, number]>(
  'idempotency-delete-expired',
  'DELETE FROM idempotency_keys WHERE login = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)',
);
const claimKey = prepared<[string, string, string, string, string, string]>(
  'idempotency-claim',
  `INSERT INTO idempotency_keys (login, key, method, path, request_hash, owner_token) VALUES ($1, $2, $3, $4, $5, $6)
   ON CONFLICT (login, key) DO UPDATE SET owner_token = EXCLUDED.owner_token
     WHERE idempotency_keys.status_code IS NULL
       AND idempotency_keys.method = EXCLUDED.method
       AND idempotency_keys.path = EXCLUDED.path
       AND idempotency_keys.request_hash = EXCLUDED.request_hash`,
);
const earlierClaim = prepared<[string, string]>(
  'idempotency-earlier',
  `SELECT method, path, request_hash AS "requestHash", status_code AS "statusCode", response_body AS body,
          petition_id AS "petitionId"
     FROM idempotency_keys WHERE login = $1 AND key = $2`,
);
const completeKey = prepared<[string, string, string, number, string | null, string | null]>(
  'idempotency-complete',
  `UPDATE idempotency_keys SET status_code = $4, response_body = $5, petition_id = coalesce($6, petition_id)
    WHERE login = $1 AND key = $2 AND owner_token = $3 AND status_code IS NULL`,
);

/**
 * Claims a key for a request, or reports the earlier request's answer. A claim whose request has not
 * answered yet (still running, crashed, or failed in a way worth retrying) is taken over at once: every
 * side effect of a request is keyed by the same key (update id, document ids, the registration's petition
 * id), so running it again does nothing twice and answers like the first run would have.
 */
export async function claimIdempotencyKey(pool: Pool, req: IdempotencyRequest): Promise<IdempotencyClaim> {
  await pool.query(deleteExpiredKey(req.login, req.key, IDEMPOTENCY_KEY_TTL_HOURS));
  const claimed = await pool.query(
    claimKey(req.login, req.key, req.method, req.path, req.requestHash, req.ownerToken),
  );
  if (claimed.rowCount === 1) return { state: 'claimed' };
  const { rows } = await pool.query(earlierClaim(req.login, req.key));
  const earlier = rows[0] as
    | {
        method: string;
        path: string;
        requestHash: string;
        statusCode: number | null;
        body: unknown;
        petitionId: string | null;
      }
    | undefined;
  if (!earlier) return claimIdempotencyKey(pool, req);
  if (earlier.method !== req.method || earlier.path !== req.path || earlier.requestHash !== req.requestHash) {
    return { state: 'mismatch' };
  }
  if (earlier.statusCode === null) return claimIdempotencyKey(pool, req); // answered meanwhile? look again
  return {
    state: 'replay',
    statusCode: earlier.statusCode,
    petitionId: earlier.petitionId,
    body: earlier.body,
  };
}

/**
 * Stores the final answer, if the claim is still this request's (a retry may have taken it over): a
 * success as its status and petition id, a refusal as its error body (codes and ids, no personal data).
 */
export async function completeIdempotencyKey(
  pool: Pool,
  claim: Pick<IdempotencyRequest, 'login' | 'key' | 'ownerToken'>,
  statusCode: number,
  answer: { petitionId: string } | { error: unknown },
): Promise<void> {
  await pool.query(
    completeKey(
      claim.login,
      claim.key,
      claim.ownerToken,
      statusCode,
      'error' in answer ? JSON.stringify(answer.error) : null,
      'petitionId' in answer ? answer.petitionId : null,
    ),
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

/** Forgets keys past their time; the API runs it now and then. */
export async function expireIdempotencyKeys(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(
    'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)',
    [IDEMPOTENCY_KEY_TTL_HOURS],
  );
  return rowCount ?? 0;
}
