-- Up Migration

-- The visit register (来访登记, issue 23 item 1: S25–S27, S47, S52). Counts of visits, never a register of
-- persons (the standing decision in bureau-practice.md): no name or ID number here, only 批 and 人次. Read-model
-- data: nothing reaches Temporal. Append-only for the runtime role, like the case file's work log.

-- A leader's reception day (领导接访日), a down-visit (下访) or a joint reception (联合接访): one event, counted once
-- (「领导接访7次」), with the leaders who took part (「党政领导下访75人次」 counts them); visits received at it name it.
CREATE TABLE reception_sessions (
  id           text PRIMARY KEY,
  -- The request that recorded it: a retry of the same request (same Idempotency-Key) finds it again.
  request_id   text NOT NULL UNIQUE,
  unit_id      text NOT NULL REFERENCES units (id),
  kind         text NOT NULL CHECK (kind IN ('leaderReception', 'downVisit', 'jointReception')),
  held_on      date NOT NULL,
  leader       text NOT NULL,
  leaders      integer NOT NULL CHECK (leaders >= 1),
  place        text NOT NULL,
  recorded_by  text NOT NULL REFERENCES users (login),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reception_sessions_by_unit ON reception_sessions (unit_id, held_on);

CREATE TABLE visits (
  id           text PRIMARY KEY,
  request_id   text NOT NULL UNIQUE,
  petition_id  text NOT NULL REFERENCES petitions (id),
  -- The receiving unit (the recorder's): the figures count a visit in the scopes that hold it.
  unit_id      text NOT NULL REFERENCES units (id),
  visited_on   date NOT NULL,
  place        text NOT NULL,
  batches      integer NOT NULL CHECK (batches >= 1),
  persons      integer NOT NULL CHECK (persons >= batches),
  -- 集体访: one batch of five or more; derived, never typed.
  group_visit  boolean GENERATED ALWAYS AS (batches = 1 AND persons >= 5) STORED,
  -- The visit registered its case (a new registration, channel visit); otherwise it was recorded on an existing one.
  registered   boolean NOT NULL,
  -- 重复访: on an existing case, or registering a case the registration found to repeat an earlier one.
  repeat       boolean NOT NULL,
  reception    text CHECK (reception IN ('reception', 'leaderReception', 'appointment', 'downVisit', 'jointReception')),
  session_id   text REFERENCES reception_sessions (id),
  received_by  text,
  -- 越级访 reported down: where it was made (进京 / 赴省 / 到市); such a visit was received there, not here.
  destination  text CHECK (destination IN ('beijing', 'province', 'city')),
  CHECK ((reception IS NULL) <> (destination IS NULL)),
  recorded_by  text NOT NULL REFERENCES users (login),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_by_unit ON visits (unit_id, visited_on);
CREATE INDEX visits_by_case ON visits (petition_id, visited_on);
CREATE INDEX visits_by_session ON visits (session_id) WHERE session_id IS NOT NULL;

-- A leader's written instruction on a case (阅批 / 批示): on the case, audited by who recorded it and when.
CREATE TABLE case_instructions (
  id             text PRIMARY KEY,
  request_id     text NOT NULL UNIQUE,
  petition_id    text NOT NULL REFERENCES petitions (id),
  kind           text NOT NULL CHECK (kind IN ('reading', 'instruction')),
  instructed_on  date NOT NULL,
  leader         text NOT NULL,
  body           text NOT NULL,
  recorded_by    text NOT NULL REFERENCES users (login),
  unit_id        text NOT NULL REFERENCES units (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_instructions_by_case ON case_instructions (petition_id, instructed_on);
CREATE INDEX case_instructions_by_day ON case_instructions (instructed_on);

GRANT SELECT, INSERT ON reception_sessions, visits, case_instructions TO petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON reception_sessions, visits, case_instructions FROM petitionflow_runtime;

-- Down Migration
DROP TABLE case_instructions;
DROP TABLE visits;
DROP TABLE reception_sessions;
