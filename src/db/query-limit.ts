import type { Pool } from 'pg';

/**
 * The pool as one request sees it: its queries wait for one of `limit` slots. A report of many parts (the
 * province's briefing: some forty queries over three periods) otherwise asks the pool for every connection at
 * once, and its last queries waited past the pool's connection timeout (the reports bench): a 500. The
 * database does not answer sooner for more at once on a small machine; other requests keep connections free.
 * Only `query` is limited; everything else is the pool's own.
 */
export function limitQueries(pool: Pool, limit: number): Pool {
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = () =>
    running < limit ? (running++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve));
  // A freed slot passes straight to the next waiting query.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const query = async (...args: unknown[]) => {
    await acquire();
    try {
      return await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      release();
    }
  };
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
