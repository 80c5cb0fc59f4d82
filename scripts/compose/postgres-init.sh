#!/bin/sh
# docker-compose.yml's postgres service runs this once, on an empty data volume
# (/docker-entrypoint-initdb.d): two owners, three databases, nobody else let in.
#   permits   owns vehicle_permit                    (the service: api, worker, migrate)
#   temporal  owns temporal and temporal_visibility  (the Temporal server and its schema tool)
# The passwords come from the environment; psql quotes them (:'name'), they are never echoed.
set -eu

: "${APP_DB_PASSWORD:?APP_DB_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$APP_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE permits LOGIN PASSWORD :'app_password';
CREATE DATABASE vehicle_permit OWNER permits;
REVOKE ALL ON DATABASE vehicle_permit FROM PUBLIC;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
SQL

echo 'postgres-init: roles permits and temporal, databases vehicle_permit, temporal, temporal_visibility'
