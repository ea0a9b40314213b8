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
  // Nor may a checked-out one's: the pool stops listening while a client is out, and a connection the server
  // ends between two queries of a transaction (a restart, a fast shutdown) emitted an unhandled 'error' that
  // killed the worker. The transaction's next query fails instead, and the client is discarded on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
