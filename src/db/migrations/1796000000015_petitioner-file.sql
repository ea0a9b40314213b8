-- Up Migration

-- The petitioner's file (一户一档, issue 22). A petitioner is a person the bureau knows: by the keyed hash of the
-- identity-document number when one was given (the number itself stays in the petition's row only), else by the
-- name and phone of a registration. Every petition belongs to one petitioner; cases given the same identity number
-- share one at once, a case without one joins another petitioner only when a staff member confirms the match
-- (name and phone), recorded with who and when. Nothing of this reaches Temporal.
CREATE TABLE petitioners (
  id text PRIMARY KEY,
  id_key text UNIQUE,
  name text NOT NULL,
  phone_digits text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX petitioners_name_phone_idx ON petitioners (name, phone_digits);

ALTER TABLE petitions ADD COLUMN petitioner_id text REFERENCES petitioners (id);
CREATE INDEX petitions_petitioner_id_idx ON petitions (petitioner_id);

-- Petitions already registered: one petitioner per identity hash, one per petition without a number.
INSERT INTO petitioners (id, id_key, name, phone_digits)
SELECT DISTINCT ON (petitioner_key) 'P-' || substr(md5(petitioner_key), 1, 16), petitioner_key,
       coalesce(petitioner ->> 'name', ''), nullif(regexp_replace(coalesce(petitioner ->> 'phone', ''), '[^0-9]', '', 'g'), '')
  FROM petitions WHERE petitioner_key IS NOT NULL ORDER BY petitioner_key, created_at DESC;
UPDATE petitions p SET petitioner_id = 'P-' || substr(md5(p.petitioner_key), 1, 16) WHERE p.petitioner_key IS NOT NULL;
INSERT INTO petitioners (id, name, phone_digits)
SELECT 'P-' || substr(md5('case:' || id), 1, 16), coalesce(petitioner ->> 'name', ''),
       nullif(regexp_replace(coalesce(petitioner ->> 'phone', ''), '[^0-9]', '', 'g'), '')
  FROM petitions WHERE petitioner_key IS NULL;
UPDATE petitions p SET petitioner_id = 'P-' || substr(md5('case:' || p.id), 1, 16) WHERE p.petitioner_key IS NULL;

-- A case joined to a petitioner on a confirmed name-and-phone match: who confirmed it, when, and the petitioner
-- it was filed under before (so the file shows how it came to hold the case).
CREATE TABLE petitioner_matches (
  petition_id text PRIMARY KEY REFERENCES petitions (id),
  petitioner_id text NOT NULL REFERENCES petitioners (id),
  previous_petitioner_id text NOT NULL REFERENCES petitioners (id),
  confirmed_by text NOT NULL,
  confirmed_at timestamptz NOT NULL DEFAULT now()
);

-- Cases staff linked as related (关联): one row per link while it stands, and every link and unlink in the audit.
CREATE TABLE case_links (
  petition_id text NOT NULL REFERENCES petitions (id),
  linked_id text NOT NULL REFERENCES petitions (id),
  relation text NOT NULL,
  linked_by text NOT NULL,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (petition_id, linked_id),
  CHECK (petition_id < linked_id)
);
CREATE INDEX case_links_linked_idx ON case_links (linked_id);
CREATE TABLE case_link_audit (
  id bigserial PRIMARY KEY,
  petition_id text NOT NULL,
  linked_id text NOT NULL,
  relation text NOT NULL,
  action text NOT NULL CHECK (action IN ('linked', 'unlinked')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_link_audit_petition_idx ON case_link_audit (petition_id, at);
CREATE INDEX case_link_audit_linked_idx ON case_link_audit (linked_id, at);

-- The cases merged into a case (并案): the surviving case's detail lists them.
CREATE INDEX petitions_merged_into_idx ON petitions ((case_state -> 'merge' ->> 'intoCaseId'))
  WHERE closed_reason = 'merged';

-- Down Migration
DROP INDEX petitions_merged_into_idx;
DROP TABLE case_link_audit;
DROP TABLE case_links;
DROP TABLE petitioner_matches;
DROP INDEX petitions_petitioner_id_idx;
ALTER TABLE petitions DROP COLUMN petitioner_id;
DROP TABLE petitioners;
