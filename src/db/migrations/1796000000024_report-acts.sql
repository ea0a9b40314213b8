-- Up Migration

-- The dated acts of a case the after-care and resolution figures count (return visits, graded evaluations,
-- follow-ups opened, closed and overdue, measures, agreements, 息诉罢访, opinions carried out), one row each,
-- with the case's scope as its report row has it. The projection rewrites a case's acts in the statement that
-- writes its report row (src/db/report-acts.ts); a figure of a period reads the acts dated in it. Before, the
-- reports read every case's whole fold (3–5 KB, compressed out of line) for them: seconds for a province.
CREATE TABLE report_acts (
  petition_id      text NOT NULL,
  act              text NOT NULL,
  detail           text,
  on_date          date NOT NULL,
  bureau_unit_id   text NOT NULL,
  handling_unit_id text
);
-- A scope's acts of a period, as report_cases has its cases (bureau or handling unit, then the date).
CREATE INDEX report_acts_bureau_idx ON report_acts (bureau_unit_id, on_date);
CREATE INDEX report_acts_handling_idx ON report_acts (handling_unit_id, on_date);
CREATE INDEX report_acts_petition_idx ON report_acts (petition_id);

-- The cases before: their acts from their folds (REPORT_ACTS_SQL in src/db/report-acts.ts, the same query).
INSERT INTO report_acts (petition_id, act, detail, on_date, bureau_unit_id, handling_unit_id)
SELECT r.petition_id, a.act, a.detail, a.on_date, r.bureau_unit_id, r.handling_unit_id
  FROM report_cases r
  JOIN petitions p ON p.id = r.petition_id
  CROSS JOIN LATERAL (SELECT * FROM (
    SELECT 'return-visit' AS act,
           CASE WHEN (v ->> 'reached')::boolean IS FALSE THEN 'unreached' ELSE v ->> 'satisfaction' END AS detail,
           (v ->> 'visitedOn')::date AS on_date
      FROM jsonb_array_elements(coalesce(p.case_state -> 'returnVisits', '[]')) v WHERE v ? 'visitedOn'
    UNION ALL
    SELECT 'evaluation', e ->> 'grade', (e ->> 'evaluatedOn')::date
      FROM jsonb_array_elements(coalesce(p.case_state -> 'evaluations', '[]')) e
     WHERE e ? 'grade' AND e ? 'evaluatedOn'
    UNION ALL
    SELECT 'follow-up-opened', NULL, (f ->> 'openedOn')::date
      FROM jsonb_array_elements(coalesce(p.case_state -> 'followUps', '[]')) f WHERE f ? 'openedOn'
    UNION ALL
    SELECT 'follow-up-closed', NULL, (f ->> 'closedOn')::date
      FROM jsonb_array_elements(coalesce(p.case_state -> 'followUps', '[]')) f
     WHERE f ->> 'status' = 'closed' AND f ? 'closedOn'
    UNION ALL
    SELECT 'follow-up-overdue', NULL, (d ->> 'dueDate')::date
      FROM jsonb_array_elements(coalesce(p.case_state -> 'deadlines', '[]')) d
     WHERE d ->> 'key' = 'follow-up' AND d ? 'overdueAt' AND d ? 'dueDate'
    UNION ALL
    SELECT 'measure', m ->> 'measure', (m ->> 'on')::date
      FROM jsonb_array_elements(coalesce(p.case_state #> '{resolution,measures}', '[]')) m WHERE m ? 'on'
    UNION ALL
    SELECT 'agreement', NULL, (p.case_state #>> '{resolution,agreement,agreedOn}')::date
     WHERE p.case_state #>> '{resolution,agreement,agreedOn}' IS NOT NULL
    UNION ALL
    SELECT 'stopped-petitioning', NULL, (p.case_state #>> '{resolution,stoppedPetitioning,on}')::date
     WHERE p.case_state #>> '{resolution,stoppedPetitioning,on}' IS NOT NULL
    UNION ALL
    SELECT 'carried-out', NULL, (p.case_state #>> '{resolution,carriedOut,on}')::date
     WHERE p.case_state #>> '{resolution,carriedOut,on}' IS NOT NULL) acts
   WHERE acts.on_date IS NOT NULL) a
 WHERE p.case_state IS NOT NULL;

-- Down Migration
DROP TABLE report_acts;
