-- Up Migration

-- The rate limits' counts, one row per client and limit, so that every API process on this database counts
-- against the same budget (a process's own memory gave each client one budget per process). A window starts
-- with a client's first request; rows whose window has passed are swept by the API processes. UNLOGGED: no
-- WAL for a write on every public request; after a crash the counts start afresh, which costs one window.
-- The key is a keyed hash of the client's address, not the address.
CREATE UNLOGGED TABLE rate_limit_counts (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE rate_limit_counts;
