-- Up Migration

-- The organisation is data (issue 20): loaded from a file by `petitionflow org import`.
-- Regions reach from the nation down to the township or street (乡镇 / 街道); a province names its rule set, and a
-- petition registered by a bureau of that province follows it.
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions
  ADD CONSTRAINT regions_level_check CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
  ADD COLUMN rule_set_id text,
  ADD CONSTRAINT regions_rule_set_of_province CHECK (rule_set_id IS NULL OR level = 'province');
-- Until now every petition defaulted to the national rules: the provinces already stored keep doing so.
UPDATE regions SET rule_set_id = 'national-2022' WHERE level = 'province';

-- Township governments (乡镇人民政府) and street offices (街道办事处) at the township level. A unit the file no
-- longer lists is deactivated, never deleted: its cases and the audit trail keep pointing at it. Where the law
-- lets the government of the same level review (北京 Art 48), review_unit_id names that body instead of the parent.
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units DROP CONSTRAINT units_level_check;
ALTER TABLE units
  ADD CONSTRAINT units_kind_check CHECK (kind IN ('petition-bureau', 'joint-conference-office', 'department',
                                                  'government', 'township-government', 'street-office')),
  ADD CONSTRAINT units_level_check CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD COLUMN review_unit_id text REFERENCES units (id);
CREATE INDEX users_unit_idx ON users (unit_id);

-- A registration that pins a rule set other than its province's keeps the province's here (who and when are the
-- row's registered_by and created_at): an override is on the record, not silent.
ALTER TABLE petitions ADD COLUMN rule_set_overrides text;

-- Down Migration
ALTER TABLE petitions DROP COLUMN rule_set_overrides;
DROP INDEX users_unit_idx;
ALTER TABLE units DROP COLUMN review_unit_id, DROP COLUMN active;
ALTER TABLE units DROP CONSTRAINT units_level_check, DROP CONSTRAINT units_kind_check;
ALTER TABLE units
  ADD CONSTRAINT units_kind_check CHECK (kind IN ('petition-bureau', 'joint-conference-office', 'department', 'government')),
  ADD CONSTRAINT units_level_check CHECK (level IN ('county', 'city', 'province'));
ALTER TABLE regions DROP CONSTRAINT regions_rule_set_of_province, DROP COLUMN rule_set_id;
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions ADD CONSTRAINT regions_level_check CHECK (level IN ('county', 'city', 'province'));
