#!/bin/sh
# One-shot job (temporalio/admin-tools): creates Temporal's two databases and brings their schema to the
# version shipped with this admin-tools image, as the official compose setup does for temporalio/server.
# Safe on every start: `create` ignores an existing database, `setup-schema -v 0.0` keeps a recorded
# version, and `update-schema` applies only newer versions, so bumping the image tags upgrades the schema.
# Connection settings come from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and SQL_PASSWORD (read by
# temporal-sql-tool itself).
set -eu
: "${SQL_HOST:?SQL_HOST is required}" "${SQL_USER:?SQL_USER is required}" "${SQL_PASSWORD:?SQL_PASSWORD is required}"

SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

setup() { # setup <database> <schema folder>
  temporal-sql-tool --db "$1" create
  temporal-sql-tool --db "$1" setup-schema -v 0.0
  temporal-sql-tool --db "$1" update-schema -d "$SCHEMA_ROOT/$2/versioned"
}

# The names the server's config template uses by default (DBNAME, VISIBILITY_DBNAME).
setup temporal temporal
setup temporal_visibility visibility
echo 'Temporal schema is up to date'
