import type { Pool } from 'pg';
import { prepared } from './prepared';

export interface WindowCount {
  hits: number;
  resetsAt: Date;
}

// One statement per request: a new row, a count added to a running window, or a new window on an old row.
const countHit = prepared<[string, number]>(
  'rate-limit-hit',
  `INSERT INTO rate_limit_counts AS c (key, hits, resets_at) VALUES ($1, 1, now() + make_interval(secs => $2))
   ON CONFLICT (key) DO UPDATE SET
     hits = CASE WHEN c.resets_at > now() THEN c.hits + 1 ELSE 1 END,
     resets_at = CASE WHEN c.resets_at > now() THEN c.resets_at ELSE EXCLUDED.resets_at END
   RETURNING hits, resets_at AS "resetsAt"`,
);
const uncountHit = prepared<[string]>(
  'rate-limit-uncount',
  'UPDATE rate_limit_counts SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND resets_at > now()',
);
const currentCount = prepared<[string]>(
  'rate-limit-current',
  'SELECT hits, resets_at AS "resetsAt" FROM rate_limit_counts WHERE key = $1 AND resets_at > now()',
);

/** Counts a request of `key` in its window of `windowSeconds` (a new window if none is running). */
export async function countRequest(pool: Pool, key: string, windowSeconds: number): Promise<WindowCount> {
  const { rows } = await pool.query<WindowCount>(countHit(key, windowSeconds));
  return rows[0]!;
}

/** Takes back one request of `key` in its running window (express-rate-limit's skip options). */
export async function uncountRequest(pool: Pool, key: string): Promise<void> {
  await pool.query(uncountHit(key));
}

export async function readCount(pool: Pool, key: string): Promise<WindowCount | undefined> {
  const { rows } = await pool.query<WindowCount>(currentCount(key));
  return rows[0];
}

export async function forgetCount(pool: Pool, key: string): Promise<void> {
  await pool.query('DELETE FROM rate_limit_counts WHERE key = $1', [key]);
}

/** Removes the rows whose window has passed (a small table: the clients of the last window or so). */
export async function expireRateLimitCounts(pool: Pool): Promise<void> {
  await pool.query('DELETE FROM rate_limit_counts WHERE resets_at <= now()');
}
