-- Up Migration

-- The summary's standing figures (as they are now, whatever the period): the open cases by priority
-- (关注级别, 重大紧急) and the supported opinions still to be carried out. Each scanned every petition of the
-- scope for a key of its case state (a province: a million rows, twice for the priority); these hold only the
-- few cases that carry the key. case_state is already in other indexes' expressions, so its updates were no
-- HOT updates before either: a row outside both predicates costs an update nothing more.
-- By the bureau and by the handling unit, as a scope is found (either).
CREATE INDEX petitions_priority_bureau_idx ON petitions (bureau_unit_id) WHERE case_state ? 'priority';
CREATE INDEX petitions_priority_handling_idx ON petitions (handling_unit_id) WHERE case_state ? 'priority';
CREATE INDEX petitions_carry_out_bureau_idx ON petitions (bureau_unit_id)
  WHERE case_state -> 'deadlines' @> '[{"key": "carry-out"}]';
CREATE INDEX petitions_carry_out_handling_idx ON petitions (handling_unit_id)
  WHERE case_state -> 'deadlines' @> '[{"key": "carry-out"}]';

-- Down Migration
DROP INDEX petitions_carry_out_handling_idx;
DROP INDEX petitions_carry_out_bureau_idx;
DROP INDEX petitions_priority_handling_idx;
DROP INDEX petitions_priority_bureau_idx;
