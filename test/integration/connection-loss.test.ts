import { isDependencyUnavailable } from '../../src/api/errors';
import { createPool } from '../../src/db/pool';
import { testEnv } from '../support/harness';

/**
 * A PostgreSQL restart ends every connection, including one a transaction holds between two of its
 * queries. That once emitted an unhandled 'error' on the checked-out client and killed the worker process
 * (seen in test/faults): it must fail the transaction's next query instead, and the pool must go on.
 */
it('survives the server ending a checked-out connection between two queries', async () => {
  const pool = createPool(testEnv('TEST_DATABASE_URL'));
  const admin = createPool(testEnv('TEST_DATABASE_URL'));
  try {
    const client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    // The server's notice reaches the client between two queries: nothing of ours is listening.
    const gone = async () =>
      (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0]!.pid])).rowCount === 0;
    while (!(await gone())) await pause(20);
    await pause(200);
    const refused: unknown = await client.query('SELECT 1').then(
      () => undefined,
      (err: unknown) => err,
    );
    client.release();
    expect(refused).toBeInstanceOf(Error);
    // The API answers it 503 (retry under the same key), not 500: a registration's transaction is one that
    // may meet it while PostgreSQL restarts.
    expect(isDependencyUnavailable(refused)).toBe(true);
    const after = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(after.rows).toEqual([{ one: 1 }]);
  } finally {
    await Promise.all([pool.end(), admin.end()]);
  }
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
