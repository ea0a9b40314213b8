-- Up Migration

-- The backlog (积案) of a scope at a date, found from the scope's units: cases of a unit whose D5 had passed
-- by then. With only the handle_due index, the backlog list of a small scope (ORDER BY handle_due LIMIT n)
-- walked that index across every unit's cases, filtering them one by one — 0.7 s for a county among
-- 1 000 000 cases (bench:reports); from these the county takes milliseconds, and a province-wide list is
-- one scan of the table with a top-n sort.
CREATE INDEX report_cases_bureau_due_idx ON report_cases (bureau_unit_id, handle_due) WHERE NOT withdrawn;
CREATE INDEX report_cases_handling_due_idx ON report_cases (handling_unit_id, handle_due) WHERE NOT withdrawn;
DROP INDEX report_cases_backlog_idx;

-- Down Migration
CREATE INDEX report_cases_backlog_idx ON report_cases (handle_due) WHERE withdrawn = false;
DROP INDEX report_cases_handling_due_idx;
DROP INDEX report_cases_bureau_due_idx;
