-- Up Migration

-- Two roles: the migrator (whoever runs the migrations) owns the schema; the runtime role, which the API and
-- the workers connect as (a login role granted it, or SET ROLE), reads and writes rows and nothing more. The
-- audit trail is append-only for it: INSERT and SELECT, no UPDATE, DELETE or TRUNCATE, and as it owns no
-- table it can neither alter nor disable a trigger.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'petitionflow_runtime') THEN
    CREATE ROLE petitionflow_runtime NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO petitionflow_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO petitionflow_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO petitionflow_runtime;
REVOKE ALL ON pgmigrations FROM petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON petition_events FROM petitionflow_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON petition_events_superseded FROM petitionflow_runtime;
-- Tables later migrations create get the same row privileges (they revoke what an append-only table must not have).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO petitionflow_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO petitionflow_runtime;

-- The one way events leave the audit trail: superseded by the redo of a failed workflow task, moved aside
-- (see db/case-events.ts). It runs with the owner's rights; the trigger lets a delete through only there.
CREATE FUNCTION supersede_petition_events(petition text, from_sequence integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO petition_events_superseded
    SELECT *, now() FROM petition_events WHERE petition_id = petition AND sequence >= from_sequence;
  PERFORM set_config('petitionflow.superseding', 'on', true);
  DELETE FROM petition_events WHERE petition_id = petition AND sequence >= from_sequence;
  PERFORM set_config('petitionflow.superseding', 'off', true);
END;
$$;
REVOKE ALL ON FUNCTION supersede_petition_events(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION supersede_petition_events(text, integer) TO petitionflow_runtime;

-- Deletes only inside that function (it runs as the table's owner): a session that sets the flag itself is
-- still refused unless it owns the table anyway.
CREATE OR REPLACE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('petitionflow.superseding', true) = 'on'
     AND current_user = (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'petition_events') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'petition_events is append-only';
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION petition_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('petitionflow.superseding', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'petition_events is append-only';
END;
$$;
DROP FUNCTION supersede_petition_events(text, integer);
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM petitionflow_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM petitionflow_runtime;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM petitionflow_runtime;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM petitionflow_runtime;
REVOKE USAGE ON SCHEMA public FROM petitionflow_runtime;
