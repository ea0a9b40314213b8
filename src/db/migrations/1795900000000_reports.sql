-- Up Migration

-- Registration level (信访层级) of every case: the level of the registering bureau, or the origin level of a
-- petition transferred down from a higher level (from the national bureau, say).
ALTER TABLE petitions ADD COLUMN registration_level text
  CHECK (registration_level IN ('national', 'province', 'city', 'county'));
UPDATE petitions p SET registration_level = u.level FROM units u WHERE u.id = p.bureau_unit_id;
ALTER TABLE petitions ALTER COLUMN registration_level SET NOT NULL;

-- The facts the reports count, one narrow row per case, written by the event writer in the same transaction
-- as the events (from the same fold as the read model), so the published figures never read Temporal and a
-- province-wide year scans a small table. Dates are Asia/Shanghai calendar dates.
CREATE TABLE report_cases (
  petition_id         text PRIMARY KEY REFERENCES petitions (id),
  received_on         date NOT NULL,
  bureau_unit_id      text NOT NULL,
  handling_unit_id    text,
  registration_level  text NOT NULL,
  channel             text NOT NULL,
  domain              text NOT NULL,
  first_time          boolean NOT NULL,
  status              text NOT NULL,
  -- D2: the acceptance notice (受理告知) due and the day it was given.
  acknowledge_due     date,
  acknowledged_on     date,
  -- D5 (normal or simplified), with granted extensions; the day the written reply met it.
  handle_due          date,
  handled_on          date,
  closed_on           date,
  withdrawn           boolean NOT NULL DEFAULT false,
  case_owned          boolean NOT NULL DEFAULT false,
  evaluations_invited smallint NOT NULL DEFAULT 0,
  evaluations_given   smallint NOT NULL DEFAULT 0,
  evaluations_satisfied smallint NOT NULL DEFAULT 0
);
-- A scope is a set of units: cases registered by one of them or handled by one, in a period.
CREATE INDEX report_cases_bureau_idx ON report_cases (bureau_unit_id, received_on);
CREATE INDEX report_cases_handling_idx ON report_cases (handling_unit_id, received_on);
-- The backlog (积案) at a date: D5 passed and not met by then.
CREATE INDEX report_cases_backlog_idx ON report_cases (handle_due) WHERE withdrawn = false;
-- Supervision notices and escalations in a period.
CREATE INDEX supervision_items_notice_idx ON supervision_items (notice_on);
CREATE INDEX supervision_items_escalated_idx ON supervision_items (escalated_on) WHERE escalated_on IS NOT NULL;

-- Down Migration
DROP INDEX supervision_items_escalated_idx;
DROP INDEX supervision_items_notice_idx;
DROP TABLE report_cases;
ALTER TABLE petitions DROP COLUMN registration_level;
