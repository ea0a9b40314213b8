import { createPool } from '../../src/db/pool';
import { limitQueries } from '../../src/db/query-limit';
import { testEnv } from '../support/harness';

/**
 * One request's report queries run a few at a time (src/db/query-limit): on the real server, never more than
 * the limit of them active at once, each answered, a failing one freeing its slot, and the pool's other
 * methods the pool's own.
 */
it('runs at most the limit of its queries at once, and frees the slot of one that fails', async () => {
  const pool = createPool(testEnv('TEST_DATABASE_URL'));
  const limited = limitQueries(pool, 2);
  const probe = `query-limit-probe-${process.pid}`;
  try {
    // Each query counts the probes active beside it (itself included), then sleeps so that they overlap.
    const active = (i: number) =>
      limited.query<{ active: number; i: number }>(
        `SELECT (SELECT count(*)::int FROM pg_stat_activity
                  WHERE state = 'active' AND query LIKE '%' || $1 || '%' )
                  AS active, $2::int AS i, pg_sleep(0.15) IS NULL AS slept -- ${probe}`,
        [probe, i],
      );
    const failing = limited.query('SELECT 1/0').then(
      () => 'answered',
      () => 'failed',
    );
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => active(i)));
    expect(await failing).toBe('failed');
    expect(answers.map((a) => a.rows[0]!.i)).toEqual([0, 1, 2, 3, 4, 5]);
    const most = Math.max(...answers.map((a) => a.rows[0]!.active));
    // Six at once through a pool of ten would show six; two overlap while the others wait.
    expect(most).toBe(2);
    // Not limited: the pool's own.
    expect(limited.totalCount).toBe(pool.totalCount);
    const client = await limited.connect();
    client.release();
  } finally {
    await pool.end();
  }
});
