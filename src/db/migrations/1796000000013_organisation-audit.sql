-- Up Migration

-- The admin API's changes to units and users (issue 20): who changed what, when, in which request, and the row
-- before and after (null before a creation). Append-only: the API's database role may not rewrite it.
CREATE TABLE organisation_audit (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  login       text NOT NULL,
  request_id  text NOT NULL,
  entity      text NOT NULL CHECK (entity IN ('unit', 'user')),
  entity_id   text NOT NULL,
  action      text NOT NULL CHECK (action IN ('create', 'update', 'deactivate')),
  before      jsonb,
  after       jsonb NOT NULL
);
-- The history of one unit or user, newest first.
CREATE INDEX organisation_audit_entity_idx ON organisation_audit (entity, entity_id, id DESC);
REVOKE UPDATE, DELETE ON organisation_audit FROM petitionflow_runtime;

-- Down Migration
DROP TABLE organisation_audit;
