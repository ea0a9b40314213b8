-- Up Migration

-- Every case's detail (and every transition's answer) reads its documents and the cases that link to it.
-- Without these, both scanned their whole table once per read: fine for a demo, not for a year of cases.
CREATE INDEX petition_documents_petition_idx ON petition_documents (petition_id, created_at, id);
CREATE INDEX petitions_repeat_of_idx ON petitions (repeat_of) WHERE repeat_of IS NOT NULL;
CREATE INDEX petitions_final_case_idx ON petitions (final_case_id) WHERE final_case_id IS NOT NULL;

-- Down Migration
DROP INDEX petitions_final_case_idx;
DROP INDEX petitions_repeat_of_idx;
DROP INDEX petition_documents_petition_idx;
