-- Up Migration

-- The dispute screening register (矛盾纠纷排查, issue 23 item 3, S41): rounds of screening a unit held for a
-- period, the disputes each round found, and each dispute's outcome over time. Counts only: the parties of a
-- dispute are a number, never names (the standing decision in bureau-practice.md). Nothing here reaches
-- Temporal. Append-only for the runtime role: an outcome changes by a later dated entry, never by an update,
-- so the register keeps who recorded what and when. `request_id` keys each row by the API request that wrote
-- it (the Idempotency-Key's), so a retried request never writes twice.
CREATE TABLE screening_rounds (
  id            text PRIMARY KEY,
  unit_id       text NOT NULL REFERENCES units (id),
  -- 定期 (the cadence: villages every half month, townships and up every month), 集中 or 重点 screening (004).
  kind          text NOT NULL CHECK (kind IN ('regular', 'concentrated', 'focused')),
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  held_on       date NOT NULL,
  led_by        text NOT NULL,
  note          text,
  recorded_by   text NOT NULL REFERENCES users (login),
  request_id    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK (held_on >= period_start)
);
CREATE INDEX screening_rounds_by_unit ON screening_rounds (unit_id, held_on);
CREATE INDEX screening_rounds_by_day ON screening_rounds (held_on);

CREATE TABLE screening_disputes (
  id                      text PRIMARY KEY,
  round_id                text NOT NULL REFERENCES screening_rounds (id),
  -- The subject matter as cases keep it: the code, its category and the classification file's id@version.
  classification_code     text NOT NULL,
  classification_category text NOT NULL,
  classification_version  text NOT NULL,
  summary                 text NOT NULL,
  place                   text NOT NULL,
  parties                 integer NOT NULL CHECK (parties >= 1),
  risk_level              text NOT NULL CHECK (risk_level IN ('high', 'medium', 'low')),
  handling_unit_id        text NOT NULL REFERENCES units (id),
  recorded_by             text NOT NULL REFERENCES users (login),
  request_id              text NOT NULL UNIQUE,
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screening_disputes_by_round ON screening_disputes (round_id);

-- A dispute is open from its round until an outcome says otherwise; the latest entry (by date, then by when it
-- was written) is its outcome. `petition` names the case the dispute became (登记为信访事项).
CREATE TABLE screening_outcomes (
  id            bigserial PRIMARY KEY,
  dispute_id    text NOT NULL REFERENCES screening_disputes (id),
  outcome       text NOT NULL CHECK (outcome IN ('open', 'mediated', 'resolved', 'petition')),
  outcome_on    date NOT NULL,
  petition_id   text REFERENCES petitions (id),
  note          text,
  recorded_by   text NOT NULL REFERENCES users (login),
  unit_id       text NOT NULL REFERENCES units (id),
  request_id    text NOT NULL UNIQUE,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'petition') = (petition_id IS NOT NULL))
);
CREATE INDEX screening_outcomes_by_dispute ON screening_outcomes (dispute_id, outcome_on, id);
CREATE INDEX screening_outcomes_by_petition ON screening_outcomes (petition_id) WHERE petition_id IS NOT NULL;

GRANT SELECT, INSERT ON screening_rounds, screening_disputes, screening_outcomes TO petitionflow_runtime;
GRANT USAGE, SELECT ON SEQUENCE screening_outcomes_id_seq TO petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON screening_rounds, screening_disputes, screening_outcomes FROM petitionflow_runtime;

-- Down Migration
DROP TABLE screening_outcomes;
DROP TABLE screening_disputes;
DROP TABLE screening_rounds;
