-- Up Migration

-- Attempts of one workflow task share its place in history (record_fence): a speculative task that was lost
-- and its redo, the retries of a failing task. When the lost attempt's write lands after the redo's, the
-- later attempt's events must stand: the attempt's start (the workflow clock) orders them.
ALTER TABLE petitions ADD COLUMN record_attempt_at timestamptz;

-- Down Migration
ALTER TABLE petitions DROP COLUMN record_attempt_at;
