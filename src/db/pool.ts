import { Pool } from 'pg';

export function createPool(databaseUrl: string): Pool {
  // Bounded waits: an unreachable database must fail a request (503), not hang it.
  // No statement may hold a connection for long: a runaway query fails instead of starving the pool.
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}
