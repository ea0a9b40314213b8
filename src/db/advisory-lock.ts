import type { Pool } from 'pg';

/**
 * Runs `work` while holding a session-level PostgreSQL advisory lock, so that processes sharing the
 * database (several workers and API processes starting at once) do it one at a time. The lock goes
 * with the connection, so a process that dies holding it does not block the others.
 */
export async function withAdvisoryLock<T>(pool: Pool, lockKey: bigint, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    // Waiting for the lock may take longer than the pool's statement timeout allows a query; the
    // connection is closed afterwards, so the setting goes with it.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [lockKey.toString()]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockKey.toString()]);
    }
  } finally {
    client.release(true);
  }
}
