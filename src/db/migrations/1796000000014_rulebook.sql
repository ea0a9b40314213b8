-- Up Migration

-- The rules data released after the build (issue 21), which every API and worker process loads beside the
-- built-in files: official calendar years (the State Council's holiday notice, added with
-- `petitionflow calendar add-year`) and rule-set versions (`petitionflow rules release`). A released year or
-- version never changes, so the runtime role may add rows but neither rewrite nor remove them.
CREATE TABLE official_calendar_years (
  year      integer PRIMARY KEY,
  data      jsonb NOT NULL,
  added_at  timestamptz NOT NULL DEFAULT now(),
  added_by  text NOT NULL
);

CREATE TABLE rule_set_releases (
  id        text NOT NULL,
  version   text NOT NULL,
  data      jsonb NOT NULL,
  added_at  timestamptz NOT NULL DEFAULT now(),
  added_by  text NOT NULL,
  -- Release order: a version extends one released before it.
  release   bigserial NOT NULL,
  PRIMARY KEY (id, version)
);

GRANT SELECT, INSERT ON official_calendar_years, rule_set_releases TO petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON official_calendar_years, rule_set_releases FROM petitionflow_runtime;

-- Down Migration
DROP TABLE rule_set_releases;
DROP TABLE official_calendar_years;
