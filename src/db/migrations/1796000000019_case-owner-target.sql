-- Up Migration

-- 包案 (issue 22): the on-time rate of case-owned matters counts the leader's own target date — settled (the
-- written reply delivered, or an agreement carried out) on or before it — instead of the statutory D5.
ALTER TABLE report_cases ADD COLUMN owner_target_date date, ADD COLUMN owner_settled_on date;
-- Rows written before: their case's fold holds both dates (the event writer keeps them from now on).
UPDATE report_cases r
   SET owner_target_date = (p.case_state #>> '{caseOwner,targetDate}')::date,
       owner_settled_on = coalesce((p.case_state #>> '{reply,deliveredOn}')::date,
                                   (p.case_state #>> '{agreement,carriedOutOn}')::date)
  FROM petitions p
 WHERE p.id = r.petition_id AND r.case_owned AND p.case_state ? 'caseOwner';

-- Down Migration
ALTER TABLE report_cases DROP COLUMN owner_settled_on, DROP COLUMN owner_target_date;
