#!/bin/sh
# docker-compose.yml's temporal-schema service (temporalio/admin-tools, the server's version):
# sets up Temporal's two databases, or upgrades them to the schema of that version. Running it
# again changes nothing (setup-schema keeps a newer version; update-schema applies only the
# versions the database lacks). Any error ends it non-zero, and the deploy stops there.
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${POSTGRES_PWD:?}"
: "${DBNAME:?}" "${VISIBILITY_DBNAME:?}"
export SQL_PASSWORD="$POSTGRES_PWD" # read by temporal-sql-tool; kept out of the command line
schema=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12} # where the admin tools keep it

sql_tool() {
  temporal-sql-tool --plugin "${DB:-postgres12}" --endpoint "$POSTGRES_SEEDS" \
    --port "${DB_PORT:-5432}" --user "$POSTGRES_USER" "$@"
}

for pair in "$DBNAME:temporal" "$VISIBILITY_DBNAME:visibility"; do
  database=${pair%%:*}
  directory=${pair#*:}
  echo "temporal-schema: $database ($directory)"
  sql_tool --database "$database" setup-schema -v 0.0
  sql_tool --database "$database" update-schema -d "$schema/$directory/versioned"
done

echo 'temporal-schema: done'
