-- Up Migration

-- Subject matters (信访事项内容分类) become data (issue 20): a two-level file (category → sub-category) in
-- place of the 12 fixed domains. A case keeps the code it was registered with (`domain`, of either level),
-- beside its category at registration and the file it was chosen from, so a later file never changes it and
-- the reports group by either level without the file that was in force then.
ALTER TABLE petitions
  ADD COLUMN domain_category        text,
  ADD COLUMN classification_version text;
ALTER TABLE report_cases ADD COLUMN domain_category text;

-- The 12 codes of the enum onto the default file (petitionflow-default@2026.1): ten are its category codes
-- unchanged; 住房保障 and 公安 become sub-categories of 城乡建设 and 政法. docs/classification.md lists the
-- same table. A code outside the 12 (none can exist: the API refused them) would stay as its own category.
WITH legacy_domain_mapping (old_code, new_code, category) AS (VALUES
  ('housing',                    'urban-construction.housing',          'urban-construction'),
  ('labour-and-social-security', 'labour-and-social-security',          'labour-and-social-security'),
  ('land-and-resources',         'land-and-resources',                  'land-and-resources'),
  ('urban-construction',         'urban-construction',                  'urban-construction'),
  ('market-regulation',          'market-regulation',                   'market-regulation'),
  ('public-security',            'political-and-legal.public-security', 'political-and-legal'),
  ('civil-affairs',              'civil-affairs',                       'civil-affairs'),
  ('education',                  'education',                           'education'),
  ('health',                     'health',                              'health'),
  ('environment',                'environment',                         'environment'),
  ('agriculture',                'agriculture',                         'agriculture'),
  ('other',                      'other',                               'other'))
UPDATE petitions p
   SET domain = m.new_code,
       domain_category = m.category,
       -- A registration the reconciler may still have to start carries the code it will be started with.
       start_input = CASE WHEN p.start_input ? 'domain'
                          THEN jsonb_set(p.start_input, '{domain}', to_jsonb(m.new_code)) ELSE p.start_input END
  FROM legacy_domain_mapping m
 WHERE m.old_code = p.domain;
UPDATE petitions SET domain_category = domain WHERE domain_category IS NULL;
UPDATE petitions SET classification_version = 'petitionflow-default@2026.1';
UPDATE report_cases r
   SET domain = p.domain, domain_category = p.domain_category
  FROM petitions p WHERE p.id = r.petition_id;

ALTER TABLE petitions
  ALTER COLUMN domain_category SET NOT NULL,
  ALTER COLUMN classification_version SET NOT NULL;
ALTER TABLE report_cases ALTER COLUMN domain_category SET NOT NULL;

-- Repeat petitions (重复信访) are found by petitioner and category: see findSameMatter.
DROP INDEX petitions_petitioner_matter_idx;
CREATE INDEX petitions_petitioner_matter_idx ON petitions (petitioner_key, domain_category)
  WHERE petitioner_key IS NOT NULL;

-- Down Migration
DROP INDEX petitions_petitioner_matter_idx;
CREATE INDEX petitions_petitioner_matter_idx ON petitions (petitioner_key, domain) WHERE petitioner_key IS NOT NULL;
UPDATE petitions SET domain = 'housing' WHERE domain = 'urban-construction.housing';
UPDATE petitions SET domain = 'public-security' WHERE domain = 'political-and-legal.public-security';
UPDATE report_cases r SET domain = p.domain FROM petitions p WHERE p.id = r.petition_id;
ALTER TABLE report_cases DROP COLUMN domain_category;
ALTER TABLE petitions DROP COLUMN classification_version, DROP COLUMN domain_category;
