#!/bin/sh
# Run by the postgres image once, when the data volume is first initialised (docker-entrypoint-initdb.d).
# One login role per consumer, so the app cannot touch Temporal's tables and Temporal cannot touch the
# read model; and the app's own migrator (the schema's owner) apart from its runtime login. Temporal's role gets CREATEDB because its schema job creates its own two databases (the
# official setup flow); the app's database is created here, owned by the app's role.
# The image may source this file instead of executing it, so: no `exit`, no `set -u`.
set -e
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"
: "${APP_DB_PASSWORD:?APP_DB_PASSWORD is required}"
: "${APP_RUNTIME_DB_PASSWORD:?APP_RUNTIME_DB_PASSWORD is required}"

# Passwords go in as psql variables (:'name' quotes them), never spliced into the SQL text.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v app_password="$APP_DB_PASSWORD" \
  -v runtime_password="$APP_RUNTIME_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE petitionflow LOGIN PASSWORD :'app_password';
CREATE DATABASE petitionflow OWNER petitionflow;
REVOKE ALL ON DATABASE petitionflow FROM PUBLIC;
-- The API and the workers log in as petitionflow_app, which has only what the runtime role is granted by the
-- migrations (rows; the audit trail append-only). petitionflow, the owner, runs the migrations.
CREATE ROLE petitionflow_runtime NOLOGIN;
CREATE ROLE petitionflow_app LOGIN PASSWORD :'runtime_password' IN ROLE petitionflow_runtime;
GRANT CONNECT ON DATABASE petitionflow TO petitionflow_runtime;
SQL
