-- Up Migration

-- A document is written before its command is sent; a command that never applied (5xx, timeout, a crash)
-- leaves it unreferenced. The reconciler removes such documents after a grace period and marks the others
-- once it has seen an event reference them: events are append-only, so a referenced document stays
-- referenced and is never looked at again. The partial index holds only the documents still to be checked.
ALTER TABLE petition_documents ADD COLUMN reference_seen_at timestamptz;
CREATE INDEX petition_documents_unchecked_idx ON petition_documents (created_at) WHERE reference_seen_at IS NULL;
-- Superseded events still reference their documents (the audit trail stays readable); looked up by case.
CREATE INDEX petition_events_superseded_petition_idx ON petition_events_superseded (petition_id);

-- Down Migration
DROP INDEX petition_events_superseded_petition_idx;
DROP INDEX petition_documents_unchecked_idx;
ALTER TABLE petition_documents DROP COLUMN reference_seen_at;
