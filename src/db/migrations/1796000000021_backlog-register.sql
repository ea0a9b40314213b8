-- Up Migration

-- The backlog register (积案台账, issue 23 item 2, S37–S40): long-standing matters — one case or a cluster of
-- cases sharing a project or issue, often already replied or final — each with a responsible leader and
-- unit, a cause, measures, a target date and dated progress; worked off in campaigns (专项攻坚) with targets.
-- Not the `backlog` report's 积案 (cases past D5 without a reply): that one is computed from the cases.

CREATE TABLE backlog_campaigns (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  unit_id       text NOT NULL REFERENCES units (id),
  starts_on     date NOT NULL,
  ends_on       date NOT NULL CHECK (ends_on >= starts_on),
  -- 化解率 target in percent; no target: null.
  target_rate   numeric(5, 1) CHECK (target_rate BETWEEN 0 AND 100),
  created_by    text NOT NULL REFERENCES users (login),
  -- The request that created it: a retried request finds it instead of creating another.
  request_id    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX backlog_campaigns_unit_idx ON backlog_campaigns (unit_id, starts_on);

CREATE TABLE backlog_entries (
  id            text PRIMARY KEY,
  campaign_id   text REFERENCES backlog_campaigns (id),
  title         text NOT NULL,
  -- The unit that keeps the entry (its bureau or office) and the unit responsible for working it off.
  owner_unit_id text NOT NULL REFERENCES units (id),
  unit_id       text NOT NULL REFERENCES units (id),
  leader        text NOT NULL,
  cause         text NOT NULL,
  measures      text NOT NULL,
  target_date   date NOT NULL,
  registered_on date NOT NULL,
  outcome       text NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'resolved', 'stopped-petitioning')),
  outcome_on    date,
  CHECK ((outcome = 'open') = (outcome_on IS NULL)),
  created_by    text NOT NULL REFERENCES users (login),
  request_id    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX backlog_entries_campaign_idx ON backlog_entries (campaign_id);
CREATE INDEX backlog_entries_unit_idx ON backlog_entries (unit_id, outcome);
CREATE INDEX backlog_entries_owner_idx ON backlog_entries (owner_unit_id, outcome);

-- The cases of an entry; the first listed is its lead case (its notices hang on it in the inbox).
CREATE TABLE backlog_entry_cases (
  entry_id     text NOT NULL REFERENCES backlog_entries (id),
  petition_id  text NOT NULL REFERENCES petitions (id),
  position     integer NOT NULL,
  PRIMARY KEY (entry_id, petition_id)
);
CREATE INDEX backlog_entry_cases_petition_idx ON backlog_entry_cases (petition_id);

-- Dated progress notes: append-only.
CREATE TABLE backlog_progress (
  id          bigserial PRIMARY KEY,
  entry_id    text NOT NULL REFERENCES backlog_entries (id),
  noted_on    date NOT NULL,
  note        text NOT NULL,
  author      text NOT NULL REFERENCES users (login),
  request_id  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX backlog_progress_entry_idx ON backlog_progress (entry_id, noted_on, id);

-- The alarms the entry's workflow fired (预警, 督办, 报联席办): one row per alarm key, so a retried activity
-- notifies once. Each takes a number from backlog_notice_seq; its notifications hang on the lead case under
-- the NEGATED number as their sequence (case events count from 1: the two never meet).
CREATE SEQUENCE backlog_notice_seq;
CREATE TABLE backlog_alarms (
  entry_id     text NOT NULL REFERENCES backlog_entries (id),
  alarm_key    text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('warning', 'supervision-notice', 'escalation')),
  target_date  date NOT NULL,
  fired_on     date NOT NULL,
  notice_seq   integer NOT NULL DEFAULT nextval('backlog_notice_seq'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, alarm_key)
);

-- Who changed what in the register, in which request, before and after. Append-only for the runtime role.
CREATE TABLE backlog_audit (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  login       text NOT NULL,
  request_id  text NOT NULL,
  entity      text NOT NULL CHECK (entity IN ('campaign', 'entry')),
  entity_id   text NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb NOT NULL
);
CREATE INDEX backlog_audit_entity_idx ON backlog_audit (entity, entity_id, id);
REVOKE UPDATE, DELETE, TRUNCATE ON backlog_progress, backlog_audit, backlog_alarms FROM petitionflow_runtime;

-- Down Migration
DROP TABLE backlog_audit;
DROP TABLE backlog_alarms;
DROP SEQUENCE backlog_notice_seq;
DROP TABLE backlog_progress;
DROP TABLE backlog_entry_cases;
DROP TABLE backlog_entries;
DROP TABLE backlog_campaigns;
