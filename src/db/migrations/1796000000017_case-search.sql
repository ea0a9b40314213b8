-- Up Migration

-- Search over cases (issue 22): Chinese text has no spaces and pg_trgm needs three characters, so a two-character
-- query such as 电梯 would find nothing. Each text is cut into terms instead: every pair of adjacent CJK characters
-- (bigrams) and every ASCII word or number, lower-cased. A query is cut the same way, its terms must all be
-- present (GIN), and the exact substring is checked after, so a bigram match never answers a query wrongly.
-- A single CJK character standing alone makes no term: queries must have two together, or a word.
CREATE FUNCTION petition_search_terms(body text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT term), '{}')
    FROM (SELECT substr(run.r[1], i, 2) AS term
            FROM regexp_matches(lower(body), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}', 'g') AS run(r),
                 generate_series(1, char_length(run.r[1]) - 1) AS i
          UNION ALL
          SELECT word.w[1] FROM regexp_matches(lower(body), '[a-z0-9]+', 'g') AS word(w)) AS terms
$$;

ALTER TABLE petitions
  ADD COLUMN search_terms text[] GENERATED ALWAYS AS (petition_search_terms(subject || ' ' || description)) STORED,
  ADD COLUMN petitioner_name_terms text[]
    GENERATED ALWAYS AS (petition_search_terms(coalesce(petitioner ->> 'name', ''))) STORED;

CREATE INDEX petitions_search_terms_idx ON petitions USING gin (search_terms);
CREATE INDEX petitions_petitioner_name_terms_idx ON petitions USING gin (petitioner_name_terms);
-- The phone as digits only: '138-0000 0000' and '13800000000' are one number.
CREATE INDEX petitions_petitioner_phone_idx ON petitions ((regexp_replace(petitioner ->> 'phone', '[^0-9]', '', 'g')))
  WHERE petitioner ? 'phone';
-- Case numbers by prefix (XF-2026-0001…): LIKE 'p%' needs the pattern operator class.
CREATE INDEX petitions_id_prefix_idx ON petitions (id text_pattern_ops);
-- A leader's queue (包案, caseOwner=me) and the lists by date received.
CREATE INDEX petitions_case_owner_idx ON petitions ((case_state -> 'caseOwner' ->> 'leader'), created_at DESC, id DESC)
  WHERE case_state -> 'caseOwner' IS NOT NULL;
CREATE INDEX petitions_received_idx ON petitions (received_on);
CREATE INDEX supervision_items_petition_level_idx ON supervision_items (petition_id, level) WHERE status IN ('open', 'answered');

-- Down Migration
DROP INDEX supervision_items_petition_level_idx;
DROP INDEX petitions_received_idx;
DROP INDEX petitions_case_owner_idx;
DROP INDEX petitions_id_prefix_idx;
DROP INDEX petitions_petitioner_phone_idx;
DROP INDEX petitions_petitioner_name_terms_idx;
DROP INDEX petitions_search_terms_idx;
ALTER TABLE petitions DROP COLUMN petitioner_name_terms, DROP COLUMN search_terms;
DROP FUNCTION petition_search_terms(text);
