-- Up Migration

-- The case file (issue 22, S17): the work log and the attachments of a case. Read-model data only: nothing
-- here reaches Temporal. Both are append-only for the runtime role: a log entry is corrected by a later
-- entry that names it (`corrects`), never rewritten, so what was on file stays on file.
CREATE TABLE case_log_entries (
  id           text PRIMARY KEY,
  petition_id  text NOT NULL REFERENCES petitions (id),
  kind         text NOT NULL CHECK (kind IN ('investigation', 'talk', 'site-visit', 'call', 'meeting', 'other')),
  occurred_on  date NOT NULL,
  body         text NOT NULL,
  author       text NOT NULL REFERENCES users (login),
  unit_id      text NOT NULL REFERENCES units (id),
  corrects     text REFERENCES case_log_entries (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_log_entries_by_case ON case_log_entries (petition_id, occurred_on, created_at);
-- One correction per entry: a second one corrects the correction.
CREATE UNIQUE INDEX case_log_entries_one_correction ON case_log_entries (corrects) WHERE corrects IS NOT NULL;

-- An attachment's description; its bytes are in case_attachment_chunks. The row is written last, in the
-- transaction that wrote the chunks, once the size, type and checksum are known.
CREATE TABLE case_attachments (
  id            text PRIMARY KEY,
  petition_id   text NOT NULL REFERENCES petitions (id),
  log_entry_id  text REFERENCES case_log_entries (id),
  -- A document of the case (the reply's written opinion, …); removed with it if the reconciler sweeps it.
  document_id   text REFERENCES petition_documents (id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  media_type    text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  uploaded_by   text NOT NULL REFERENCES users (login),
  unit_id       text NOT NULL REFERENCES units (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachments_by_case ON case_attachments (petition_id, created_at);

-- The bytes in chunks, so an upload and a download stream instead of holding the whole file.
CREATE TABLE case_attachment_chunks (
  attachment_id  text NOT NULL REFERENCES case_attachments (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  seq            integer NOT NULL,
  data           bytea NOT NULL,
  PRIMARY KEY (attachment_id, seq)
);

GRANT SELECT, INSERT ON case_log_entries, case_attachments, case_attachment_chunks TO petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON case_log_entries, case_attachments, case_attachment_chunks FROM petitionflow_runtime;

-- Down Migration
DROP TABLE case_attachment_chunks;
DROP TABLE case_attachments;
DROP TABLE case_log_entries;
