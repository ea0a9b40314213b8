-- Up Migration

-- A petition transferred out of an area (转出, issue 20) moves to the receiving bureau (bureau_unit_id follows
-- the case); the bureaus that sent it keep reading it and count it in their briefing (「其余 N 件责任单位不属于
-- 我区」). Empty for every case registered and handled in one area, as all cases before this were.
ALTER TABLE petitions ADD COLUMN transferred_from_unit_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE report_cases ADD COLUMN transferred_from_unit_ids text[] NOT NULL DEFAULT '{}';
-- A sender's list (`@>`) and its transfer count (`&&`) find the few transferred cases by these.
CREATE INDEX petitions_transferred_from_idx ON petitions USING gin (transferred_from_unit_ids)
  WHERE transferred_from_unit_ids <> '{}';
CREATE INDEX report_cases_transferred_from_idx ON report_cases USING gin (transferred_from_unit_ids)
  WHERE transferred_from_unit_ids <> '{}';

-- Down Migration
DROP INDEX report_cases_transferred_from_idx;
DROP INDEX petitions_transferred_from_idx;
ALTER TABLE report_cases DROP COLUMN transferred_from_unit_ids;
ALTER TABLE petitions DROP COLUMN transferred_from_unit_ids;
