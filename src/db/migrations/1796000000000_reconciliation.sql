-- Up Migration

-- The workflow input a registration starts its case with (codes and ids only, the same as sent to Temporal),
-- so that the reconciler can finish a registration whose process died between the row and the start.
ALTER TABLE petitions ADD COLUMN start_input jsonb;
-- Registrations whose workflow has not written anything yet: the reconciler's work list.
CREATE INDEX petitions_unstarted_idx ON petitions (created_at) WHERE last_sequence = 0;

-- Down Migration
DROP INDEX petitions_unstarted_idx;
ALTER TABLE petitions DROP COLUMN start_input;
