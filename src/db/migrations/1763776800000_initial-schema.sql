-- Up Migration

-- Organisation: petition bureaus, joint-conference offices and handling units form a hierarchy
-- (county → city → province); the parent is "one level above" for review and re-examination.
CREATE TABLE units (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('petition-bureau', 'joint-conference-office', 'department', 'government')),
  level      text NOT NULL CHECK (level IN ('county', 'city', 'province')),
  parent_id  text REFERENCES units (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  login        text PRIMARY KEY,
  display_name text NOT NULL,
  unit_id      text NOT NULL REFERENCES units (id),
  roles        text[] NOT NULL,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Readable petition numbers, XF-<year>-<6 digits>, counted per year.
CREATE TABLE petition_number_counters (
  year       integer PRIMARY KEY,
  last_value integer NOT NULL
);

-- One row per petition. The registration columns (and all personal data) are written by the API
-- and never leave PostgreSQL; the projection columns below are written only by workflow activities.
CREATE TABLE petitions (
  id                text PRIMARY KEY,
  bureau_unit_id    text NOT NULL REFERENCES units (id),
  channel           text NOT NULL,
  category          text NOT NULL,
  domain            text NOT NULL,
  received_on       date NOT NULL,
  rule_set_id       text NOT NULL,
  subject           text NOT NULL,
  description       text NOT NULL,
  petitioner        jsonb NOT NULL,
  registered_by     text NOT NULL REFERENCES users (login),
  created_at        timestamptz NOT NULL DEFAULT now(),
  status            text NOT NULL,
  handling_unit_id  text REFERENCES units (id),
  outcome           text,
  overdue           boolean NOT NULL DEFAULT false,
  next_deadline_key text,
  next_deadline_at  timestamptz,
  deadlines         jsonb NOT NULL DEFAULT '[]',
  last_sequence     integer NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX petitions_status_idx ON petitions (status);
CREATE INDEX petitions_handling_unit_idx ON petitions (handling_unit_id);
CREATE INDEX petitions_overdue_idx ON petitions (overdue) WHERE overdue;

-- The audit trail: append-only, one row per workflow event; (petition, sequence) makes retries harmless.
CREATE TABLE petition_events (
  petition_id text NOT NULL REFERENCES petitions (id),
  sequence    integer NOT NULL,
  type        text NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor       text,
  data        jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (petition_id, sequence)
);

CREATE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'petition_events is append-only';
END;
$$;
CREATE TRIGGER petition_events_no_change BEFORE UPDATE OR DELETE ON petition_events
  FOR EACH ROW EXECUTE FUNCTION petition_events_append_only();

-- Documents written during handling (the written opinion, 信访处理意见书); free text stays here.
CREATE TABLE petition_documents (
  id          text PRIMARY KEY,
  petition_id text NOT NULL REFERENCES petitions (id),
  kind        text NOT NULL,
  body        text NOT NULL,
  created_by  text NOT NULL REFERENCES users (login),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Responses to POSTs carrying an Idempotency-Key, replayed when the same request is retried.
CREATE TABLE idempotency_keys (
  login         text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer,
  response_body jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (login, key)
);

-- Down Migration
DROP TABLE idempotency_keys;
DROP TABLE petition_documents;
DROP TABLE petition_events;
DROP FUNCTION petition_events_append_only;
DROP TABLE petitions;
DROP TABLE petition_number_counters;
DROP TABLE users;
DROP TABLE units;
