import type { QueryConfig } from 'pg';

const texts = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection, then only executes: for the hot paths (the
 * caller's user, idempotency keys, a case's row, timeline and documents, the event writer), where it saves
 * about half of PostgreSQL's time per statement and 0.1 ms of latency (`bench/lifecycle`). Only for lookups
 * and writes by key, whose best plan does not depend on the values: PostgreSQL may settle on one generic
 * plan for a prepared statement. The name must be unique; a second text under one name is refused at load.
 */
export function prepared<V extends unknown[]>(name: string, text: string): (...values: V) => QueryConfig {
  const known = texts.get(name);
  if (known !== undefined && known !== text) throw new Error(`two statements are named ${name}`);
  texts.set(name, text);
  return (...values) => ({ name, text, values });
}
