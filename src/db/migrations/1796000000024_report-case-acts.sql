-- Up Migration

-- The case's dated acts the after-care and resolution figures count (return visits, evaluations, follow-ups
-- with their deadlines, the resolution record), beside its report row: the reports read them here, not the
-- whole fold in petitions.case_state (3–5 KB a case, compressed out of line: a second per 10 000 cases of a
-- province in the reports bench). The projection writes them from now on (src/db/report-facts.ts
-- caseActsOf); the cases before are filled here with the same parts (CASE_ACTS_SQL there).
ALTER TABLE report_cases ADD COLUMN case_acts jsonb;

UPDATE report_cases r
   SET case_acts = (
     SELECT jsonb_object_agg(part.key, part.value) FROM jsonb_each(jsonb_build_object(
       'returnVisits', NULLIF(p.case_state -> 'returnVisits', '[]'::jsonb),
       'evaluations', NULLIF(p.case_state -> 'evaluations', '[]'::jsonb),
       'followUps', NULLIF(p.case_state -> 'followUps', '[]'::jsonb),
       'deadlines', (SELECT jsonb_agg(d.value ORDER BY d.ordinality)
                       FROM jsonb_array_elements(p.case_state -> 'deadlines') WITH ORDINALITY d
                      WHERE d.value ->> 'key' = 'follow-up'),
       'resolution', p.case_state -> 'resolution')) part
      WHERE part.value IS NOT NULL AND part.value <> 'null'::jsonb)
  FROM petitions p
 WHERE p.id = r.petition_id AND p.case_state IS NOT NULL;

-- Down Migration
ALTER TABLE report_cases DROP COLUMN case_acts;
