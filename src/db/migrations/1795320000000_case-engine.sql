-- Up Migration

-- Regions (县 → 市 → 省): a petition bureau routes only to units of its own region or those below it.
CREATE TABLE regions (
  id        text PRIMARY KEY,
  name      text NOT NULL,
  level     text NOT NULL CHECK (level IN ('county', 'city', 'province')),
  parent_id text REFERENCES regions (id)
);
ALTER TABLE units ADD COLUMN region_id text REFERENCES regions (id);

-- The read model is the fold of the case's events (the same `evolve` the workflow runs): case_state is
-- that fold; the columns beside it are copies for filters and lists.
ALTER TABLE petitions
  ADD COLUMN case_state     jsonb,
  ADD COLUMN closed_reason  text,
  ADD COLUMN procedure      text,
  ADD COLUMN routing_mode   text,
  -- Salted hash of the petitioner's identity-document number: links repeat petitions, never the number.
  ADD COLUMN petitioner_key text,
  ADD COLUMN first_time     boolean NOT NULL DEFAULT true,
  ADD COLUMN repeat_of      text REFERENCES petitions (id),
  ADD COLUMN final_case_id  text REFERENCES petitions (id),
  ADD COLUMN group_persons  integer,
  -- The newest writer's place in workflow history: a late write from an older workflow task is refused.
  ADD COLUMN record_fence   integer NOT NULL DEFAULT 0,
  -- The review and re-examination bodies (复查 / 复核), who may see and act on the case at those stages.
  ADD COLUMN review_unit_id        text REFERENCES units (id),
  ADD COLUMN reexamination_unit_id text REFERENCES units (id),
  DROP COLUMN deadlines;
CREATE INDEX petitions_petitioner_matter_idx ON petitions (petitioner_key, domain) WHERE petitioner_key IS NOT NULL;
CREATE INDEX petitions_bureau_idx ON petitions (bureau_unit_id);
-- Lists: newest first, and the bodies above as parties.
CREATE INDEX petitions_created_idx ON petitions (created_at DESC, id DESC);
CREATE INDEX petitions_review_unit_idx ON petitions (review_unit_id) WHERE review_unit_id IS NOT NULL;
CREATE INDEX petitions_reexamination_unit_idx ON petitions (reexamination_unit_id) WHERE reexamination_unit_id IS NOT NULL;

-- The API request (Temporal update id) behind an event: a retried request finds its own effect.
ALTER TABLE petition_events ADD COLUMN request_id text;
CREATE INDEX petition_events_request_idx ON petition_events (petition_id, request_id) WHERE request_id IS NOT NULL;

-- Events a workflow task wrote (through a local activity) before the task failed and was redone: the redo
-- is what history holds, so its events replace these in the audit trail; the replaced ones are kept here.
CREATE TABLE petition_events_superseded (
  LIKE petition_events,
  superseded_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('petitionflow.superseding', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'petition_events is append-only';
END;
$$;

-- A claim belongs to the request holding its owner token; a registration's petition id is kept with the key
-- in the same transaction as the petition row, so a retry reuses it.
ALTER TABLE idempotency_keys
  ADD COLUMN owner_token text,
  ADD COLUMN petition_id text;

-- Down Migration
CREATE OR REPLACE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'petition_events is append-only';
END;
$$;
DROP TABLE petition_events_superseded;
ALTER TABLE idempotency_keys DROP COLUMN petition_id, DROP COLUMN owner_token;
DROP INDEX petition_events_request_idx;
ALTER TABLE petition_events DROP COLUMN request_id;
DROP INDEX petitions_reexamination_unit_idx;
DROP INDEX petitions_review_unit_idx;
DROP INDEX petitions_created_idx;
DROP INDEX petitions_bureau_idx;
DROP INDEX petitions_petitioner_matter_idx;
ALTER TABLE petitions
  ADD COLUMN deadlines jsonb NOT NULL DEFAULT '[]',
  DROP COLUMN reexamination_unit_id,
  DROP COLUMN review_unit_id,
  DROP COLUMN record_fence,
  DROP COLUMN group_persons,
  DROP COLUMN final_case_id,
  DROP COLUMN repeat_of,
  DROP COLUMN first_time,
  DROP COLUMN petitioner_key,
  DROP COLUMN routing_mode,
  DROP COLUMN procedure,
  DROP COLUMN closed_reason,
  DROP COLUMN case_state;
ALTER TABLE units DROP COLUMN region_id;
DROP TABLE regions;
